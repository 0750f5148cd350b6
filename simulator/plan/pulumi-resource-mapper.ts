/**
 * Pulumi resources -> Topology: the pure core shared by the preview, stack-export and program
 * adapters. It reads our dynamic resources (sdk/) and @pulumi/alicloud's. References between
 * resources resolve by value (a known cloud id, or a mocked id) and, when the value is still
 * unknown at plan time, through the resource's propertyDependencies (the URN it came from).
 */
import type { NextHop, Topology } from "../model/topology";
import { UNKNOWN_REGION } from "../model/topology-index";
import { PlanError } from "./errors";
import { parseIpv4Cidr } from "./ipv4-cidr";
import { ENI_ROLES, INSTANCE_ROLES, MapContext, attach, optionalField } from "./pulumi-map-context";
import { instanceElements } from "./pulumi-instance-mapper";
import type { ResourceRole } from "./pulumi-resource-kinds";
import { UNKNOWN, asBoolean, asInteger, asString, prop, propAny, type PulumiResource } from "./pulumi-values";
import type { PlanResult } from "./topology-builder";

export interface MapPulumiOptions {
  /** The file or directory the resources came from, for messages. */
  readonly source: string;
  /** Overrides the region found in the plan (provider config). */
  readonly region?: string;
  /** Elements the plan references but does not declare (e.g. the live account). */
  readonly base?: Topology;
}

export function mapPulumiResources(resources: readonly PulumiResource[], options: MapPulumiOptions): PlanResult {
  const ctx = new MapContext(resources, options.source);
  const of = (...roles: ResourceRole[]) => resources.filter((r) => roles.includes(ctx.roles.get(r.urn)!));

  for (const r of of("vpc")) {
    const table = asString(prop(r, "routeTableId")) ?? ctx.syntheticId(`${ctx.modelId(r)}-system-route-table`);
    ctx.vpcTables.set(ctx.modelId(r), table);
    ctx.builder.addRouteTable(table);
  }
  for (const r of of("route-table")) ctx.builder.addRouteTable(ctx.modelId(r));
  const tableOf = new Map<string, string>();
  for (const r of of("route-table-attachment")) {
    tableOf.set(ctx.requireRef(r, "vswitchId", ["vswitch"], "vSwitch"), ctx.requireRef(r, "routeTableId", ["route-table", "vpc"], "route table"));
  }
  for (const r of of("vswitch")) mapVSwitch(ctx, r, tableOf);
  // ENIs before instances, so an instance can take a declared ENI as its primary or secondary;
  // attachments last, once every instance is known.
  const attachments: Array<{ eni: string; instance: string; urn: string }> = [];
  for (const r of of("alicloud-eni", "eni-sdk-network-interface")) {
    const instance = mapNetworkInterface(ctx, r);
    if (instance !== undefined) attachments.push({ eni: ctx.modelId(r), instance, urn: r.urn });
  }
  for (const r of of("alicloud-instance", "eni-sdk-instance")) instanceElements(ctx, r);
  for (const r of of("eni-attachment")) {
    const eni = ctx.requireRef(r, "networkInterfaceId", ENI_ROLES, "network interface");
    attachments.push({ eni, instance: ctx.requireRef(r, "instanceId", INSTANCE_ROLES, "instance"), urn: r.urn });
  }
  for (const a of attachments) attach(ctx, a.eni, a.instance, a.urn, false);
  for (const r of of("alicloud-route-entry")) mapRoute(ctx, r, { table: "routeTableId", destination: "destinationCidrblock", type: "nexthopType", hop: "nexthopId" });
  for (const r of of("eni-sdk-route-entry")) mapRoute(ctx, r, { table: "routeTableId", destination: "destinationCidrBlock", type: "nextHopType", hop: "nextHopId" });

  const providerRegion = of("provider-alicloud").map((r) => asString(prop(r, "region"))).find((x) => x !== undefined);
  const region = options.region ?? providerRegion ?? options.base?.region;
  if (region === undefined) {
    ctx.builder.notes.push(`no region in the plan (set alicloud:region); using "${UNKNOWN_REGION}": judged as a region that offers Source/Destination Check`);
  }
  return ctx.builder.build(region ?? UNKNOWN_REGION, options.base);
}

function mapVSwitch(ctx: MapContext, r: PulumiResource, tableOf: ReadonlyMap<string, string>): void {
  const id = ctx.modelId(r);
  const cidrText = prop(r, "cidrBlock");
  const cidr = typeof cidrText === "string" ? parseIpv4Cidr(cidrText) : "syntax";
  if (typeof cidr !== "object" && r.id !== undefined && (cidrText === undefined || cidrText === UNKNOWN)) {
    // An existing vSwitch read with `Switch.get(...)`: known by id only; the base topology has its block.
    ctx.builder.notes.push(`${r.urn} reads existing vSwitch "${id}" without its CIDR block; it comes from the base topology`);
    return;
  }
  if (typeof cidr !== "object") {
    throw new PlanError(cidrText === undefined ? "MISSING_FIELD" : "INVALID_VALUE", "a vSwitch needs a known IPv4 CIDR block", {
      file: ctx.source,
      path: `${r.urn}.cidrBlock`,
      value: cidrText === UNKNOWN ? "(unknown until apply)" : cidrText,
      allowed: "the network address of an IPv4 block, e.g. 10.0.1.0/24",
    });
  }
  const vpc = ctx.resolveRef(r, "vpcId", ["vpc"]);
  const zone = asString(propAny(r, ["zoneId", "availabilityZone"]));
  const routeTable = tableOf.get(id) ?? (vpc === undefined ? undefined : ctx.vpcTables.get(vpc));
  ctx.builder.vswitches.set(id, {
    id,
    cidr: cidr.text,
    ...(routeTable === undefined ? {} : { routeTable }),
    ...(zone === undefined ? {} : { zone }),
    ...(vpc === undefined ? {} : { vpc }),
  });
}

/** Returns the instance an sdk ENI asks to be attached to (`instanceId`), if any. */
function mapNetworkInterface(ctx: MapContext, r: PulumiResource): string | undefined {
  const sdk = ctx.roles.get(r.urn) === "eni-sdk-network-interface";
  const id = ctx.modelId(r);
  const secondaries = ctx.ipList(r, sdk ? ["privateIpAddresses"] : ["privateIpAddresses", "privateIps"]);
  const count = asInteger(propAny(r, sdk ? ["secondaryPrivateIpAddressCount"] : ["secondaryPrivateIpAddressCount", "privateIpsCount"]));
  const mac = asString(propAny(r, ["mac", "macAddress"]));
  const sourceDestCheck = asBoolean(prop(r, "sourceDestCheck"));
  // @pulumi/alicloud's EcsNetworkInterface has networkInterfaceName; the deprecated vpc one, name.
  const name = asString(propAny(r, sdk ? ["name"] : ["networkInterfaceName", "name"]));
  const tags = ctx.tags(r);
  ctx.builder.addEni({
    id,
    vswitch: ctx.requireRef(r, sdk ? "vSwitchId" : "vswitchId", ["vswitch"], "vSwitch"),
    secondaryIps: secondaries ?? [],
    extraSecondaryCount: secondaries === undefined ? (count ?? 0) : 0,
    origin: r.urn,
    ...optionalField("primaryIp", ctx.optionalIp(r, sdk ? ["primaryIpAddress"] : ["primaryIpAddress", "privateIp"])),
    ...optionalField("mac", mac),
    ...optionalField("sourceDestCheck", sourceDestCheck),
    ...optionalField("name", name),
    ...optionalField("tags", tags),
  });
  return sdk ? ctx.resolveRef(r, "instanceId", INSTANCE_ROLES) : undefined;
}

interface RouteKeys {
  readonly table: string;
  readonly destination: string;
  readonly type: string;
  readonly hop: string;
}

function mapRoute(ctx: MapContext, r: PulumiResource, keys: RouteKeys): void {
  const table = ctx.requireRef(r, keys.table, ["route-table", "vpc"], "route table");
  const destinationText = prop(r, keys.destination);
  const destination = typeof destinationText === "string" ? parseIpv4Cidr(destinationText) : "syntax";
  if (typeof destination !== "object") {
    throw new PlanError("INVALID_VALUE", "a route needs a known IPv4 destination block", { file: ctx.source, path: `${r.urn}.${keys.destination}`, value: destinationText === UNKNOWN ? "(unknown until apply)" : destinationText, allowed: "an IPv4 CIDR block, e.g. 0.0.0.0/0" });
  }
  ctx.builder.addRoute(table, { destination: destination.text, nextHop: nextHop(ctx, r, keys) });
}

function nextHop(ctx: MapContext, r: PulumiResource, keys: RouteKeys): NextHop {
  const type = asString(prop(r, keys.type));
  switch (type) {
    case "NetworkInterface":
      return { type, id: ctx.requireRef(r, keys.hop, ENI_ROLES, "network interface") };
    case "Instance":
      return { type, id: ctx.requireRef(r, keys.hop, INSTANCE_ROLES, "instance") };
    // Traffic routed to these gateways leaves the VPC: for the check it has exited the network.
    case "Ipv4Gateway":
    case "NatGateway":
      return { type: "Internet", ...optionalField("id", asString(prop(r, keys.hop))) };
    case undefined:
      throw new PlanError("MISSING_FIELD", "a route needs a next hop type", { file: ctx.source, path: `${r.urn}.${keys.type}`, allowed: "NetworkInterface, Instance, or another Alibaba next hop type" });
    default:
      return { type: "Other", ...optionalField("id", asString(prop(r, keys.hop))) };
  }
}

