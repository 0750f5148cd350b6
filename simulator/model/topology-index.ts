/**
 * The topology indexed once for evaluation: addresses as uint32, MAC → ENI, IP → ENI, one LPM
 * table per route table (system routes for every vSwitch CIDR included), and the custom routes
 * whose next hop is each ENI. Everything hot is addressed by an ENI's ordinal (its position in
 * `topology.networkInterfaces`), so the packet path never touches strings.
 */
import { ModelError } from "../errors";
import { formatCidr, formatIpv4, parseCidr, parseIpv4, parseMac, type Cidr } from "./ipv4";
import { LpmTable } from "./lpm";
import { supportsSourceDestCheck } from "./regions";
import type { Instance, NetworkInterface, Route, Topology, VSwitch } from "./topology";

export interface IndexedEni {
  readonly ordinal: number;
  readonly eni: NetworkInterface;
  /** Primary IP first, then secondaries. */
  readonly ips: Uint32Array;
  /** What the cloud will enforce: the ENI's setting, else the account default, and never outside the 28 regions. */
  readonly checkEffective: boolean;
  readonly vswitch: VSwitch;
  readonly vswitchCidr: Cidr;
  readonly instance?: Instance;
}

export interface IndexedRoute {
  readonly table: string;
  readonly route: Route;
  readonly cidr: Cidr;
  /** True for the implicit route of a vSwitch CIDR (delivers inside the VPC). */
  readonly system: boolean;
  /** Ordinal of the ENI a NetworkInterface/Instance next hop resolves to. */
  readonly targetEni?: number;
}

export interface TopologyIndex {
  readonly topology: Topology;
  /**
   * Whether the cloud can enforce the check here: one of the 28 regions, or a region the plan
   * does not name (`regionKnown` false), which is assumed to be one rather than ruled out.
   */
  readonly regionSupported: boolean;
  /** False when the plan names no region (`UNKNOWN_REGION`); findings then say what was assumed. */
  readonly regionKnown: boolean;
  readonly enis: readonly IndexedEni[];
  readonly eniById: ReadonlyMap<string, number>;
  readonly ipOwner: ReadonlyMap<number, number>;
  readonly macOwner: ReadonlyMap<number, number>;
  /** ENI ordinals per instance id, primary first. */
  readonly instanceEnis: ReadonlyMap<string, readonly number[]>;
  readonly routeTables: ReadonlyMap<string, LpmTable<IndexedRoute>>;
  /** System routes only: the table of a vSwitch that names none. */
  readonly systemTable: LpmTable<IndexedRoute>;
  /** Custom routes whose next hop is each ENI (or its instance, for the primary ENI). */
  readonly routesTo: readonly (readonly IndexedRoute[])[];
  /** Which vSwitch a given address falls in (to tell inside-VPC destinations from outside ones). */
  readonly vswitchByAddress: LpmTable<VSwitch>;
}

/** The region plan adapters write when no source names one (no provider config, no env). */
export const UNKNOWN_REGION = "unknown";

/**
 * Unknown is not unsupported: a plan without a region is judged as in a region that offers the
 * check, because ruling the check out would hide every drop the plan may well cause.
 */
export function regionMayEnforce(region: string): boolean {
  return region === UNKNOWN_REGION || supportsSourceDestCheck(region);
}

export function effectiveCheck(eni: NetworkInterface, topology: Topology): boolean {
  return (eni.sourceDestCheck ?? topology.sourceDestCheckDefault ?? true) && regionMayEnforce(topology.region);
}

export const describeRoute = (r: IndexedRoute): string =>
  `${r.table}: ${formatCidr(r.cidr)} -> ${r.system ? "local" : (r.route.nextHop.id ?? r.route.nextHop.type)}`;

const where = (eni: NetworkInterface): string => (eni.origin ? `${eni.id} (${eni.origin})` : eni.id);

function uniqueById<T extends { readonly id: string }>(items: readonly T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new ModelError("DUPLICATE_ID", `${what} "${item.id}" is declared twice; ids must be unique`);
    map.set(item.id, item);
  }
  return map;
}

function indexEnis(topology: Topology, vswitches: Map<string, VSwitch>, instances: Map<string, Instance>) {
  const enis: IndexedEni[] = [];
  const eniById = new Map<string, number>();
  const ipOwner = new Map<number, number>();
  const macOwner = new Map<number, number>();
  for (const eni of topology.networkInterfaces) {
    if (eniById.has(eni.id)) throw new ModelError("DUPLICATE_ID", `network interface "${eni.id}" is declared twice; ids must be unique`);
    const vswitch = vswitches.get(eni.vswitch);
    if (!vswitch) {
      throw new ModelError("UNKNOWN_REFERENCE", `network interface ${where(eni)}: vswitch "${eni.vswitch}" is not declared (known: ${[...vswitches.keys()].join(", ") || "none"})`);
    }
    const ordinal = enis.length;
    const addresses = [eni.primaryIp, ...eni.secondaryIps].map((ip) => parseIpv4(ip, `network interface ${where(eni)} address`));
    for (const ip of addresses) {
      const other = ipOwner.get(ip);
      if (other !== undefined && other !== ordinal) {
        throw new ModelError("DUPLICATE_ADDRESS", `network interface ${where(eni)}: address ${formatIpv4(ip)} is also held by ${enis[other]!.eni.id}`);
      }
      ipOwner.set(ip, ordinal);
    }
    if (eni.mac !== undefined) {
      const mac = parseMac(eni.mac, `network interface ${where(eni)} mac`);
      const other = macOwner.get(mac);
      if (other !== undefined) throw new ModelError("DUPLICATE_ADDRESS", `network interface ${where(eni)}: mac ${eni.mac} is also held by ${enis[other]!.eni.id}`);
      macOwner.set(mac, ordinal);
    }
    // An instance the plan does not declare still exists in the cloud; it forwards nothing we know of.
    const instance = eni.instance === undefined ? undefined : (instances.get(eni.instance) ?? { id: eni.instance, forwarding: "none" as const });
    enis.push({
      ordinal,
      eni,
      ips: Uint32Array.from(addresses),
      checkEffective: effectiveCheck(eni, topology),
      vswitch,
      vswitchCidr: parseCidr(vswitch.cidr, `vswitch ${vswitch.id} cidr`),
      ...(instance ? { instance } : {}),
    });
    eniById.set(eni.id, ordinal);
  }
  return { enis, eniById, ipOwner, macOwner };
}

function groupByInstance(enis: readonly IndexedEni[]): Map<string, number[]> {
  const byInstance = new Map<string, number[]>();
  for (const e of enis) {
    if (!e.instance) continue;
    const list = byInstance.get(e.instance.id) ?? [];
    if (e.eni.primary) list.unshift(e.ordinal);
    else list.push(e.ordinal);
    byInstance.set(e.instance.id, list);
  }
  return byInstance;
}

export function indexTopology(topology: Topology): TopologyIndex {
  const vswitches = uniqueById(topology.vswitches, "vswitch");
  const instances = uniqueById(topology.instances, "instance");
  const tables = uniqueById(topology.routeTables, "route table");
  const { enis, eniById, ipOwner, macOwner } = indexEnis(topology, vswitches, instances);
  const instanceEnis = groupByInstance(enis);

  const vswitchByAddress = new LpmTable<VSwitch>();
  const systemRoutes: IndexedRoute[] = [];
  for (const vs of vswitches.values()) {
    if (vs.routeTable !== undefined && !tables.has(vs.routeTable)) {
      throw new ModelError("UNKNOWN_REFERENCE", `vswitch ${vs.id}: route table "${vs.routeTable}" is not declared (known: ${[...tables.keys()].join(", ") || "none"})`);
    }
    const cidr = parseCidr(vs.cidr, `vswitch ${vs.id} cidr`);
    vswitchByAddress.insert(cidr.network, cidr.prefixLength, vs);
    systemRoutes.push({ table: "system", route: { destination: vs.cidr, nextHop: { type: "Local" } }, cidr, system: true });
  }
  const withSystemRoutes = (): LpmTable<IndexedRoute> => {
    const lpm = new LpmTable<IndexedRoute>();
    for (const r of systemRoutes) lpm.insert(r.cidr.network, r.cidr.prefixLength, r);
    return lpm;
  };

  const routesTo: IndexedRoute[][] = enis.map(() => []);
  const routeTables = new Map<string, LpmTable<IndexedRoute>>();
  for (const table of tables.values()) {
    const lpm = withSystemRoutes();
    for (const [i, route] of table.routes.entries()) {
      const what = `route table ${table.id} route ${i + 1} (${route.destination})`;
      const cidr = parseCidr(route.destination, what);
      const targetEni = resolveNextHop(route, what, eniById, instanceEnis, instances);
      const indexed: IndexedRoute = { table: table.id, route, cidr, system: false, ...(targetEni !== undefined ? { targetEni } : {}) };
      // A vSwitch's system route wins over a custom route for the very same prefix, as in the VPC.
      lpm.insert(cidr.network, cidr.prefixLength, indexed);
      if (targetEni !== undefined) routesTo[targetEni]!.push(indexed);
    }
    routeTables.set(table.id, lpm);
  }

  return {
    topology,
    regionSupported: regionMayEnforce(topology.region),
    regionKnown: topology.region !== UNKNOWN_REGION,
    enis,
    eniById,
    ipOwner,
    macOwner,
    instanceEnis,
    routeTables,
    systemTable: withSystemRoutes(),
    routesTo,
    vswitchByAddress,
  };
}

function resolveNextHop(
  route: Route,
  what: string,
  eniById: ReadonlyMap<string, number>,
  instanceEnis: ReadonlyMap<string, readonly number[]>,
  instances: ReadonlyMap<string, Instance>,
): number | undefined {
  const hop = route.nextHop;
  switch (hop.type) {
    case "NetworkInterface": {
      const ordinal = hop.id === undefined ? undefined : eniById.get(hop.id);
      if (ordinal === undefined) throw new ModelError("UNKNOWN_REFERENCE", `${what}: next hop network interface "${hop.id ?? ""}" is not declared`);
      return ordinal;
    }
    case "Instance": {
      const ordinals = hop.id === undefined ? undefined : instanceEnis.get(hop.id);
      if (ordinals === undefined || ordinals.length === 0) {
        const known = hop.id !== undefined && instances.has(hop.id);
        throw new ModelError("UNKNOWN_REFERENCE", `${what}: next hop instance "${hop.id ?? ""}" ${known ? "has no network interface" : "is not declared"}`);
      }
      // The cloud delivers instance next hops to the primary ENI.
      return ordinals[0];
    }
    case "Local":
    case "Internet":
    case "Other":
      return undefined;
    default: {
      const never: never = hop.type;
      throw new ModelError("INVALID_TOPOLOGY", `${what}: next hop type "${String(never)}" is not one of NetworkInterface, Instance, Local, Internet, Other`);
    }
  }
}

/** True when `ip` is one of the ENI's own addresses. ENIs hold few addresses: a scan beats hashing. */
export function ownsIp(eni: IndexedEni, ip: number): boolean {
  const ips = eni.ips;
  for (let i = 0; i < ips.length; i++) if (ips[i] === ip) return true;
  return false;
}
