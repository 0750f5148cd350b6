import { invalidParameter, missingParameter } from "../errors";
import type { EniStatus, EniType } from "../state/records";
import type { ActionDefinition } from "./action";
import { IPV4, LIMITS, readName, readRegion, readSecurityGroups, readTagFilter, readTags } from "./common-params";
import { defineAction, withClientToken } from "./define";
import { renderCreatedEni, renderEni } from "./network-interface-render";
import { PageCache } from "./page-cache";
import { pageFields, pageWindow, readPaging } from "./paging";
import { ParamReader } from "./params";

const ENI_STATUSES: readonly EniStatus[] = ["Available", "Attaching", "InUse", "Detaching"];
const ENI_TYPES: readonly EniType[] = ["Primary", "Secondary"];

/** PrivateIpAddress.N and SecondaryPrivateIpAddressCount are alternatives, as in the cloud. */
export function readIpRequest(r: ParamReader): { privateIpAddresses: string[]; secondaryPrivateIpAddressCount: number | undefined } {
  const privateIpAddresses = r.list("PrivateIpAddress", 49, IPV4);
  const secondaryPrivateIpAddressCount = r.int("SecondaryPrivateIpAddressCount", 1, 49);
  if (privateIpAddresses.length > 0 && secondaryPrivateIpAddressCount !== undefined) {
    throw invalidParameter("SecondaryPrivateIpAddressCount", String(secondaryPrivateIpAddressCount), "not together with PrivateIpAddress.N");
  }
  return { privateIpAddresses, secondaryPrivateIpAddressCount };
}

const createNetworkInterface = defineAction("Ecs", "CreateNetworkInterface", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const input = {
    regionId: readRegion(r),
    vSwitchId: r.requiredStr("VSwitchId"),
    securityGroupIds: readSecurityGroups(r),
    primaryIpAddress: r.str("PrimaryIpAddress", IPV4),
    ...readIpRequest(r),
    name: readName(r, "NetworkInterfaceName"),
    description: r.str("Description", LIMITS.description),
    sourceDestCheck: r.bool("SourceDestCheck"),
    resourceGroupId: r.str("ResourceGroupId"),
    deleteOnRelease: r.bool("DeleteOnRelease"),
    queueNumber: r.int("QueueNumber", 1, 64),
    tags: readTags(r),
  };
  const token = r.str("ClientToken", { max: 64 });
  r.finish(ctx.action);
  if (input.securityGroupIds.length === 0) throw missingParameter("SecurityGroupIds.1");
  return withClientToken(ctx, token, () => renderCreatedEni(ctx.store.createNetworkInterface(input), ctx.store.seed.accountId));
});

const deleteNetworkInterface = defineAction("Ecs", "DeleteNetworkInterface", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const id = r.requiredStr("NetworkInterfaceId");
  r.finish(ctx.action);
  ctx.store.deleteNetworkInterface(id, regionId);
  return {};
});

const describePages = new PageCache();

const describeNetworkInterfaces = defineAction("Ecs", "DescribeNetworkInterfaces", false, (ctx) => {
  const cached = describePages.get(ctx.store, ctx.params, ctx.store.now());
  if (cached !== undefined) return cached;
  const r = ParamReader.of(ctx.params);
  const ids = r.list("NetworkInterfaceId", 100);
  const filter = {
    regionId: readRegion(r),
    ...(ids.length ? { ids } : {}),
    vSwitchId: r.str("VSwitchId"),
    vpcId: r.str("VpcId"),
    instanceId: r.str("InstanceId"),
    status: r.oneOf("Status", ENI_STATUSES),
    type: r.oneOf("Type", ENI_TYPES),
    name: r.str("NetworkInterfaceName"),
    primaryIpAddress: r.str("PrimaryIpAddress", IPV4),
    privateIpAddresses: r.list("PrivateIpAddress", 100, IPV4),
    securityGroupId: r.str("SecurityGroupId"),
    resourceGroupId: r.str("ResourceGroupId"),
    tags: readTagFilter(r),
  };
  const paging = readPaging(r, { maxPageSize: 1000, defaultPageSize: 10, token: true });
  r.finish(ctx.action);
  const page = ctx.store.describeNetworkInterfacePage(filter, pageWindow(paging));
  const owner = ctx.store.seed.accountId;
  const body = { ...pageFields(paging, page.total), NetworkInterfaceSets: { NetworkInterfaceSet: page.items.map((e) => renderEni(e, owner)) } };
  return describePages.put(ctx.store, ctx.params, page.readAt, page.stableUntil, body);
});

const describeNetworkInterfaceAttribute = defineAction("Ecs", "DescribeNetworkInterfaceAttribute", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const id = r.requiredStr("NetworkInterfaceId");
  // "attachment" is the one Attribute value the cloud documents; everything is returned anyway.
  r.oneOf("Attribute", ["attachment"] as const);
  r.finish(ctx.action);
  return renderEni(ctx.store.describeNetworkInterface(id, regionId), ctx.store.seed.accountId);
});

const modifyNetworkInterfaceAttribute = defineAction("Ecs", "ModifyNetworkInterfaceAttribute", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const id = r.requiredStr("NetworkInterfaceId");
  const groups = r.list("SecurityGroupId", 5);
  const input = {
    name: readName(r, "NetworkInterfaceName"),
    description: r.str("Description", LIMITS.description),
    securityGroupIds: groups.length ? groups : undefined,
    sourceDestCheck: r.bool("SourceDestCheck"),
    deleteOnRelease: r.bool("DeleteOnRelease"),
    queueNumber: r.int("QueueNumber", 1, 64),
  };
  r.finish(ctx.action);
  ctx.store.modifyNetworkInterface(id, regionId, input);
  return {};
});

export const NETWORK_INTERFACE_ACTIONS: readonly ActionDefinition[] = [
  createNetworkInterface,
  deleteNetworkInterface,
  describeNetworkInterfaces,
  describeNetworkInterfaceAttribute,
  modifyNetworkInterfaceAttribute,
];
