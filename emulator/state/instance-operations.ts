import { definedOnly, getInstance, instanceStatus, viewInstance } from "./instances";
import type { InstanceView } from "./instances";
import { transition } from "./lifecycle";
import { checkRegion, resolveSecurityGroups } from "./networks";
import { indexRemovedEni } from "./eni-index";
import { enisOfInstance, settleEni } from "./network-interfaces";
import type { PageWindow, Windowed } from "./network-interfaces";
import type { InstanceRecord, InstanceStatus, MetadataOptions, Tag } from "./records";
import { stateErrors } from "./state-errors";
import type { StoreContext } from "./store-context";
import { matchesTags, removeTags } from "./tags";

export interface InstanceFilter {
  readonly regionId: string;
  readonly ids?: readonly string[];
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly zoneId?: string;
  readonly status?: InstanceStatus;
  readonly instanceName?: string;
  readonly instanceType?: string;
  readonly imageId?: string;
  readonly securityGroupId?: string;
  readonly privateIpAddresses?: readonly string[];
  readonly resourceGroupId?: string;
  readonly tags?: readonly Tag[];
}

function matchesInstance(ctx: StoreContext, instance: InstanceRecord, filter: InstanceFilter, ids: Set<string> | undefined): boolean {
  if (instance.regionId !== filter.regionId || (ids && !ids.has(instance.id))) return false;
  if (filter.vpcId !== undefined && instance.vpcId !== filter.vpcId) return false;
  if (filter.vSwitchId !== undefined && instance.vSwitchId !== filter.vSwitchId) return false;
  if (filter.zoneId !== undefined && instance.zoneId !== filter.zoneId) return false;
  if (filter.status !== undefined && instanceStatus(instance, ctx.now) !== filter.status) return false;
  if (filter.instanceName !== undefined && instance.instanceName !== filter.instanceName) return false;
  if (filter.instanceType !== undefined && instance.instanceType !== filter.instanceType) return false;
  if (filter.imageId !== undefined && instance.imageId !== filter.imageId) return false;
  if (filter.securityGroupId !== undefined && !instance.securityGroupIds.includes(filter.securityGroupId)) return false;
  if (filter.resourceGroupId !== undefined && instance.resourceGroupId !== filter.resourceGroupId) return false;
  if (filter.privateIpAddresses?.length) {
    const primaryIp = ctx.state.networkInterfaces[instance.primaryEniId]?.primaryIpAddress;
    if (!filter.privateIpAddresses.some((ip) => ip === primaryIp)) return false;
  }
  if (filter.tags?.length && !matchesTags(ctx, "instance", instance.id, filter.tags)) return false;
  return true;
}

/** Matching instances in creation order; only the requested window becomes views. */
export function describeInstanceWindow(ctx: StoreContext, filter: InstanceFilter, window?: PageWindow): Windowed<InstanceView> {
  checkRegion(ctx, filter.regionId);
  const ids = filter.ids ? new Set(filter.ids) : undefined;
  const matched = Object.values(ctx.state.instances).filter((i) => matchesInstance(ctx, i, filter, ids));
  const slice = window ? matched.slice(window.offset, window.offset + window.limit) : matched;
  return { total: matched.length, items: slice.map((i) => viewInstance(ctx, i)) };
}

export function describeInstances(ctx: StoreContext, filter: InstanceFilter): InstanceView[] {
  return describeInstanceWindow(ctx, filter).items;
}

export function describeInstance(ctx: StoreContext, id: string): InstanceView {
  return viewInstance(ctx, getInstance(ctx, id));
}

export function startInstance(ctx: StoreContext, id: string, dryRun: boolean): void {
  const instance = getInstance(ctx, id);
  const status = instanceStatus(instance, ctx.now);
  if (status !== "Stopped") throw stateErrors.incorrectInstanceStatus(id, status, "Stopped");
  if (dryRun) return;
  instance.lifecycle = transition(ctx.now, "Starting" as InstanceStatus, ["Running", ctx.transitions.instanceStartMs]);
}

export function stopInstance(ctx: StoreContext, id: string, dryRun: boolean): void {
  const instance = getInstance(ctx, id);
  const status = instanceStatus(instance, ctx.now);
  if (status !== "Running") throw stateErrors.incorrectInstanceStatus(id, status, "Running");
  if (dryRun) return;
  instance.lifecycle = transition(ctx.now, "Stopping" as InstanceStatus, ["Stopped", ctx.transitions.instanceStopMs]);
}

/**
 * Deletes instances (all or none). Without Force an instance must be Stopped. As in the cloud,
 * ENIs marked DeleteOnRelease (the primary always, secondaries made with the instance by default)
 * go with it; the others are detached and become Available again.
 */
export function deleteInstances(ctx: StoreContext, ids: readonly string[], options: { regionId?: string; force: boolean; dryRun: boolean }): void {
  if (options.regionId !== undefined) checkRegion(ctx, options.regionId);
  const instances = ids.map((id) => getInstance(ctx, id, options.regionId));
  for (const instance of instances) {
    const status = instanceStatus(instance, ctx.now);
    if (instance.deletionProtection) throw stateErrors.deletionProtection(instance.id);
    if (!options.force && status !== "Stopped") throw stateErrors.incorrectInstanceStatus(instance.id, status, "Stopped (or Force=true)");
  }
  if (options.dryRun) return;
  for (const instance of instances) {
    for (const eni of enisOfInstance(ctx, instance.id)) {
      settleEni(ctx, eni);
      if (eni.type === "Primary" || eni.deleteOnRelease) {
        delete ctx.state.networkInterfaces[eni.id];
        indexRemovedEni(ctx.state);
        removeTags(ctx, "eni", [eni.id], "all");
      } else {
        eni.lifecycle = transition(ctx.now, "Detaching", ["Available", ctx.transitions.eniDetachMs]);
      }
    }
    delete ctx.state.instances[instance.id];
    removeTags(ctx, "instance", [instance.id], "all");
  }
}

export function modifyMetadataOptions(ctx: StoreContext, id: string, regionId: string, options: Partial<MetadataOptions>): void {
  checkRegion(ctx, regionId);
  const instance = getInstance(ctx, id, regionId);
  instance.metadataOptions = { ...instance.metadataOptions, ...definedOnly(options) };
}

export interface ModifyInstanceInput {
  readonly instanceName?: string | undefined;
  readonly description?: string | undefined;
  readonly hostName?: string | undefined;
  readonly deletionProtection?: boolean | undefined;
  readonly userData?: string | undefined;
  /** Replaces the groups of the instance and of its primary ENI, as the cloud does. */
  readonly securityGroupIds?: readonly string[] | undefined;
}

export function modifyInstanceAttribute(ctx: StoreContext, id: string, input: ModifyInstanceInput): void {
  const instance = getInstance(ctx, id);
  const groups = input.securityGroupIds && resolveSecurityGroups(ctx, input.securityGroupIds, instance.vpcId, instance.regionId);
  if (input.instanceName !== undefined) instance.instanceName = input.instanceName;
  if (input.description !== undefined) instance.description = input.description;
  if (input.hostName !== undefined) instance.hostName = input.hostName;
  if (input.deletionProtection !== undefined) instance.deletionProtection = input.deletionProtection;
  if (input.userData !== undefined) instance.userData = input.userData;
  if (groups) {
    instance.securityGroupIds = [...groups];
    const primary = ctx.state.networkInterfaces[instance.primaryEniId];
    if (primary) primary.securityGroupIds = [...groups];
  }
}
