/**
 * nftables rulesets of the lab, as text for `nft -f -`. The check lives in the vpc namespace on
 * the bridge family: a frame entering the bridge from an ENI's port is that ENI's egress (judged
 * at prerouting, before bridging or routing), a frame leaving by the port is its ingress (judged
 * at postrouting, which sees bridged and routed frames alike). Each drop is counted per ENI and
 * direction, and its address pair is remembered in a set, so drop rows carry what the kernel saw.
 */
import type { LabBlueprint, LabPort } from "./lab-blueprint";
import { ARRIVAL_CHAIN, ARRIVAL_COUNTER, ARRIVAL_SOURCES, ARRIVAL_TABLE, CHECK_TABLE, checkCounterName, checkSetName, SNAT_MARK, SNAT_TABLE } from "./lab-names";
import type { FlowProtocol } from "../traffic/records";

export type CheckDirection = "egress" | "ingress";
export const CHECK_DIRECTIONS: readonly CheckDirection[] = ["egress", "ingress"];

/** Rule comments are quoted strings: plan ids may hold anything, nft strings may not hold quotes. */
const commentText = (text: string): string => text.replace(/["\\\n\r]/g, "_").slice(0, 120);

function checkRule(port: LabPort, direction: CheckDirection): string {
  const addresses = `{ ${port.addresses.join(", ")} }`;
  const match = direction === "egress" ? `iifname "${port.port}" ip saddr != ${addresses}` : `oifname "${port.port}" ip daddr != ${addresses}`;
  const reason = direction === "egress" ? "spoofed-source" : "not-destination";
  return `    ${match} update @${checkSetName(port.ordinal, direction)} { ip saddr . ip daddr } counter name "${checkCounterName(port.ordinal, direction)}" drop comment "${commentText(`${port.eni} ${direction} ${reason}`)}"`;
}

/** The check for every ENI that has it on; an ENI with it off gets no rule (the cloud judges nothing). */
export function checkRuleset(blueprint: LabBlueprint): string {
  const checked = blueprint.ports.filter((p) => p.checked);
  const lines = [`table bridge ${CHECK_TABLE} {`];
  for (const port of checked) {
    for (const direction of CHECK_DIRECTIONS) {
      lines.push(`  counter ${checkCounterName(port.ordinal, direction)} {`, "  }");
      lines.push(`  set ${checkSetName(port.ordinal, direction)} {`, "    type ipv4_addr . ipv4_addr", "    flags dynamic", "    size 4096", "    counter", "  }");
    }
  }
  // The VPC carries no multicast: the bridges' own IGMP reports would otherwise be judged as traffic.
  for (const [chain, hook] of [["no_multicast_in", "prerouting"], ["no_multicast_out", "output"]] as const) {
    lines.push(`  chain ${chain} {`, `    type filter hook ${hook} priority -10; policy accept;`, "    ip daddr 224.0.0.0/4 drop", "  }");
  }
  lines.push("  chain eni_egress {", "    type filter hook prerouting priority 0; policy accept;");
  for (const port of checked) lines.push(checkRule(port, "egress"));
  lines.push("  }", "  chain eni_ingress {", "    type filter hook postrouting priority 0; policy accept;");
  for (const port of checked) lines.push(checkRule(port, "ingress"));
  lines.push("  }", "}", "");
  return lines.join("\n");
}

/** `forwarding: snat`: forwarded packets leave with the outgoing ENI's address; the host's own keep theirs. */
export function snatRuleset(): string {
  return [
    `table ip ${SNAT_TABLE} {`,
    "  chain mark_forwarded {",
    "    type filter hook forward priority 0; policy accept;",
    `    meta mark set ${SNAT_MARK}`,
    "  }",
    "  chain rewrite_source {",
    "    type nat hook postrouting priority srcnat; policy accept;",
    `    meta mark ${SNAT_MARK} masquerade`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/** An empty arrival counter; `lab run` points it at one flow at a time. */
export function arrivalRuleset(): string {
  return [
    `table inet ${ARRIVAL_TABLE} {`,
    `  counter ${ARRIVAL_COUNTER} {`,
    "  }",
    `  set ${ARRIVAL_SOURCES} {`,
    "    type ipv4_addr",
    "    flags dynamic",
    "    size 1024",
    "    counter",
    "  }",
    `  chain ${ARRIVAL_CHAIN} {`, "    type filter hook prerouting priority -300; policy accept;", "  }", "}", ""].join("\n");
}

export interface ArrivalMatch {
  readonly dst: string;
  readonly protocol: FlowProtocol;
  readonly dstPort?: number;
}

/**
 * Points the arrival counter at one flow: packets to its destination, protocol and port. The
 * source is not matched, because a NAT instance on the way rewrites it.
 */
export function arrivalProbeCommands(match: ArrivalMatch): string {
  const l4 =
    match.protocol === "icmp" ? "meta l4proto icmp icmp type echo-request" : `meta l4proto ${match.protocol}${match.dstPort !== undefined ? ` ${match.protocol} dport ${match.dstPort}` : ""}`;
  return [
    `flush chain inet ${ARRIVAL_TABLE} ${ARRIVAL_CHAIN}`,
    `reset counter inet ${ARRIVAL_TABLE} ${ARRIVAL_COUNTER}`,
    `flush set inet ${ARRIVAL_TABLE} ${ARRIVAL_SOURCES}`,
    `add rule inet ${ARRIVAL_TABLE} ${ARRIVAL_CHAIN} ip daddr ${match.dst} ${l4} update @${ARRIVAL_SOURCES} { ip saddr } counter name "${ARRIVAL_COUNTER}"`,
    "",
  ].join("\n");
}

/** Zeroes the check's counters and forgets the address pairs before a flow is sent. */
export function checkResetCommands(blueprint: LabBlueprint): string {
  const lines: string[] = [];
  for (const port of blueprint.ports.filter((p) => p.checked)) {
    for (const direction of CHECK_DIRECTIONS) {
      lines.push(`reset counter bridge ${CHECK_TABLE} ${checkCounterName(port.ordinal, direction)}`);
      lines.push(`flush set bridge ${CHECK_TABLE} ${checkSetName(port.ordinal, direction)}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
