import { usedAddresses } from "./ip-allocation";
import { parseCidr, usableRange } from "./ipv4";
import { checkRegion, regionOfVpc } from "./networks";
import { eniStatus } from "./network-interfaces";
import type { Tag } from "./records";
import type { SeedSecurityGroup, SeedVSwitch, SeedVpc } from "./seed";
import type { StoreContext } from "./store-context";
import { matchesTags, tagsOf } from "./tags";

/** Read-only views of the seed's networks, with what the state adds (free IPs, tags, membership). */
export interface VpcView extends SeedVpc {
  readonly vSwitchIds: readonly string[];
  readonly routeTableIds: readonly string[];
}

export interface VSwitchView extends SeedVSwitch {
  readonly regionId: string;
  readonly availableIpAddressCount: number;
  readonly routeTableId: string;
}

export interface SecurityGroupView extends SeedSecurityGroup {
  readonly regionId: string;
  readonly tags: readonly Tag[];
  /** Instances with an ENI in the group (the cloud's EcsCount). */
  readonly instanceCount: number;
}

export function describeVpcs(ctx: StoreContext, filter: { regionId: string; vpcIds?: readonly string[]; vpcName?: string }): VpcView[] {
  checkRegion(ctx, filter.regionId);
  const seed = ctx.state.seed;
  return seed.vpcs
    .filter((v) => v.regionId === filter.regionId)
    .filter((v) => !filter.vpcIds || filter.vpcIds.includes(v.id))
    .filter((v) => filter.vpcName === undefined || v.name === filter.vpcName)
    .map((v) => ({
      ...v,
      vSwitchIds: seed.vSwitches.filter((s) => s.vpcId === v.id).map((s) => s.id),
      routeTableIds: seed.routeTables.filter((t) => t.vpcId === v.id).map((t) => t.id),
    }));
}

function routeTableOf(ctx: StoreContext, vsw: SeedVSwitch): string {
  const tables = ctx.state.seed.routeTables;
  const bound = tables.find((t) => t.vSwitchIds.includes(vsw.id));
  return (bound ?? tables.find((t) => t.vpcId === vsw.vpcId && t.type === "System"))?.id ?? "";
}

export function describeVSwitches(
  ctx: StoreContext,
  filter: { regionId: string; vpcId?: string; vSwitchId?: string; zoneId?: string; vSwitchName?: string },
): VSwitchView[] {
  checkRegion(ctx, filter.regionId);
  return ctx.state.seed.vSwitches
    .filter((s) => regionOfVpc(ctx, s.vpcId) === filter.regionId)
    .filter((s) => filter.vpcId === undefined || s.vpcId === filter.vpcId)
    .filter((s) => filter.vSwitchId === undefined || s.id === filter.vSwitchId)
    .filter((s) => filter.zoneId === undefined || s.zoneId === filter.zoneId)
    .filter((s) => filter.vSwitchName === undefined || s.name === filter.vSwitchName)
    .map((s) => {
      const { first, last } = usableRange(parseCidr(s.cidrBlock)!);
      const free = Math.max(0, last - first + 1 - usedAddresses(ctx, s.id).size);
      return { ...s, regionId: filter.regionId, availableIpAddressCount: free, routeTableId: routeTableOf(ctx, s) };
    });
}

export function describeSecurityGroups(
  ctx: StoreContext,
  filter: { regionId: string; vpcId?: string; securityGroupIds?: readonly string[]; securityGroupName?: string; tags?: readonly Tag[] },
): SecurityGroupView[] {
  checkRegion(ctx, filter.regionId);
  const enis = Object.values(ctx.state.networkInterfaces);
  return ctx.state.seed.securityGroups
    .filter((g) => regionOfVpc(ctx, g.vpcId) === filter.regionId)
    .filter((g) => filter.vpcId === undefined || g.vpcId === filter.vpcId)
    .filter((g) => !filter.securityGroupIds || filter.securityGroupIds.includes(g.id))
    .filter((g) => filter.securityGroupName === undefined || g.name === filter.securityGroupName)
    .filter((g) => matchesTags(ctx, "securitygroup", g.id, filter.tags ?? []))
    .map((g) => ({
      ...g,
      regionId: filter.regionId,
      tags: tagsOf(ctx, "securitygroup", g.id),
      instanceCount: new Set(enis.filter((e) => e.securityGroupIds.includes(g.id) && e.instanceId !== null && eniStatus(e, ctx.now) !== "Available").map((e) => e.instanceId)).size,
    }));
}
