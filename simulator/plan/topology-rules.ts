/**
 * Cross-reference and address rules every Topology must satisfy, whichever adapter built it:
 * unique ids, references that resolve, ENI addresses inside their vSwitch and not shared.
 * Paths are topology-file paths (`networkInterfaces[2].primaryIp`); an element built from a
 * Pulumi resource also names its origin, so the user can find it in the program.
 */
import type { NetworkInterface, Topology } from "../model/topology";
import { PlanError } from "./errors";
import { cidrContains, parseIpv4Cidr, type Ipv4Cidr } from "./ipv4-cidr";

export function checkTopologyRules(topology: Topology): void {
  const vswitchIndex = indexIds(topology.vswitches, "vswitches");
  const tableIndex = indexIds(topology.routeTables, "routeTables");
  const instanceIndex = indexIds(topology.instances, "instances");
  const eniIndex = indexIds(topology.networkInterfaces, "networkInterfaces");

  topology.vswitches.forEach((v, i) => {
    if (v.routeTable !== undefined && !tableIndex.has(v.routeTable)) {
      throw dangling(`vswitches[${i}].routeTable`, v.routeTable, "route table", [...tableIndex.keys()]);
    }
  });
  topology.routeTables.forEach((t, i) => {
    const seen = new Map<string, number>();
    t.routes.forEach((route, j) => {
      const path = `routeTables[${i}].routes[${j}]`;
      const earlier = seen.get(route.destination);
      if (earlier !== undefined) {
        throw new PlanError("DUPLICATE_ID", `route table "${t.id}" already has a route for this destination at routes[${earlier}]`, { path: `${path}.destination`, value: route.destination, allowed: "one route per destination CIDR in a table" });
      }
      seen.set(route.destination, j);
      const hop = route.nextHop;
      if (hop.type === "NetworkInterface" && (hop.id === undefined || !eniIndex.has(hop.id))) {
        throw dangling(`${path}.nextHop.id`, hop.id, "network interface", [...eniIndex.keys()]);
      }
      if (hop.type === "Instance" && (hop.id === undefined || !instanceIndex.has(hop.id))) {
        throw dangling(`${path}.nextHop.id`, hop.id, "instance", [...instanceIndex.keys()]);
      }
    });
  });

  checkPrimaries(topology.networkInterfaces);

  const cidrs = new Map(topology.vswitches.map((v) => [v.id, parseIpv4Cidr(v.cidr)]));
  const owners = new Map<string, string>();
  const macs = new Map<string, string>();
  topology.networkInterfaces.forEach((eni, i) => {
    const path = `networkInterfaces[${i}]`;
    const from = originNote(eni);
    if (!vswitchIndex.has(eni.vswitch)) throw dangling(`${path}.vswitch`, eni.vswitch, "vSwitch", [...vswitchIndex.keys()], from);
    if (eni.instance !== undefined && !instanceIndex.has(eni.instance)) {
      throw dangling(`${path}.instance`, eni.instance, "instance", [...instanceIndex.keys()], from);
    }
    const vswitch = topology.vswitches[vswitchIndex.get(eni.vswitch)!]!;
    const cidr = cidrs.get(eni.vswitch);
    if (typeof cidr !== "object") {
      throw new PlanError("INVALID_VALUE", `vSwitch "${vswitch.id}" has no valid CIDR block`, { path: `vswitches[${vswitchIndex.get(eni.vswitch)}].cidr`, value: vswitch.cidr, allowed: "the network address of an IPv4 block, e.g. 10.0.1.0/24" });
    }
    const addresses: Array<[string, string]> = [
      [`${path}.primaryIp`, eni.primaryIp],
      ...eni.secondaryIps.map((ip, j): [string, string] => [`${path}.secondaryIps[${j}]`, ip]),
    ];
    for (const [at, ip] of addresses) {
      checkInside(cidr, vswitch.id, at, ip, from);
      const key = `${vswitch.vpc ?? ""}|${ip}`;
      const owner = owners.get(key);
      if (owner !== undefined) {
        throw new PlanError("DUPLICATE_IP", `address already used by ${owner}${from}`, { path: at, value: ip, allowed: "an address no other ENI of the VPC holds" });
      }
      owners.set(key, `network interface "${eni.id}"`);
    }
    if (eni.mac !== undefined) {
      const macOwner = macs.get(eni.mac);
      if (macOwner !== undefined) {
        throw new PlanError("DUPLICATE_ID", `MAC address already used by network interface "${macOwner}"${from}`, { path: `${path}.mac`, value: eni.mac, allowed: "a MAC address unique in the topology" });
      }
      macs.set(eni.mac, eni.id);
    }
  });
}

/** An instance has one eth0: two ENIs claiming it would make the evaluator's choice arbitrary. */
function checkPrimaries(enis: readonly NetworkInterface[]): void {
  const primaryOf = new Map<string, number>();
  enis.forEach((eni, i) => {
    if (eni.primary !== true) return;
    const path = `networkInterfaces[${i}].primary`;
    if (eni.instance === undefined) {
      throw new PlanError("INVALID_VALUE", `network interface "${eni.id}" is marked primary but is attached to no instance${originNote(eni)}`, { path, value: true, allowed: "primary: true only on an ENI with an instance" });
    }
    const earlier = primaryOf.get(eni.instance);
    if (earlier !== undefined) {
      const other = enis[earlier]!;
      throw new PlanError("DUPLICATE_PRIMARY", `instance "${eni.instance}" already has primary network interface "${other.id}" (networkInterfaces[${earlier}]); "${eni.id}" cannot be primary too${originNote(eni)}`, { path, value: true, allowed: "at most one ENI with primary: true per instance" });
    }
    primaryOf.set(eni.instance, i);
  });
}

function checkInside(cidr: Ipv4Cidr, vswitchId: string, path: string, ip: string, from: string): void {
  if (!cidrContains(cidr, ip)) {
    throw new PlanError("IP_OUTSIDE_VSWITCH", `address is outside vSwitch "${vswitchId}"${from}`, { path, value: ip, allowed: `an address inside ${cidr.text}` });
  }
}

function indexIds(items: readonly { readonly id: string }[], collection: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const earlier = index.get(item.id);
    if (earlier !== undefined) {
      throw new PlanError("DUPLICATE_ID", `id already used by ${collection}[${earlier}]`, { path: `${collection}[${i}].id`, value: item.id, allowed: `an id unique among ${collection}` });
    }
    index.set(item.id, i);
  });
  return index;
}

function dangling(path: string, value: string | undefined, what: string, known: readonly string[], from = ""): PlanError {
  const allowed = known.length === 0 ? `none: the topology declares no ${what}` : `one of ${known.slice(0, 20).join(", ")}${known.length > 20 ? ", ..." : ""}`;
  return new PlanError("DANGLING_REFERENCE", `no ${what} with this id${from}`, { path, value, allowed });
}

function originNote(eni: NetworkInterface): string {
  return eni.origin === undefined ? "" : ` (from ${eni.origin})`;
}
