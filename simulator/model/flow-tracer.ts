/**
 * Traces a declared flow hop by hop through the topology: the source ENI's egress, the route
 * lookup in its vSwitch's table, the next hop's ingress, what its instance does with a packet
 * that is not for it (forwarding none|snat|route), its egress, and so on until the flow is
 * delivered, leaves the VPC, or is stopped. Pure: (index, flow) → Trace.
 */
import { ModelError } from "../errors";
import type { Direction } from "./check-report";
import type { Disposition } from "./disposition";
import { formatIpv4, tryParseIpv4 } from "./ipv4";
import { describeRoute, ownsIp, type IndexedEni, type IndexedRoute, type TopologyIndex } from "./topology-index";
import type { ForeignPassage, Hop, Step, Trace } from "./trace";
import type { DeclaredFlow } from "../traffic/records";

/** More ENI hops than any sane VPC path; beyond it the routes loop. */
const MAX_HOPS = 16;

class TraceBuilder {
  readonly hops: { node: string; steps: Step[] }[] = [];
  readonly foreign: ForeignPassage[] = [];
  denial: Trace["denial"];

  step(node: string, action: Step["action"], outcome: Step["outcome"], detail: string): void {
    const last = this.hops[this.hops.length - 1];
    const step = Object.freeze({ action, outcome, detail });
    if (last && last.node === node) last.steps.push(step);
    else this.hops.push({ node, steps: [step] });
  }

  finish(flow: DeclaredFlow, disposition: Disposition): Trace {
    const hops: Hop[] = this.hops.map((h) => Object.freeze({ node: h.node, steps: Object.freeze([...h.steps]) }));
    return Object.freeze({
      flow,
      disposition,
      hops: Object.freeze(hops),
      foreign: Object.freeze([...this.foreign]),
      ...(this.denial ? { denial: this.denial } : {}),
    });
  }
}

function address(text: string, flow: DeclaredFlow, field: "src" | "dst"): number {
  const ip = tryParseIpv4(text);
  if (ip === undefined) {
    throw new ModelError("INVALID_IP", `flow "${flow.name}": ${field} "${text}" is not an IPv4 address (expected a.b.c.d)`);
  }
  return ip;
}

/**
 * Which ENI of an instance a packet leaves by. The OS picks by destination: a connected
 * subnet's interface, else the default route on the primary ENI. With policy routing it leaves
 * by the ENI owning its source instead, which is what keeps multi-ENI hosts within the check.
 */
export function egressEni(index: TopologyIndex, from: IndexedEni, src: number, dst: number): IndexedEni {
  const instance = from.instance;
  if (!instance) return from;
  const ordinals = index.instanceEnis.get(instance.id) ?? [from.ordinal];
  if (ordinals.length === 1) return from;
  if (instance.policyRouting) {
    const owner = index.ipOwner.get(src);
    if (owner !== undefined && ordinals.includes(owner)) return index.enis[owner]!;
  }
  for (const o of ordinals) {
    const e = index.enis[o]!;
    if (((dst & maskOf(e.vswitchCidr.prefixLength)) >>> 0) === e.vswitchCidr.network) return e;
  }
  return index.enis[ordinals[0]!]!;
}

/**
 * The ENI of `at`'s own instance (or `at` itself, unattached) that holds `dst`, if any: the OS
 * delivers such a packet locally, so it never crosses an ENI and no check judges it (as the live
 * lab's kernel shows, e.g. a proxy's own VIP reached by a client that enters at the proxy).
 */
function heldOnHost(index: TopologyIndex, at: IndexedEni, dst: number): IndexedEni | undefined {
  const owner = index.ipOwner.get(dst);
  if (owner === undefined) return undefined;
  const holder = index.enis[owner]!;
  if (holder === at) return holder;
  return at.instance !== undefined && holder.instance?.id === at.instance.id ? holder : undefined;
}

function deliverOnHost(t: TraceBuilder, flow: DeclaredFlow, at: IndexedEni, holder: IndexedEni, origin: string): Trace {
  t.step(at.eni.id, "ORIGINATE", "INFO", origin);
  t.step(holder.eni.id, "DELIVER", "PERMITTED", `${flow.dst} is ${holder.eni.id} on the same host${instanceLabel(holder)}: delivered locally, no ENI crossed`);
  return t.finish(flow, "ACCEPTED");
}

const maskOf = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

/** Where a packet from an address outside the topology enters: a route back to it through an ENI. */
function entryPoint(index: TopologyIndex, src: number, dst: number): IndexedRoute | undefined {
  const dstOwner = index.ipOwner.get(dst);
  const preferred = dstOwner === undefined ? undefined : index.enis[dstOwner]!.vswitch.routeTable;
  const tables = preferred === undefined ? [...index.routeTables.keys()] : [preferred, ...[...index.routeTables.keys()].filter((t) => t !== preferred)];
  let best: IndexedRoute | undefined;
  for (const id of tables) {
    const hit = index.routeTables.get(id)!.lookup(src);
    if (hit?.targetEni !== undefined && (!best || hit.cidr.prefixLength > best.cidr.prefixLength)) best = hit;
  }
  return best;
}

const instanceLabel = (e: IndexedEni): string => (e.instance ? ` (instance ${e.instance.id})` : "");

export function traceFlow(index: TopologyIndex, flow: DeclaredFlow): Trace {
  const t = new TraceBuilder();
  let src = address(flow.src, flow, "src");
  const dst = address(flow.dst, flow, "dst");
  const srcOwner = index.ipOwner.get(src);
  let current: IndexedEni;
  if (srcOwner !== undefined) {
    const owner = index.enis[srcOwner]!;
    const local = heldOnHost(index, owner, dst);
    if (local !== undefined) return deliverOnHost(t, flow, owner, local, `${flow.src} is ${owner.eni.id}${instanceLabel(owner)}`);
    current = egressEni(index, owner, src, dst);
    const via = current === owner ? "" : `, leaves by ${current.eni.id} (${owner.instance?.policyRouting ? "policy routing" : "no policy routing: the OS routes by destination"})`;
    t.step(owner.eni.id, "ORIGINATE", "INFO", `${flow.src} is ${owner.eni.id}${instanceLabel(owner)}${via}`);
  } else {
    const entry = entryPoint(index, src, dst);
    if (entry === undefined) return fromOutside(index, t, flow, dst);
    const gateway = index.enis[entry.targetEni!]!;
    const local = heldOnHost(index, gateway, dst);
    if (local !== undefined) return deliverOnHost(t, flow, gateway, local, `${flow.src} is outside the topology; it enters at ${gateway.eni.id}${instanceLabel(gateway)} (${describeRoute(entry)})`);
    current = egressEni(index, gateway, src, dst);
    t.step(gateway.eni.id, "ORIGINATE", "INFO", `${flow.src} is outside the topology; it enters at ${gateway.eni.id}${instanceLabel(gateway)} (${describeRoute(entry)})`);
  }

  const visited = new Set<string>();
  for (let hopCount = 0; hopCount < MAX_HOPS; hopCount++) {
    const state = `${current.ordinal}/${src}`;
    if (visited.has(state)) {
      t.step(current.eni.id, "DISCARD", "DENIED", "routing loop: the flow comes back to this ENI unchanged");
      return t.finish(flow, "NO_ROUTE");
    }
    visited.add(state);
    if (!passCheck(t, current, "egress", src, dst)) return t.finish(flow, "DENIED_EGRESS");

    const table = current.vswitch.routeTable;
    const lpm = table === undefined ? index.systemTable : index.routeTables.get(table)!;
    const tableNode = table ?? `${current.vswitch.id} system table`;
    const hit = lpm.lookup(dst);
    if (!hit) {
      t.step(tableNode, "EXIT", "INFO", `no route matches ${flow.dst}: it leaves the VPC (EIP or internet gateway, not modelled)`);
      return t.finish(flow, "EXITS_NETWORK");
    }
    t.step(tableNode, "ROUTE_LOOKUP", "INFO", describeRoute(hit).slice(hit.table.length + 2));
    let next: IndexedEni;
    switch (hit.route.nextHop.type) {
      case "Local": {
        const owner = index.ipOwner.get(dst);
        if (owner === undefined) {
          t.step(tableNode, "DISCARD", "DENIED", `no ENI holds ${flow.dst}`);
          return t.finish(flow, "NO_ROUTE");
        }
        next = index.enis[owner]!;
        break;
      }
      case "Internet":
      case "Other":
        t.step(tableNode, "EXIT", "INFO", `next hop ${hit.route.nextHop.type}${hit.route.nextHop.id ? ` ${hit.route.nextHop.id}` : ""} leaves the VPC`);
        return t.finish(flow, "EXITS_NETWORK");
      case "NetworkInterface":
      case "Instance":
        next = index.enis[hit.targetEni!]!;
        break;
      default: {
        const never: never = hit.route.nextHop.type;
        throw new ModelError("INVALID_TOPOLOGY", `unknown next hop type ${String(never)}`);
      }
    }

    if (ownsIp(next, dst)) {
      t.step(next.eni.id, "DELIVER", "PERMITTED", `${flow.dst} is ${next.eni.id}${instanceLabel(next)}`);
      return t.finish(flow, "ACCEPTED");
    }
    if (!passCheck(t, next, "ingress", src, dst)) return t.finish(flow, "DENIED_INGRESS");
    const forwarding = next.instance?.forwarding ?? "none";
    switch (forwarding) {
      case "none":
        t.step(next.eni.id, "DISCARD", "DENIED", `${next.instance ? `instance ${next.instance.id}` : "an unattached ENI"} does not forward (forwarding: none)`);
        return t.finish(flow, "NO_ROUTE");
      case "snat": {
        // The OS routes a forwarded packet before SNAT, by its original source (which no policy
        // rule of this host matches); masquerading then writes the chosen ENI's address.
        const out = egressEni(index, next, src, dst);
        src = out.ips[0]!;
        t.step(next.eni.id, "FORWARD", "INFO", `snat: source rewritten to ${formatIpv4(src)}, out by ${out.eni.id}`);
        current = out;
        break;
      }
      case "route": {
        const out = egressEni(index, next, src, dst);
        t.step(next.eni.id, "FORWARD", "INFO", `routed unchanged, out by ${out.eni.id}`);
        current = out;
        break;
      }
      default: {
        const never: never = forwarding;
        throw new ModelError("INVALID_TOPOLOGY", `unknown forwarding ${String(never)}`);
      }
    }
  }
  t.step(current.eni.id, "DISCARD", "DENIED", `more than ${MAX_HOPS} hops: routing loop`);
  return t.finish(flow, "NO_ROUTE");
}

/** The check at one ENI: only an address that is not the ENI's own is judged. */
function passCheck(t: TraceBuilder, eni: IndexedEni, direction: Direction, src: number, dst: number): boolean {
  const judged = direction === "egress" ? src : dst;
  const label = direction === "egress" ? "source" : "destination";
  if (ownsIp(eni, judged)) {
    t.step(eni.eni.id, direction === "egress" ? "EGRESS_CHECK" : "INGRESS_CHECK", "PERMITTED", `${label} ${formatIpv4(judged)} is its own`);
    return true;
  }
  const passage = { eni: eni.ordinal, direction, src, dst };
  t.foreign.push(passage);
  const action = direction === "egress" ? "EGRESS_CHECK" : "INGRESS_CHECK";
  if (!eni.checkEffective) {
    t.step(eni.eni.id, action, "PERMITTED", `${label} ${formatIpv4(judged)} is not its own; check off`);
    return true;
  }
  const reason = direction === "egress" ? "spoofed-source" : "not-destination";
  t.denial = { ...passage, reason };
  t.step(eni.eni.id, action, "DENIED", `(${reason}: ${label} ${formatIpv4(judged)} is not its own; check on)`);
  return false;
}

/** A source outside the topology with no route back through an ENI: the internet via an EIP. */
function fromOutside(index: TopologyIndex, t: TraceBuilder, flow: DeclaredFlow, dst: number): Trace {
  const owner = index.ipOwner.get(dst);
  if (owner === undefined) {
    t.step("outside", "DISCARD", "DENIED", `neither ${flow.src} nor ${flow.dst} is held by an ENI of the topology`);
    return t.finish(flow, "NO_ROUTE");
  }
  const eni = index.enis[owner]!;
  t.step("outside", "ORIGINATE", "INFO", `${flow.src} is outside the topology`);
  t.step(eni.eni.id, "DELIVER", "PERMITTED", `${flow.dst} is ${eni.eni.id}${instanceLabel(eni)}`);
  return t.finish(flow, "ACCEPTED");
}
