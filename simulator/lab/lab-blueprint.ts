/**
 * The lab as data: which namespaces, bridges, veth ports, addresses, route tables and check
 * rules a plan becomes. Pure (topology → blueprint), so every name and address is unit-tested
 * without root; lab-steps.ts turns it into commands and lab-up.ts runs them.
 */
import { cidrContains, formatCidr, formatIpv4, parseCidr, prefixMask, type Cidr } from "../model/ipv4";
import { indexTopology, type IndexedEni, type TopologyIndex } from "../model/topology-index";
import type { ForwardingMode, Route, Topology } from "../model/topology";
import { LabError } from "./errors";
import {
  bridgeName,
  ethName,
  hostNamespace,
  internetNamespace,
  portName,
  routeTableNumber,
  SYSTEM_TABLE_NUMBER,
  UPLINK_VPC,
  validateLabName,
  vpcNamespace,
} from "./lab-names";

export interface LabBridge {
  readonly vswitch: string;
  readonly name: string;
  readonly cidr: string;
  readonly prefixLength: number;
  /** The vSwitch's gateway, held by the bridge in the vpc namespace. */
  readonly gateway: string;
}

export interface LabPort {
  readonly eni: string;
  readonly ordinal: number;
  readonly host: number;
  /** Inside the host namespace (eth0 = primary). */
  readonly ifname: string;
  /** The bridge port in the vpc namespace, where the check is enforced. */
  readonly port: string;
  readonly bridge: string;
  readonly mac?: string;
  /** Primary first. */
  readonly addresses: readonly string[];
  readonly prefixLength: number;
  readonly gateway: string;
  readonly subnet: string;
  /** The check as the cloud would enforce it (the ENI's setting, the account default, the region). */
  readonly checked: boolean;
}

export interface LabHost {
  readonly ordinal: number;
  readonly namespace: string;
  /** The instance's id; an ENI attached to no instance gets a host of its own, named by the ENI. */
  readonly instance?: string;
  readonly label: string;
  readonly forwarding: ForwardingMode;
  readonly policyRouting: boolean;
  /** ENI ordinals, primary first. */
  readonly ports: readonly number[];
}

export type LabRouteTarget =
  | { readonly kind: "connected"; readonly dev: string }
  | { readonly kind: "eni"; readonly via: string; readonly dev: string; readonly eni: string }
  | { readonly kind: "exit"; readonly via: string; readonly dev: string }
  | { readonly kind: "unreachable" };

export interface LabRoute {
  readonly destination: string;
  readonly target: LabRouteTarget;
  /** Where it comes from: `vtb-a route 2`, `vSwitch vsw-a`, `lab: no route leaves the VPC`. */
  readonly origin: string;
}

export interface LabRouteTable {
  /** The plan's route table id, or `system` for vSwitches that name none. */
  readonly id: string;
  readonly number: number;
  /** Bridges whose incoming packets are routed by this table. */
  readonly bridges: readonly string[];
  readonly routes: readonly LabRoute[];
}

export interface LabUplink {
  readonly cidr: string;
  readonly vpcAddress: string;
  readonly internetAddress: string;
  readonly prefixLength: number;
}

export interface LabBlueprint {
  readonly lab: string;
  readonly region: string;
  readonly vpcNamespace: string;
  readonly internetNamespace: string;
  readonly bridges: readonly LabBridge[];
  readonly hosts: readonly LabHost[];
  readonly ports: readonly LabPort[];
  readonly tables: readonly LabRouteTable[];
  readonly uplink: LabUplink;
}

/** Link networks tried in order for the vpc ↔ internet link: reserved ranges plans rarely use. */
const UPLINK_CANDIDATES = ["100.127.255.252/30", "198.18.255.252/30", "169.254.255.252/30"];

const overlaps = (a: Cidr, b: Cidr): boolean => cidrContains(a, b.network) || cidrContains(b, a.network);

/**
 * The vSwitch's gateway: the cloud uses the third address from the top (x.x.x.253 in a /24);
 * when the plan gives that address to an ENI, the next free one from the top is taken.
 */
export function chooseGateway(vswitchId: string, cidr: Cidr, taken: ReadonlySet<number>): number {
  if (cidr.prefixLength > 30) {
    throw new LabError("UNSUPPORTED_TOPOLOGY", `vswitch ${vswitchId}: cidr ${formatCidr(cidr)} is too small for a lab (needs /30 or larger: a gateway and an ENI)`);
  }
  const broadcast = (cidr.network | (~prefixMask(cidr.prefixLength) >>> 0)) >>> 0;
  const preferred = [broadcast - 2, broadcast - 1];
  for (let ip = broadcast - 3; ip > cidr.network; ip--) preferred.push(ip);
  for (const ip of preferred) if (!taken.has(ip >>> 0)) return ip >>> 0;
  throw new LabError("UNSUPPORTED_TOPOLOGY", `vswitch ${vswitchId}: every address of ${formatCidr(cidr)} is held by an ENI; the lab needs one for the gateway`);
}

export function chooseUplink(index: TopologyIndex): LabUplink {
  const used: Cidr[] = index.enis.map((e) => e.vswitchCidr);
  for (const table of index.topology.routeTables) {
    for (const route of table.routes) {
      const cidr = parseCidr(route.destination, `route table ${table.id} destination`);
      if (cidr.prefixLength > 0) used.push(cidr);
    }
  }
  for (const candidate of UPLINK_CANDIDATES) {
    const cidr = parseCidr(candidate, "uplink");
    if (used.some((u) => overlaps(u, cidr))) continue;
    if ([...index.ipOwner.keys()].some((ip) => cidrContains(cidr, ip))) continue;
    return { cidr: candidate, vpcAddress: formatIpv4(cidr.network + 1), internetAddress: formatIpv4(cidr.network + 2), prefixLength: cidr.prefixLength };
  }
  throw new LabError("UNSUPPORTED_TOPOLOGY", `the plan uses every link network the lab can take for its internet uplink (${UPLINK_CANDIDATES.join(", ")})`);
}

function buildHosts(lab: string, index: TopologyIndex): { hosts: LabHost[]; hostOf: number[]; positionOf: number[] } {
  const hosts: LabHost[] = [];
  const hostOf: number[] = [];
  const positionOf: number[] = [];
  const byInstance = new Map<string, number>();
  for (const e of index.enis) {
    if (hostOf[e.ordinal] !== undefined) continue;
    const ordinal = hosts.length;
    const ports = e.instance ? [...(index.instanceEnis.get(e.instance.id) ?? [e.ordinal])] : [e.ordinal];
    ports.forEach((p, position) => {
      hostOf[p] = ordinal;
      positionOf[p] = position;
    });
    if (e.instance) byInstance.set(e.instance.id, ordinal);
    hosts.push({
      ordinal,
      namespace: hostNamespace(lab, ordinal),
      ...(e.instance ? { instance: e.instance.id } : {}),
      label: e.instance ? e.instance.id : `unattached ${e.eni.id}`,
      forwarding: e.instance?.forwarding ?? "none",
      policyRouting: e.instance?.policyRouting === true,
      ports,
    });
  }
  return { hosts, hostOf, positionOf };
}

function buildPort(e: IndexedEni, host: number, position: number, bridge: LabBridge): LabPort {
  return {
    eni: e.eni.id,
    ordinal: e.ordinal,
    host,
    ifname: ethName(position),
    port: portName(e.ordinal),
    bridge: bridge.name,
    ...(e.eni.mac !== undefined ? { mac: e.eni.mac.toLowerCase() } : {}),
    addresses: [...e.ips].map(formatIpv4),
    prefixLength: e.vswitchCidr.prefixLength,
    gateway: bridge.gateway,
    subnet: formatCidr(e.vswitchCidr),
    checked: e.checkEffective,
  };
}

/** The ENI a NetworkInterface/Instance route resolves to, as the model's index resolved it. */
function routeTarget(index: TopologyIndex, route: Route): IndexedEni | undefined {
  for (const [ordinal, routes] of index.routesTo.entries()) {
    if (routes.some((r) => r.route === route)) return index.enis[ordinal];
  }
  return undefined;
}

function tableRoutes(index: TopologyIndex, bridges: readonly LabBridge[], routes: readonly Route[], tableId: string, uplink: LabUplink): LabRoute[] {
  const out: LabRoute[] = bridges.map((b) => ({ destination: b.cidr, target: { kind: "connected", dev: b.name }, origin: `vSwitch ${b.vswitch}` }));
  const seen = new Set(out.map((r) => r.destination));
  const bridgeOf = new Map(bridges.map((b) => [b.vswitch, b]));
  routes.forEach((route, i) => {
    const destination = formatCidr(parseCidr(route.destination, `route table ${tableId} route ${i + 1}`));
    // A vSwitch's own route wins over a custom one for the same prefix, as in the VPC (and the model).
    if (seen.has(destination)) return;
    seen.add(destination);
    const origin = `${tableId} route ${i + 1}`;
    switch (route.nextHop.type) {
      case "NetworkInterface":
      case "Instance": {
        const eni = routeTarget(index, route);
        if (!eni) throw new LabError("UNSUPPORTED_TOPOLOGY", `${origin} (${route.destination}): next hop ${route.nextHop.type} ${route.nextHop.id ?? ""} resolves to no ENI`);
        out.push({ destination, target: { kind: "eni", via: formatIpv4(eni.ips[0]!), dev: bridgeOf.get(eni.vswitch.id)!.name, eni: eni.eni.id }, origin });
        return;
      }
      case "Internet":
      case "Other":
        out.push({ destination, target: { kind: "exit", via: uplink.internetAddress, dev: UPLINK_VPC }, origin });
        return;
      case "Local":
        // A custom "local" route names no ENI: what it does not deliver inside a vSwitch goes nowhere.
        out.push({ destination, target: { kind: "unreachable" }, origin });
        return;
      default: {
        const never: never = route.nextHop.type;
        throw new LabError("UNSUPPORTED_TOPOLOGY", `${origin}: unknown next hop type ${String(never)}`);
      }
    }
  });
  // What no route matches leaves the VPC (the model's EXITS_NETWORK): the internet namespace sees it.
  if (!seen.has("0.0.0.0/0")) out.push({ destination: "0.0.0.0/0", target: { kind: "exit", via: uplink.internetAddress, dev: UPLINK_VPC }, origin: "lab: no route matches, it leaves the VPC" });
  return out;
}

export function buildBlueprint(labName: string, topology: Topology): LabBlueprint {
  const lab = validateLabName(labName);
  const index = indexTopology(topology);
  const taken = new Set(index.ipOwner.keys());
  const bridges: LabBridge[] = topology.vswitches.map((vs, i) => {
    const cidr = parseCidr(vs.cidr, `vswitch ${vs.id} cidr`);
    return { vswitch: vs.id, name: bridgeName(i), cidr: formatCidr(cidr), prefixLength: cidr.prefixLength, gateway: formatIpv4(chooseGateway(vs.id, cidr, taken)) };
  });
  const bridgeOf = new Map(bridges.map((b) => [b.vswitch, b]));
  const uplink = chooseUplink(index);
  const { hosts, hostOf, positionOf } = buildHosts(lab, index);
  const ports = index.enis.map((e) => buildPort(e, hostOf[e.ordinal]!, positionOf[e.ordinal]!, bridgeOf.get(e.vswitch.id)!));

  const tables: LabRouteTable[] = topology.routeTables.map((t, i) => ({
    id: t.id,
    number: routeTableNumber(i),
    bridges: topology.vswitches.flatMap((vs) => (vs.routeTable === t.id ? [bridgeOf.get(vs.id)!.name] : [])),
    routes: tableRoutes(index, bridges, t.routes, t.id, uplink),
  }));
  const tableless = topology.vswitches.filter((vs) => vs.routeTable === undefined).map((vs) => bridgeOf.get(vs.id)!.name);
  if (tableless.length > 0) tables.push({ id: "system", number: SYSTEM_TABLE_NUMBER, bridges: tableless, routes: tableRoutes(index, bridges, [], "system", uplink) });

  return { lab, region: topology.region, vpcNamespace: vpcNamespace(lab), internetNamespace: internetNamespace(lab), bridges, hosts, ports, tables, uplink };
}

/** Every namespace of the lab, in creation order (vpc, internet, hosts). */
export const blueprintNamespaces = (b: LabBlueprint): string[] => [b.vpcNamespace, b.internetNamespace, ...b.hosts.map((h) => h.namespace)];
