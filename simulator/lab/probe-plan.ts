/**
 * Where a declared flow is sent from and where its arrival is watched. Pure: (blueprint, index,
 * flow) → ProbePlan. A source held by an ENI sends from that ENI's host. A source outside the
 * plan is put on the loopback of whoever would carry it into the VPC: the instance a route for
 * that source points at (a VPN endpoint or router delivering what it received), else the internet
 * namespace (an EIP). That convention is the model's (entry by the most specific route back
 * through an ENI, the destination's table first); only the verdict is left to the kernel.
 */
import { formatIpv4, parseIpv4 } from "../model/ipv4";
import type { IndexedRoute, TopologyIndex } from "../model/topology-index";
import type { DeclaredFlow } from "../traffic/records";
import { LabError } from "./errors";
import type { LabBlueprint } from "./lab-blueprint";

export interface ProbeEndpoint {
  readonly namespace: string;
  /** `i-app (eni-app)`, `internet`: for the report. */
  readonly label: string;
}

export interface ProbePlan {
  readonly flow: DeclaredFlow;
  /**
   * Source addresses the flow's packets can carry on the way: its own, and the addresses of
   * every instance that does NAT (a masquerade rewrites the source to one of them).
   */
  readonly forwardSources: readonly string[];
  readonly sender: ProbeEndpoint & {
    /** The source is no address of the sender's: it is added to its loopback for the send. */
    readonly injectSource: boolean;
  };
  readonly arrival: ProbeEndpoint & {
    /** `eni`: the destination is an ENI's (ACCEPTED when it arrives); `internet`: it left the VPC. */
    readonly kind: "eni" | "internet";
    readonly eni?: string;
  };
}

/** Addresses the lab holds itself: a flow using one would be judged against the lab, not the plan. */
export function reservedAddresses(b: LabBlueprint): Map<string, string> {
  const reserved = new Map<string, string>();
  for (const bridge of b.bridges) reserved.set(bridge.gateway, `the lab's gateway of vswitch ${bridge.vswitch}`);
  reserved.set(b.uplink.vpcAddress, `the lab's uplink (${b.uplink.cidr})`);
  reserved.set(b.uplink.internetAddress, `the lab's uplink (${b.uplink.cidr})`);
  for (const special of ["0.0.0.0", "255.255.255.255"]) reserved.set(special, "not a unicast address");
  return reserved;
}

function entryRoute(index: TopologyIndex, src: number, dst: number): IndexedRoute | undefined {
  const dstOwner = index.ipOwner.get(dst);
  const preferred = dstOwner === undefined ? undefined : index.enis[dstOwner]!.vswitch.routeTable;
  const ids = [...index.routeTables.keys()];
  const ordered = preferred === undefined ? ids : [preferred, ...ids.filter((t) => t !== preferred)];
  let best: IndexedRoute | undefined;
  for (const id of ordered) {
    const hit = index.routeTables.get(id)!.lookup(src);
    if (hit?.targetEni !== undefined && (!best || hit.cidr.prefixLength > best.cidr.prefixLength)) best = hit;
  }
  return best;
}

function hostEndpoint(b: LabBlueprint, eniOrdinal: number): ProbeEndpoint {
  const port = b.ports[eniOrdinal]!;
  const host = b.hosts[port.host]!;
  return { namespace: host.namespace, label: `${host.label} (${port.eni})` };
}

export function planProbe(b: LabBlueprint, index: TopologyIndex, flow: DeclaredFlow): ProbePlan {
  const reserved = reservedAddresses(b);
  for (const field of ["src", "dst"] as const) {
    const why = reserved.get(flow[field]);
    if (why !== undefined) throw new LabError("ADDRESS_CONFLICT", `flow "${flow.name}": ${field} ${flow[field]} is ${why}; pick another address`);
  }
  const src = parseIpv4(flow.src, `flow "${flow.name}" src`);
  const dst = parseIpv4(flow.dst, `flow "${flow.name}" dst`);
  if (src === dst) throw new LabError("ADDRESS_CONFLICT", `flow "${flow.name}": src and dst are both ${flow.src}; a flow needs two ends`);

  const srcOwner = index.ipOwner.get(src);
  let sender: ProbePlan["sender"];
  if (srcOwner !== undefined) {
    sender = { ...hostEndpoint(b, srcOwner), injectSource: false };
  } else {
    const entry = entryRoute(index, src, dst);
    sender =
      entry === undefined
        ? { namespace: b.internetNamespace, label: `internet (${formatIpv4(src)} outside the plan)`, injectSource: true }
        : { ...hostEndpoint(b, entry.targetEni!), injectSource: true };
  }
  const dstOwner = index.ipOwner.get(dst);
  const arrival: ProbePlan["arrival"] =
    dstOwner === undefined
      ? { namespace: b.internetNamespace, label: "internet", kind: "internet" }
      : { ...hostEndpoint(b, dstOwner), kind: "eni", eni: b.ports[dstOwner]!.eni };
  const natSources = b.hosts.filter((h) => h.forwarding === "snat").flatMap((h) => h.ports.flatMap((o) => b.ports[o]!.addresses));
  return { flow, forwardSources: [...new Set([flow.src, ...natSources])], sender, arrival };
}
