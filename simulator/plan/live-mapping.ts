/**
 * The live account's API answers -> Topology. Pure: takes the SDK's response items (camelCase
 * models, as @alicloud/ecs20140526 and @alicloud/vpc20160428 return them), so it runs in unit
 * tests on recorded responses. Live data is never rejected for being odd: what cannot be used
 * (IPv6 routes, next hops outside the account's view, unknown metadata values) is noted and left out.
 */
import type { ForwardingMode, Instance, MetadataOptions, NetworkInterface, NextHop, Route, RouteTable, Topology, VSwitch } from "../model/topology";
import { FORWARDING_MODES } from "../model/topology";
import { isIpv4, parseIpv4Cidr } from "./ipv4-cidr";
import { FORWARDING_TAG, POLICY_ROUTING_TAG, POLICY_ROUTING_VALUES } from "./pulumi-map-context";
import type { PlanResult } from "./topology-builder";

/** DescribeInstances and DescribeNetworkInterfaces tags come as TagKey/TagValue. */
export interface LiveTag { readonly tagKey?: string; readonly tagValue?: string }
export interface LiveTags { readonly tag?: readonly LiveTag[] }

export interface LiveNetworkInterface {
  readonly networkInterfaceId?: string;
  readonly vSwitchId?: string;
  readonly instanceId?: string;
  readonly privateIpAddress?: string;
  readonly macAddress?: string;
  readonly sourceDestCheck?: boolean;
  /** "Primary" (the instance's eth0), "Secondary", or "Trunk"/"Member" for trunking. */
  readonly type?: string;
  readonly networkInterfaceName?: string;
  readonly tags?: LiveTags;
  readonly privateIpSets?: { readonly privateIpSet?: readonly { readonly privateIpAddress?: string; readonly primary?: boolean }[] };
}

export interface LiveInstance {
  readonly instanceId?: string;
  readonly instanceName?: string;
  readonly metadataOptions?: { readonly httpEndpoint?: string; readonly httpTokens?: string; readonly httpPutResponseHopLimit?: number };
  readonly tags?: LiveTags;
}

export interface LiveVSwitch {
  readonly vSwitchId?: string;
  readonly cidrBlock?: string;
  readonly zoneId?: string;
  readonly vpcId?: string;
  readonly routeTable?: { readonly routeTableId?: string };
}

export interface LiveRouteTable {
  readonly routeTableId?: string;
  readonly vSwitchIds?: { readonly vSwitchId?: readonly string[] };
}

export interface LiveRouteEntry {
  readonly routeTableId?: string;
  readonly destinationCidrBlock?: string;
  readonly ipVersion?: string;
  readonly type?: string;
  readonly nextHops?: { readonly nextHop?: readonly { readonly nextHopId?: string; readonly nextHopType?: string }[] };
}

export interface LiveAccount {
  readonly region: string;
  readonly networkInterfaces: readonly LiveNetworkInterface[];
  readonly instances: readonly LiveInstance[];
  readonly vswitches: readonly LiveVSwitch[];
  readonly routeTables: readonly LiveRouteTable[];
  readonly routeEntries: readonly LiveRouteEntry[];
}

export function liveAccountToTopology(account: LiveAccount, origin: string): PlanResult {
  const notes: string[] = [];
  const tableOfVSwitch = new Map<string, string>();
  for (const t of account.routeTables) for (const v of t.vSwitchIds?.vSwitchId ?? []) if (t.routeTableId) tableOfVSwitch.set(v, t.routeTableId);

  const vswitches: VSwitch[] = [];
  for (const v of account.vswitches) {
    const cidr = v.cidrBlock === undefined ? "syntax" : parseIpv4Cidr(v.cidrBlock);
    if (v.vSwitchId === undefined || typeof cidr !== "object") {
      notes.push(`vSwitch ${v.vSwitchId ?? "(no id)"} has no usable IPv4 CIDR (${v.cidrBlock ?? "none"}); left out`);
      continue;
    }
    const routeTable = v.routeTable?.routeTableId || tableOfVSwitch.get(v.vSwitchId);
    vswitches.push({ id: v.vSwitchId, cidr: cidr.text, ...(routeTable ? { routeTable } : {}), ...(v.zoneId ? { zone: v.zoneId } : {}), ...(v.vpcId ? { vpc: v.vpcId } : {}) });
  }
  const vswitchIds = new Set(vswitches.map((v) => v.id));

  const instances: Instance[] = account.instances.filter((i) => i.instanceId).map((i) => liveInstance(i, notes));
  const instanceIds = new Set(instances.map((i) => i.id));

  const networkInterfaces: NetworkInterface[] = [];
  for (const e of account.networkInterfaces) {
    const id = e.networkInterfaceId;
    if (!id || !e.vSwitchId || !vswitchIds.has(e.vSwitchId) || !e.privateIpAddress || !isIpv4(e.privateIpAddress)) {
      notes.push(`network interface ${id ?? "(no id)"} has no known vSwitch or IPv4 address; left out`);
      continue;
    }
    const secondaryIps = (e.privateIpSets?.privateIpSet ?? [])
      .filter((s) => s.primary !== true && s.privateIpAddress !== undefined && s.privateIpAddress !== e.privateIpAddress && isIpv4(s.privateIpAddress))
      .map((s) => s.privateIpAddress!);
    const instance = e.instanceId || undefined;
    // An ENI attached to an instance outside the listing (another account's service) has no forwarding we know.
    if (instance !== undefined && !instanceIds.has(instance)) {
      instances.push({ id: instance, forwarding: "none" });
      instanceIds.add(instance);
      notes.push(`instance ${instance} (of ${id}) was not listed by DescribeInstances; assumed forwarding "none"`);
    }
    const tags = tagMap(e.tags);
    const primary = instance === undefined ? undefined : primaryFromType(e.type);
    networkInterfaces.push({
      id,
      vswitch: e.vSwitchId,
      ...(instance ? { instance } : {}),
      primaryIp: e.privateIpAddress,
      secondaryIps,
      ...(e.macAddress ? { mac: e.macAddress.toLowerCase() } : {}),
      ...(typeof e.sourceDestCheck === "boolean" ? { sourceDestCheck: e.sourceDestCheck } : {}),
      origin: `${origin} ${id}`,
      ...(primary === undefined ? {} : { primary }),
      ...(e.networkInterfaceName ? { name: e.networkInterfaceName } : {}),
      ...(tags === undefined ? {} : { tags }),
    });
  }
  const eniIds = new Set(networkInterfaces.map((e) => e.id));

  const routes = new Map<string, Route[]>(account.routeTables.filter((t) => t.routeTableId).map((t) => [t.routeTableId!, []]));
  for (const v of vswitches) if (v.routeTable !== undefined && !routes.has(v.routeTable)) routes.set(v.routeTable, []);
  for (const entry of account.routeEntries) {
    const route = liveRoute(entry, { eniIds, instanceIds }, notes);
    if (route === undefined || entry.routeTableId === undefined) continue;
    const table = routes.get(entry.routeTableId) ?? [];
    if (table.some((r) => r.destination === route.destination)) continue; // ECMP duplicates: first wins
    table.push(route);
    routes.set(entry.routeTableId, table);
  }
  const routeTables: RouteTable[] = [...routes].map(([id, rs]) => ({ id, routes: rs }));
  const topology: Topology = { region: account.region, vswitches, routeTables, instances, networkInterfaces };
  return { topology, notes };
}

/** The API's ENI type: only "Primary" is an instance's eth0; every other attached type is not. */
function primaryFromType(type: string | undefined): boolean | undefined {
  if (type === undefined || type === "") return undefined;
  return type === "Primary";
}

function tagMap(tags: LiveTags | undefined): Readonly<Record<string, string>> | undefined {
  const entries = (tags?.tag ?? []).filter((t): t is { tagKey: string; tagValue?: string } => typeof t.tagKey === "string" && t.tagKey !== "").map((t): [string, string] => [t.tagKey, t.tagValue ?? ""]);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function livePolicyRouting(id: string, tags: Readonly<Record<string, string>> | undefined, notes: string[]): boolean | undefined {
  const value = tags?.[POLICY_ROUTING_TAG];
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  notes.push(`instance ${id}: tag ${POLICY_ROUTING_TAG}="${value}" is not one of ${POLICY_ROUTING_VALUES.join(", ")}; left unknown`);
  return undefined;
}

function liveInstance(i: LiveInstance, notes: string[]): Instance {
  const id = i.instanceId!;
  const tags = tagMap(i.tags);
  const policyRouting = livePolicyRouting(id, tags, notes);
  const tag = tags?.[FORWARDING_TAG];
  let forwarding: ForwardingMode = "none";
  if (tag !== undefined) {
    if ((FORWARDING_MODES as readonly string[]).includes(tag)) forwarding = tag as ForwardingMode;
    else notes.push(`instance ${id}: tag ${FORWARDING_TAG}="${tag}" is not one of ${FORWARDING_MODES.join(", ")}; assumed "none"`);
  }
  const m = i.metadataOptions;
  const metadataOptions: MetadataOptions = {
    ...(m?.httpEndpoint === "enabled" || m?.httpEndpoint === "disabled" ? { httpEndpoint: m.httpEndpoint } : {}),
    ...(m?.httpTokens === "optional" || m?.httpTokens === "required" ? { httpTokens: m.httpTokens } : {}),
    ...(typeof m?.httpPutResponseHopLimit === "number" ? { httpPutResponseHopLimit: m.httpPutResponseHopLimit } : {}),
  };
  return {
    id,
    forwarding,
    ...(Object.keys(metadataOptions).length === 0 ? {} : { metadataOptions }),
    ...(i.instanceName ? { name: i.instanceName } : {}),
    ...(tags === undefined ? {} : { tags }),
    ...(policyRouting === undefined ? {} : { policyRouting }),
  };
}

function liveRoute(entry: LiveRouteEntry, known: { eniIds: ReadonlySet<string>; instanceIds: ReadonlySet<string> }, notes: string[]): Route | undefined {
  const destination = entry.destinationCidrBlock;
  if (destination === undefined || entry.ipVersion === "IPv6" || destination.includes(":")) return undefined;
  const cidr = parseIpv4Cidr(destination);
  if (typeof cidr !== "object") {
    notes.push(`route ${destination} in ${entry.routeTableId}: not an IPv4 block; left out`);
    return undefined;
  }
  const hop = entry.nextHops?.nextHop?.[0];
  return { destination: cidr.text, nextHop: liveNextHop(hop?.nextHopType, hop?.nextHopId, entry, known, notes) };
}

function liveNextHop(type: string | undefined, id: string | undefined, entry: LiveRouteEntry, known: { eniIds: ReadonlySet<string>; instanceIds: ReadonlySet<string> }, notes: string[]): NextHop {
  const withId = id ? { id } : {};
  switch (type) {
    case "NetworkInterface":
    case "Instance": {
      const ids = type === "NetworkInterface" ? known.eniIds : known.instanceIds;
      if (id !== undefined && ids.has(id)) return { type, id };
      notes.push(`route ${entry.destinationCidrBlock} in ${entry.routeTableId}: next hop ${type} ${id ?? "(none)"} is not in the account's listing; treated as "Other"`);
      return { type: "Other", ...withId };
    }
    case "Ipv4Gateway":
    case "NatGateway":
      return { type: "Internet", ...withId };
    case "local":
    case "Local":
    case undefined:
    case "":
      // System routes to the vSwitches' own blocks come back without a next hop.
      return { type: "Local", ...withId };
    default:
      return { type: "Other", ...withId };
  }
}
