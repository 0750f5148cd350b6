/**
 * What the kernel did with one flow, as a disposition: the packets arrived where the flow was
 * going (ACCEPTED at an ENI's host, EXITS_NETWORK at the internet namespace), or an ENI's check
 * dropped them (DENIED_EGRESS / DENIED_INGRESS from the nft counter that moved), or neither
 * (NO_ROUTE: no route, a host that does not forward, a routing loop). Pure.
 */
import type { DropRow } from "../model/check-report";
import type { Disposition } from "../model/disposition";
import type { LabBlueprint } from "./lab-blueprint";
import { checkCounterName, checkSetName } from "./lab-names";
import { CHECK_DIRECTIONS, type CheckDirection } from "./nft-rulesets";
import type { AddressCount, AddressPairCount, CounterValue, NftTableCounts } from "./nft-observations";
import type { ProbePlan } from "./probe-plan";

export interface EniDropObservation extends CounterValue {
  readonly eni: string;
  readonly direction: CheckDirection;
  /** The address pairs the drop rule saw, with their counts. */
  readonly pairs: readonly AddressPairCount[];
}

export interface ProbeObservation {
  readonly arrived: CounterValue;
  /** Source addresses of what arrived: after any NAT on the way, so a NAT's rewrite shows. */
  readonly arrivedFrom: readonly AddressCount[];
  /** Only ENIs and directions whose counter moved. */
  readonly drops: readonly EniDropObservation[];
}

export interface KernelVerdict {
  readonly plan: ProbePlan;
  readonly disposition: Disposition;
  readonly hops: readonly string[];
  readonly drops: readonly DropRow[];
  readonly arrived: CounterValue;
  readonly arrivedFrom: readonly string[];
}

/** The check's counters that moved, per ENI and direction, from the vpc namespace's table. */
export function dropObservations(b: LabBlueprint, counts: NftTableCounts): EniDropObservation[] {
  const drops: EniDropObservation[] = [];
  for (const port of b.ports) {
    if (!port.checked) continue;
    for (const direction of CHECK_DIRECTIONS) {
      const counter = counts.counters.get(checkCounterName(port.ordinal, direction));
      if (!counter || counter.packets === 0) continue;
      drops.push({ eni: port.eni, direction, packets: counter.packets, bytes: counter.bytes, pairs: counts.sets.get(checkSetName(port.ordinal, direction)) ?? [] });
    }
  }
  return drops;
}

const reasonOf = (d: CheckDirection): DropRow["reason"] => (d === "egress" ? "spoofed-source" : "not-destination");

const sum = (pairs: readonly AddressPairCount[], key: "packets" | "bytes"): number => pairs.reduce((n, p) => n + p[key], 0);

/**
 * The drops that belong to this flow: packets going to its destination (nothing on the way
 * rewrites destinations) from its source or a NAT's address (a masquerade rewrites sources).
 * Anything else that moved a counter meanwhile is a late echo of an earlier flow (an ICMP error
 * sent after an ARP timeout, a reply) and must not decide.
 */
export function splitDrops(plan: Pick<ProbePlan, "flow" | "forwardSources">, drops: readonly EniDropObservation[]): { related: EniDropObservation[]; unrelated: EniDropObservation[] } {
  const sources = new Set(plan.forwardSources);
  const mineTest = (p: AddressPairCount): boolean => p.dst === plan.flow.dst && sources.has(p.src);
  const related: EniDropObservation[] = [];
  const unrelated: EniDropObservation[] = [];
  for (const d of drops) {
    // Without address pairs (a full set) the counter cannot be split: it is taken as this flow's.
    if (d.pairs.length === 0) {
      related.push(d);
      continue;
    }
    const mine = d.pairs.filter(mineTest);
    const others = d.pairs.filter((p) => !mineTest(p));
    if (mine.length > 0) related.push({ ...d, packets: sum(mine, "packets"), bytes: sum(mine, "bytes"), pairs: mine });
    if (others.length > 0) unrelated.push({ ...d, packets: sum(others, "packets"), bytes: sum(others, "bytes"), pairs: others });
  }
  return { related, unrelated };
}

export function judgeProbe(plan: ProbePlan, observation: ProbeObservation): KernelVerdict {
  const f = plan.flow;
  const hops: string[] = [`${plan.sender.label} sent ${f.protocol} ${f.src} -> ${f.dst}${f.dstPort !== undefined ? `:${f.dstPort}` : ""}${plan.sender.injectSource ? ` (${f.src} put on its loopback: it is outside the plan)` : ""}`];
  const rows: DropRow[] = [];
  const { related, unrelated } = splitDrops(plan, observation.drops);
  for (const d of related) {
    const seen = d.pairs.map((p) => `${p.src} -> ${p.dst}`).join(", ");
    hops.push(`${d.eni} ${d.direction} DENIED (${reasonOf(d.direction)}: nft dropped ${d.packets} packets, ${d.bytes} bytes${seen ? `; seen ${seen}` : ""})`);
    const pairs = d.pairs.length > 0 ? d.pairs : [{ src: f.src, dst: f.dst, packets: d.packets, bytes: d.bytes }];
    for (const p of pairs) {
      rows.push({ eni: d.eni, direction: d.direction, reason: reasonOf(d.direction), src: p.src, dst: p.dst, count: p.packets, bytes: p.bytes, flow: f.name, measured: true });
    }
  }
  for (const d of unrelated) {
    hops.push(`${d.eni} ${d.direction} dropped ${d.packets} packets of ${d.pairs.map((p) => `${p.src} -> ${p.dst}`).join(", ")}: not this flow's packets, an echo of an earlier flow (ignored)`);
  }
  const arrived = observation.arrived.packets > 0;
  const from = observation.arrivedFrom.map((a) => a.address);
  hops.push(
    arrived ? `${plan.arrival.label} received ${observation.arrived.packets} packets (${observation.arrived.bytes} bytes)${from.length > 0 ? ` from ${from.join(", ")}` : ""}` : `nothing arrived at ${plan.arrival.label}`,
  );
  return { plan, disposition: dispositionOf(plan, observation), hops, drops: rows, arrived: observation.arrived, arrivedFrom: from };
}

export function dispositionOf(plan: ProbePlan, observation: ProbeObservation): Disposition {
  // Arrival wins: a packet that reached its destination was not stopped on the way, whatever
  // else (a reply, an ICMP error) a check may have dropped meanwhile.
  if (observation.arrived.packets > 0) return plan.arrival.kind === "eni" ? "ACCEPTED" : "EXITS_NETWORK";
  let biggest: EniDropObservation | undefined;
  for (const d of splitDrops(plan, observation.drops).related) if (!biggest || d.packets > biggest.packets) biggest = d;
  if (biggest) return biggest.direction === "egress" ? "DENIED_EGRESS" : "DENIED_INGRESS";
  return "NO_ROUTE";
}
