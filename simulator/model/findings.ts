/**
 * Findings from the evidence gathered per ENI (observed conversations, declared-flow passages,
 * routes pointing at it): which ENIs must have the check off, which could have it on, and which
 * ask for it where the cloud does not offer it.
 */
import type { Evidence, Finding } from "./check-report";
import type { ConversationTable } from "./conversation-table";
import { classifyScenario } from "./scenario-hints";
import { describeRoute, type IndexedEni, type TopologyIndex } from "./topology-index";
import type { Trace } from "./trace";
import { VPN_UDP_PORTS } from "./observed-traffic";

export interface EniEvidence {
  flows: number;
  packets: number;
  bytes: number;
  siblingFlows: number;
  vpnTraffic: boolean;
}

export interface EvidenceSources {
  readonly conversations?: ConversationTable;
  readonly vpnTraffic?: Uint8Array;
  readonly traces: readonly Trace[];
}

function isSibling(index: TopologyIndex, eni: IndexedEni, address: number): boolean {
  const owner = index.ipOwner.get(address);
  if (owner === undefined || owner === eni.ordinal || !eni.instance) return false;
  return index.enis[owner]!.instance?.id === eni.instance.id;
}

export function gatherEvidence(index: TopologyIndex, sources: EvidenceSources): EniEvidence[] {
  const evidence: EniEvidence[] = index.enis.map((e) => ({ flows: 0, packets: 0, bytes: 0, siblingFlows: 0, vpnTraffic: sources.vpnTraffic?.[e.ordinal] === 1 }));
  if (sources.conversations) {
    sources.conversations.forEach((slot, src, dst, packets, bytes) => {
      const eni = index.enis[slot >> 1]!;
      const ev = evidence[eni.ordinal]!;
      ev.flows++;
      ev.packets += packets;
      ev.bytes += bytes;
      if (isSibling(index, eni, (slot & 1) === 1 ? src : dst)) ev.siblingFlows++;
    });
    for (const [slot, o] of sources.conversations.overflow) {
      const ev = evidence[slot >> 1]!;
      ev.flows += o.records;
      ev.packets += o.packets;
      ev.bytes += o.bytes;
    }
  }
  for (const trace of sources.traces) {
    // A routed flow passes a forwarder twice (in and out): it is still one flow there.
    const counted = new Set<number>();
    for (const p of trace.foreign) {
      const eni = index.enis[p.eni]!;
      const ev = evidence[p.eni]!;
      if (counted.has(p.eni)) continue;
      counted.add(p.eni);
      ev.flows++;
      if (isSibling(index, eni, p.direction === "egress" ? p.src : p.dst)) ev.siblingFlows++;
    }
    const f = trace.flow;
    if (f.protocol === "udp" && f.dstPort !== undefined && VPN_UDP_PORTS.has(f.dstPort) && trace.disposition === "ACCEPTED") {
      const last = trace.hops[trace.hops.length - 1];
      const owner = last === undefined ? undefined : index.eniById.get(last.node);
      if (owner !== undefined) evidence[owner]!.vpnTraffic = true;
    }
  }
  return evidence;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function policyRoutingAdvice(eni: IndexedEni): string {
  const instance = eni.instance?.id ?? "the instance";
  return (
    `configure policy-based routing on ${instance} so each ENI's traffic leaves by the ENI that owns its source ` +
    `(a routing table per ENI plus \`ip rule add from <eni address> table <n>\`; in the topology: policyRouting: true), ` +
    `which keeps the check on; or set sourceDestCheck: false on ${eni.eni.id}`
  );
}

export function buildFindings(index: TopologyIndex, evidence: readonly EniEvidence[]): Finding[] {
  const findings: Finding[] = [];
  for (const eni of index.enis) {
    const ev = evidence[eni.ordinal]!;
    const routes = index.routesTo[eni.ordinal]!.map(describeRoute);
    const id = eni.eni.id;
    if (eni.eni.sourceDestCheck === true && !index.regionSupported) {
      findings.push({
        eni: id,
        kind: "unsupported-region",
        message: `${id} sets sourceDestCheck: true, but region ${index.topology.region} is not one of the 28 regions that offer Source/Destination Check: the setting protects nothing there`,
        fix: `remove sourceDestCheck from ${id}, or deploy in a supported region`,
      });
    }
    const forwards = ev.flows > 0 || routes.length > 0;
    if (eni.checkEffective && forwards) {
      const scenario = classifyScenario(eni, { siblingFlows: ev.siblingFlows, vpnTraffic: ev.vpnTraffic, routesPointHere: routes.length > 0 });
      const evidenceValue: Evidence = { flows: ev.flows, packets: ev.packets, bytes: ev.bytes, routes };
      const what = [
        ev.flows > 0 ? `${plural(ev.flows, "flow")} (${plural(ev.packets, "packet")}, ${ev.bytes} bytes) carry addresses that are not its own` : "",
        routes.length > 0 ? `${routes.length === 1 ? "a route points" : `${routes.length} routes point`} at it (${routes.join("; ")})` : "",
      ].filter(Boolean);
      findings.push({
        eni: id,
        kind: "must-disable",
        scenario,
        message: `${id} has Source/Destination Check on (${checkSource(eni, index)}) but works as ${scenarioPhrase(scenario)}: ${what.join(", and ")}; the check drops that traffic${regionNote(index)}`,
        evidence: evidenceValue,
        fix: scenario === "multi-eni" ? policyRoutingAdvice(eni) : `set sourceDestCheck: false on ${id}`,
      });
      continue;
    }
    const forwarding = eni.instance?.forwarding ?? "none";
    if (!eni.checkEffective && index.regionSupported && !forwards && forwarding === "none") {
      findings.push({
        eni: id,
        kind: "can-enable",
        message: `${id} has Source/Destination Check off, yet no traffic with addresses other than its own was seen or declared, no route points at it and its instance does not forward: the check can be turned on${regionNote(index)}`,
        evidence: { flows: 0, packets: 0, bytes: 0, routes: [] },
        fix: `set sourceDestCheck: true on ${id}`,
      });
    }
  }
  return findings;
}

/** Said wherever a finding depends on the region the plan does not name. */
function regionNote(index: TopologyIndex): string {
  return index.regionKnown ? "" : " (the plan names no region: judged as in one of the 28 regions that offer the check; set the region to be sure)";
}

function checkSource(eni: IndexedEni, index: TopologyIndex): string {
  if (eni.eni.sourceDestCheck === true) return "set in the plan";
  return index.topology.sourceDestCheckDefault === undefined
    ? "left unset: new ENIs get it on by default in this region"
    : "left unset: the account default turns it on";
}

function scenarioPhrase(scenario: ReturnType<typeof classifyScenario>): string {
  switch (scenario) {
    case "nat":
      return "a NAT device";
    case "routing":
      return "a router";
    case "load-balancer":
      return "a custom load balancer";
    case "vpn":
      return "a VPN endpoint";
    case "multi-eni":
      return "one of several ENIs of an instance without policy-based routing";
    case "other":
      return "a forwarder of other hosts' traffic";
    default: {
      const never: never = scenario;
      return String(never);
    }
  }
}
