import type { StoreContext } from "./store-context";
import type { SeedSecurityGroup, SeedVSwitch, SeedVpc } from "./seed";
import { stateErrors } from "./state-errors";

/**
 * VPCs, vSwitches and security groups come from the seed and are read-only here. Lookups are
 * the one place that raises their not-found errors; a `regionId` hides other regions' resources,
 * as the cloud's regional endpoints do.
 */
export function knownRegions(ctx: StoreContext): Set<string> {
  const seed = ctx.state.seed;
  return new Set([seed.region, ...seed.regions, ...seed.vpcs.map((v) => v.regionId)]);
}

export function checkRegion(ctx: StoreContext, regionId: string): void {
  if (!knownRegions(ctx).has(regionId)) throw stateErrors.regionNotFound(regionId);
}

export function getVpc(ctx: StoreContext, id: string, regionId?: string): SeedVpc {
  const vpc = ctx.state.seed.vpcs.find((v) => v.id === id);
  if (!vpc || (regionId !== undefined && vpc.regionId !== regionId)) throw stateErrors.vpcNotFound(id);
  return vpc;
}

export function regionOfVpc(ctx: StoreContext, vpcId: string): string {
  return getVpc(ctx, vpcId).regionId;
}

export function getVSwitch(ctx: StoreContext, id: string, regionId?: string): SeedVSwitch {
  const vsw = ctx.state.seed.vSwitches.find((v) => v.id === id);
  if (!vsw || (regionId !== undefined && regionOfVpc(ctx, vsw.vpcId) !== regionId)) throw stateErrors.vSwitchNotFound(id);
  return vsw;
}

export function getSecurityGroup(ctx: StoreContext, id: string, regionId?: string): SeedSecurityGroup {
  const sg = ctx.state.seed.securityGroups.find((g) => g.id === id);
  if (!sg || (regionId !== undefined && regionOfVpc(ctx, sg.vpcId) !== regionId)) throw stateErrors.securityGroupNotFound(id);
  return sg;
}

/** Every group must exist and sit in `vpcId` (the vSwitch's VPC). Returns them de-duplicated, in order. */
export function resolveSecurityGroups(ctx: StoreContext, ids: readonly string[], vpcId: string, regionId: string): string[] {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const sg = getSecurityGroup(ctx, id, regionId);
    if (sg.vpcId !== vpcId) throw stateErrors.vpcMismatch(`Security group ${id}`, sg.vpcId, vpcId);
  }
  return unique;
}

export function zonesOfRegion(ctx: StoreContext, regionId: string): string[] {
  const vpcIds = new Set(ctx.state.seed.vpcs.filter((v) => v.regionId === regionId).map((v) => v.id));
  return [...new Set(ctx.state.seed.vSwitches.filter((s) => vpcIds.has(s.vpcId)).map((s) => s.zoneId))];
}

/** Whether an ENI in this region can have SourceDestCheck at all (seed 001's 28 regions). */
export function sourceDestCheckAvailable(ctx: StoreContext, regionId: string): boolean {
  return ctx.state.seed.sourceDestCheckRegions.includes(regionId);
}

/**
 * The value a new ENI gets: the caller's, else the account mode's default. Outside the supported
 * regions the feature does not exist: asking for `true` fails, and it reads back false.
 */
export function resolveSourceDestCheck(ctx: StoreContext, regionId: string, requested: boolean | undefined): boolean {
  if (!sourceDestCheckAvailable(ctx, regionId)) {
    if (requested === true) throw stateErrors.sourceDestCheckUnsupported(regionId);
    return false;
  }
  if (requested !== undefined) return requested;
  const mode = ctx.state.seed.sourceDestCheckMode;
  switch (mode) {
    case "enabled-by-default":
      return true;
    case "disabled-by-default":
      return false;
    default: {
      const unreachable: never = mode;
      throw new Error(`unknown SourceDestCheck mode ${String(unreachable)}`);
    }
  }
}
