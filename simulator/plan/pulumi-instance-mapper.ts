/**
 * Instances and the ENIs they create: @pulumi/alicloud's Instance (flat vswitchId/privateIp,
 * `sourceDestCheck` of the primary ENI, one `networkInterfaces` block for a secondary ENI, flat
 * metadata options) and our sdk Instance (vSwitchId/privateIpAddress, primaryNetworkInterface,
 * secondaryNetworkInterface, metadataOptions, forwarding).
 */
import type { MetadataOptions } from "../model/topology";
import { PlanError } from "./errors";
import { ENI_ROLES, attach, optionalField, type MapContext } from "./pulumi-map-context";
import { UNKNOWN, asBoolean, asInteger, asRecord, asString, prop, propAny, type PulumiResource } from "./pulumi-values";
import { FORWARDING_MODES, type ForwardingMode } from "../model/topology";
import type { UnknownRecord } from "./shape-reader";

export function instanceElements(ctx: MapContext, r: PulumiResource): void {
  const sdk = ctx.roles.get(r.urn) === "eni-sdk-instance";
  const id = ctx.modelId(r);
  const metadataOptions = sdk ? metadataFrom(ctx, r, asRecord(prop(r, "metadataOptions")) ?? {}, "metadataOptions.") : metadataFrom(ctx, r, flatMetadata(r), "");
  const tags = ctx.tags(r);
  const tagForwarding = ctx.forwardingFromTags(r, asRecord(prop(r, "tags")));
  const forwarding = (sdk ? sdkForwarding(ctx, r) : undefined) ?? tagForwarding ?? "none";
  ctx.builder.instances.set(id, {
    id,
    forwarding,
    ...(Object.keys(metadataOptions).length === 0 ? {} : { metadataOptions }),
    ...optionalField("name", asString(prop(r, "instanceName"))),
    ...optionalField("tags", tags),
    ...optionalField("policyRouting", ctx.policyRoutingFromTags(r, asRecord(prop(r, "tags")))),
  });

  const primary = sdk ? asRecord(prop(r, "primaryNetworkInterface")) : undefined;
  const vswitch = ctx.resolveRef(r, sdk ? "vSwitchId" : "vswitchId", ["vswitch"]);
  const existingPrimary = sdk ? undefined : ctx.resolveRef(r, "networkInterfaceId", ENI_ROLES);
  if (existingPrimary !== undefined && ctx.builder.enis.has(existingPrimary)) {
    attach(ctx, existingPrimary, id, r.urn, true);
  } else if (vswitch === undefined) {
    ctx.builder.notes.push(`${r.urn}: no vSwitch known (launch template?); its primary ENI is left out`);
  } else {
    const eniId = asString(sdk ? (prop(r, "primaryNetworkInterfaceId") ?? primary?.["networkInterfaceId"]) : prop(r, "networkInterfaceId")) ?? ctx.syntheticId(`${id}-primary-eni`);
    const secondaryIps = ctx.ipList(r, sdk ? ["secondaryPrivateIpAddresses"] : ["secondaryPrivateIps"]);
    const count = asInteger(prop(r, "secondaryPrivateIpAddressCount"));
    const sourceDestCheck = asBoolean(sdk ? primary?.["sourceDestCheck"] : prop(r, "sourceDestCheck"));
    ctx.builder.addEni({
      id: eniId,
      vswitch,
      instance: id,
      secondaryIps: secondaryIps ?? [],
      extraSecondaryCount: secondaryIps === undefined ? (count ?? 0) : 0,
      origin: `${r.urn} (primary ENI)`,
      primary: true,
      ...optionalField("primaryIp", ctx.optionalIp(r, sdk ? ["privateIpAddress", "primaryIpAddress"] : ["privateIp", "primaryIpAddress"])),
      ...optionalField("mac", asString(sdk ? (prop(r, "primaryMacAddress") ?? primary?.["macAddress"]) : undefined)),
      ...optionalField("sourceDestCheck", sourceDestCheck),
    });
  }
  secondaryEni(ctx, r, sdk, id);
}

/**
 * At most one secondary ENI is created with the instance (the cloud's limit at creation). An id in
 * the block's *input* means "attach this existing ENI"; an id only in the outputs is the one the
 * cloud gave the ENI it created (after apply).
 */
function secondaryEni(ctx: MapContext, r: PulumiResource, sdk: boolean, instanceId: string): void {
  const blockKey = sdk ? "secondaryNetworkInterface" : "networkInterfaces";
  const first = (value: unknown) => asRecord(Array.isArray(value) ? value[0] : value);
  const block = first(prop(r, blockKey));
  if (block === undefined) return;
  const existing = asString(first(r.inputs[blockKey])?.["networkInterfaceId"]);
  if (existing !== undefined) {
    if (ctx.builder.enis.has(existing)) attach(ctx, existing, instanceId, r.urn, false);
    else ctx.builder.notes.push(`${r.urn} attaches existing network interface "${existing}", which the plan does not declare; left to the base topology`);
    return;
  }
  const vswitchKey = sdk ? "vSwitchId" : "vswitchId";
  const own = asString(block[vswitchKey]) ?? ctx.resolveRef(r, blockKey, ["vswitch"]);
  const vswitch = own ?? ctx.resolveRef(r, vswitchKey, ["vswitch"]);
  if (vswitch === undefined) {
    ctx.builder.notes.push(`${r.urn}: the secondary ENI's vSwitch is unknown until apply; it is left out`);
    return;
  }
  if (own === undefined && block[vswitchKey] === UNKNOWN) {
    ctx.builder.notes.push(`${r.urn}: the secondary ENI's vSwitch is unknown until apply; assumed the instance's ("${vswitch}")`);
  }
  const ip = block["primaryIpAddress"];
  const createdId = asString(block["networkInterfaceId"]) ?? (sdk ? asString(prop(r, "secondaryNetworkInterfaceId")) : undefined);
  ctx.builder.addEni({
    id: createdId ?? ctx.syntheticId(`${instanceId}-secondary-eni`),
    vswitch,
    instance: instanceId,
    secondaryIps: [],
    extraSecondaryCount: 0,
    origin: `${r.urn} (secondary ENI)`,
    primary: false,
    ...optionalField("primaryIp", ip === undefined || ip === UNKNOWN ? undefined : ctx.checkIp(r, `${blockKey}.primaryIpAddress`, ip)),
    ...optionalField("mac", asString(block["macAddress"])),
    ...optionalField("sourceDestCheck", asBoolean(block["sourceDestCheck"])),
  });
}

function flatMetadata(r: PulumiResource): UnknownRecord {
  return {
    httpEndpoint: propAny(r, ["httpEndpoint"]),
    httpTokens: propAny(r, ["httpTokens"]),
    httpPutResponseHopLimit: propAny(r, ["httpPutResponseHopLimit"]),
  };
}

function metadataFrom(ctx: MapContext, r: PulumiResource, m: UnknownRecord, prefix: string): MetadataOptions {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const value = m[key];
    if (value === undefined || value === UNKNOWN) return undefined;
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    throw new PlanError("INVALID_VALUE", `not a valid ${key}`, { file: ctx.source, path: `${r.urn}.${prefix}${key}`, value, allowed: allowed.join(", ") });
  };
  const httpEndpoint = pick("httpEndpoint", ["enabled", "disabled"] as const);
  const httpTokens = pick("httpTokens", ["optional", "required"] as const);
  const hops = asInteger(m["httpPutResponseHopLimit"]);
  return {
    ...optionalField("httpEndpoint", httpEndpoint),
    ...optionalField("httpTokens", httpTokens),
    ...optionalField("httpPutResponseHopLimit", hops),
  };
}

function sdkForwarding(ctx: MapContext, r: PulumiResource): ForwardingMode | undefined {
  const value = prop(r, "forwarding");
  if (value === undefined || value === UNKNOWN) return undefined;
  if (typeof value === "string" && (FORWARDING_MODES as readonly string[]).includes(value)) return value as ForwardingMode;
  throw new PlanError("INVALID_VALUE", "not a valid forwarding mode", { file: ctx.source, path: `${r.urn}.forwarding`, value, allowed: FORWARDING_MODES.join(", ") });
}
