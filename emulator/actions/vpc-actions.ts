import { dryRunOk, invalidParameter, missingParameter } from "../errors";
import type { ActionDefinition } from "./action";
import { LIMITS, readName } from "./common-params";
import { defineAction, withClientToken } from "./define";
import { readPaging, takePage } from "./paging";
import { ParamReader } from "./params";

/** The VPC API's next-hop types; NetworkInterface and Instance are checked against the state. */
const NEXT_HOP_TYPES = [
  "Instance", "NetworkInterface", "HaVip", "RouterInterface", "VpnGateway", "IPv6Gateway", "NatGateway",
  "Attachment", "VpcPeer", "Ipv4Gateway", "GatewayEndpoint", "CenBasic", "Ecr", "GatewayLoadBalancerEndpoint",
] as const;

const VPC_PAGE = { maxPageSize: 50, defaultPageSize: 10, token: false } as const;

function ownerId(accountId: string): number {
  return Number(accountId);
}

const describeVpcs = defineAction("Vpc", "DescribeVpcs", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = r.requiredStr("RegionId");
  const idsText = r.str("VpcId");
  const vpcIds = idsText === undefined ? undefined : idsText.split(",").map((s) => s.trim()).filter(Boolean);
  if (vpcIds && vpcIds.length > 20) throw invalidParameter("VpcId", idsText ?? "", "at most 20 comma-separated VPC ids");
  const vpcName = r.str("VpcName");
  const paging = readPaging(r, VPC_PAGE);
  const dryRun = r.bool("DryRun") ?? false;
  r.finish(ctx.action);
  const vpcs = ctx.store.describeVpcs({ regionId, ...(vpcIds ? { vpcIds } : {}), ...(vpcName !== undefined ? { vpcName } : {}) });
  if (dryRun) throw dryRunOk();
  const page = takePage(vpcs, paging);
  return {
    ...page.fields,
    Vpcs: {
      Vpc: page.items.map((v) => ({
        VpcId: v.id, VpcName: v.name, Description: v.description, CidrBlock: v.cidrBlock, RegionId: v.regionId,
        Status: "Available", IsDefault: false, OwnerId: ownerId(ctx.store.seed.accountId),
        VSwitchIds: { VSwitchId: [...v.vSwitchIds] }, RouterTableIds: { RouterTableIds: [...v.routeTableIds] },
      })),
    },
  };
});

const describeVSwitches = defineAction("Vpc", "DescribeVSwitches", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const vpcId = r.str("VpcId");
  const regionText = r.str("RegionId");
  const filter = { vpcId, vSwitchId: r.str("VSwitchId"), zoneId: r.str("ZoneId"), vSwitchName: r.str("VSwitchName") };
  const paging = readPaging(r, VPC_PAGE);
  const dryRun = r.bool("DryRun") ?? false;
  r.finish(ctx.action);
  // The cloud takes either RegionId or a VpcId to find the region from.
  const regionId = regionText ?? (vpcId !== undefined ? ctx.store.describeVpcRegion(vpcId) : undefined);
  if (regionId === undefined) throw missingParameter("RegionId");
  const vSwitches = ctx.store.describeVSwitches({ regionId, ...definedOnly(filter) });
  if (dryRun) throw dryRunOk();
  const page = takePage(vSwitches, paging);
  const tables = ctx.store.seed.routeTables;
  return {
    ...page.fields,
    VSwitches: {
      VSwitch: page.items.map((s) => ({
        VSwitchId: s.id, VSwitchName: s.name, Description: s.description, VpcId: s.vpcId, ZoneId: s.zoneId,
        CidrBlock: s.cidrBlock, AvailableIpAddressCount: s.availableIpAddressCount, Status: "Available", IsDefault: false,
        OwnerId: ownerId(ctx.store.seed.accountId),
        RouteTable: { RouteTableId: s.routeTableId, RouteTableType: tables.find((t) => t.id === s.routeTableId)?.type ?? "System" },
      })),
    },
  };
});

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}

const describeRouteTableList = defineAction("Vpc", "DescribeRouteTableList", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = r.requiredStr("RegionId");
  const filter = {
    vpcId: r.str("VpcId"), routeTableId: r.str("RouteTableId"), routeTableName: r.str("RouteTableName"),
    routeTableType: r.oneOf("RouteTableType", ["System", "Custom"] as const),
  };
  const paging = readPaging(r, VPC_PAGE);
  r.finish(ctx.action);
  const page = takePage(ctx.store.describeRouteTables({ regionId, ...definedOnly(filter) }), paging);
  return {
    ...page.fields,
    RouterTableList: {
      RouterTableListType: page.items.map((t) => ({
        RouteTableId: t.id, RouteTableName: t.name, RouteTableType: t.type, VpcId: t.vpcId, Status: "Available",
        Description: "", RouterType: "VRouter", OwnerId: ownerId(ctx.store.seed.accountId),
        VSwitchIds: { VSwitchId: [...t.vSwitchIds] },
      })),
    },
  };
});

const describeRouteEntryList = defineAction("Vpc", "DescribeRouteEntryList", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = r.requiredStr("RegionId");
  const routeTableId = r.requiredStr("RouteTableId");
  const filter = {
    routeEntryId: r.str("RouteEntryId"), destinationCidrBlock: r.str("DestinationCidrBlock"), nextHopId: r.str("NextHopId"),
    nextHopType: r.str("NextHopType"), routeEntryType: r.oneOf("RouteEntryType", ["System", "Custom"] as const),
    routeEntryName: r.str("RouteEntryName"),
  };
  const paging = readPaging(r, { maxPageSize: 100, defaultPageSize: 10, token: true, tokenSizeName: "MaxResult", pageNumbers: false });
  r.finish(ctx.action);
  const page = takePage(ctx.store.describeRouteEntries({ regionId, routeTableId, ...definedOnly(filter) }), paging);
  return {
    ...page.fields,
    RouteEntrys: {
      RouteEntry: page.items.map((e) => ({
        RouteEntryId: e.id, RouteEntryName: e.name, RouteTableId: e.routeTableId, DestinationCidrBlock: e.destinationCidrBlock,
        Type: e.type, Status: e.status, Description: e.description, IpVersion: "IPv4",
        NextHops: { NextHop: [{ NextHopId: e.nextHopId, NextHopType: e.nextHopType, Enabled: 1 }] },
      })),
    },
  };
});

const createRouteEntry = defineAction("Vpc", "CreateRouteEntry", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const input = {
    regionId: r.requiredStr("RegionId"),
    routeTableId: r.requiredStr("RouteTableId"),
    destinationCidrBlock: r.requiredStr("DestinationCidrBlock"),
    nextHopType: r.oneOf("NextHopType", NEXT_HOP_TYPES) ?? "",
    nextHopId: r.requiredStr("NextHopId"),
    name: readName(r, "RouteEntryName"),
    description: r.str("Description", LIMITS.description),
  };
  const token = r.str("ClientToken", { max: 64 });
  const dryRun = r.bool("DryRun") ?? false;
  r.finish(ctx.action);
  if (input.nextHopType === "") throw missingParameter("NextHopType");
  if (dryRun) {
    ctx.store.validateRouteEntry(input);
    throw dryRunOk();
  }
  return withClientToken(ctx, token, () => ({ RouteEntryId: ctx.store.createRouteEntry(input).id }));
});

const deleteRouteEntry = defineAction("Vpc", "DeleteRouteEntry", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const input = {
    regionId: r.requiredStr("RegionId"),
    routeEntryId: r.str("RouteEntryId"),
    routeTableId: r.str("RouteTableId"),
    destinationCidrBlock: r.str("DestinationCidrBlock"),
    nextHopId: r.str("NextHopId"),
  };
  const dryRun = r.bool("DryRun") ?? false;
  r.finish(ctx.action);
  if (input.routeEntryId === undefined && (input.routeTableId === undefined || input.destinationCidrBlock === undefined)) {
    throw missingParameter(input.routeTableId === undefined ? "RouteEntryId" : "DestinationCidrBlock");
  }
  ctx.store.deleteRouteEntry({ ...input, dryRun });
  if (dryRun) throw dryRunOk();
  return {};
});

export const VPC_ACTIONS: readonly ActionDefinition[] = [
  describeVpcs, describeVSwitches, describeRouteTableList, describeRouteEntryList, createRouteEntry, deleteRouteEntry,
];
