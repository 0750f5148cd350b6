/**
 * `eni-sim assess`: the 2025 announcement's criteria applied to an account. Since 2025-04-22 new
 * ENIs get Source/Destination Check on by default in accounts that, since 2024-12-01, had no
 * route whose next hop is an ENI or instance and no traffic with mismatched addresses. So: do
 * the account's routes and flow logs keep it on the old default, and what would break if its
 * ENIs were created again under the new one?
 */
import type { CheckReport, Finding } from "./check-report";
import { describeRoute, type TopologyIndex } from "./topology-index";
import type { Topology } from "./topology";

export type NewDefault = "enabled" | "disabled" | "not-offered";

export interface AssessReport {
  readonly region: { readonly id: string; readonly sourceDestCheckSupported: boolean };
  readonly criteria: {
    /** Routes whose next hop is an ENI or an instance (`vtb-x: 0.0.0.0/0 -> eni-nat`). */
    readonly routesToEniOrInstance: readonly string[];
    /** Observed traffic whose addresses are not those of the ENI it crossed. */
    readonly mismatchedTraffic: { readonly enis: readonly string[]; readonly flows: number; readonly packets: number; readonly bytes: number };
  };
  /** What new ENIs of this account get under the 2025 rule. */
  readonly newDefault: NewDefault;
  readonly reasons: readonly string[];
  /** What limits the answer: traffic that could not be judged, no traffic at all. */
  readonly caveats: readonly string[];
  /** The account as it is, judged against its traffic. */
  readonly current: CheckReport;
  /** The account with every ENI created again under the new default (check on unless set off). */
  readonly ifRecreated: CheckReport;
  /** ENIs that would drop traffic if recreated under the new default. */
  readonly wouldBreak: readonly Finding[];
}

/** The account with every ENI's setting left to a default that turns the check on. */
export function recreatedUnderNewDefault(topology: Topology): Topology {
  return {
    ...topology,
    sourceDestCheckDefault: true,
    networkInterfaces: topology.networkInterfaces.map(({ sourceDestCheck: _dropped, ...rest }) => rest),
  };
}

export function assessAccount(index: TopologyIndex, current: CheckReport, ifRecreated: CheckReport): AssessReport {
  const routes = index.routesTo.flat().map(describeRoute);
  const mismatched = mismatchedTraffic(index, ifRecreated);
  const reasons: string[] = [];
  let newDefault: NewDefault;
  if (!index.regionSupported) {
    newDefault = "not-offered";
    reasons.push(`region ${index.topology.region} is not one of the 28 regions that offer Source/Destination Check`);
  } else {
    if (routes.length > 0) reasons.push(`${routes.length} route(s) have an ENI or instance as next hop: ${routes.join("; ")}`);
    if (mismatched.flows > 0) reasons.push(`${mismatched.flows} flow(s) with mismatched addresses were seen at ${mismatched.enis.join(", ")}`);
    newDefault = reasons.length > 0 ? "disabled" : "enabled";
    if (newDefault === "enabled") reasons.push("no route points at an ENI or instance and no traffic with mismatched addresses was seen: new ENIs get the check on");
  }
  return {
    region: { id: index.topology.region, sourceDestCheckSupported: index.regionSupported },
    criteria: { routesToEniOrInstance: routes, mismatchedTraffic: mismatched },
    newDefault,
    reasons,
    caveats: caveatsOf(current),
    current,
    ifRecreated,
    wouldBreak: ifRecreated.findings.filter((f) => f.kind === "must-disable"),
  };
}

/**
 * Mismatched traffic is read from the recreated run's must-disable evidence: with every check on
 * there, each ENI that saw foreign addresses has a finding carrying its counts.
 */
function mismatchedTraffic(index: TopologyIndex, ifRecreated: CheckReport): AssessReport["criteria"]["mismatchedTraffic"] {
  const enis: string[] = [];
  let flows = 0;
  let packets = 0;
  let bytes = 0;
  for (const f of ifRecreated.findings) {
    if (f.kind !== "must-disable" || !f.evidence || f.evidence.flows === 0 || !index.eniById.has(f.eni)) continue;
    enis.push(f.eni);
    flows += f.evidence.flows;
    packets += f.evidence.packets;
    bytes += f.evidence.bytes;
  }
  return { enis, flows, packets, bytes };
}

function caveatsOf(current: CheckReport): string[] {
  const caveats: string[] = [];
  const observed = current.observed;
  if (!observed || observed.records === 0) {
    caveats.push("no flow logs were given: mismatched traffic since 2024-12-01 cannot be ruled out");
  } else if (observed.unattributed > 0) {
    caveats.push(`${observed.unattributed} of ${observed.records} records belong to no ENI of this account and were not judged`);
  }
  return caveats;
}
