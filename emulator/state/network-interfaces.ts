import { indexAddedEni, indexRemovedEni, indexedEnis } from "./eni-index";
import { allocateId, allocateMac } from "./id-allocation";
import { IpPlanner } from "./ip-allocation";
import { isSettled, statusAt } from "./lifecycle";
import { checkRegion, getVSwitch, resolveSecurityGroups, resolveSourceDestCheck } from "./networks";
import type { EniRecord, EniStatus, EniType, Tag } from "./records";
import type { SeedVSwitch } from "./seed";
import { stateErrors } from "./state-errors";
import type { StoreContext } from "./store-context";
import { matchesTags, removeTags, setTags, tagsOf } from "./tags";

/** An ENI as a reader sees it at one instant: status and attachment resolved from the clock. */
export interface EniView extends Readonly<Omit<EniRecord, "lifecycle">> {
  readonly status: EniStatus;
  readonly tags: readonly Tag[];
}

export function eniStatus(eni: EniRecord, now: number): EniStatus {
  return statusAt(eni.lifecycle, now);
}

export function viewEni(ctx: StoreContext, eni: EniRecord): EniView {
  const status = eniStatus(eni, ctx.now);
  const attached = status !== "Available";
  return {
    id: eni.id, regionId: eni.regionId, zoneId: eni.zoneId, vpcId: eni.vpcId, vSwitchId: eni.vSwitchId, type: eni.type,
    name: eni.name, description: eni.description, primaryIpAddress: eni.primaryIpAddress, macAddress: eni.macAddress,
    sourceDestCheck: eni.sourceDestCheck, creationTime: eni.creationTime, resourceGroupId: eni.resourceGroupId,
    deleteOnRelease: eni.deleteOnRelease, queueNumber: eni.queueNumber,
    securityGroupIds: [...eni.securityGroupIds],
    secondaryIpAddresses: [...eni.secondaryIpAddresses],
    instanceId: attached ? eni.instanceId : null,
    deviceIndex: attached ? eni.deviceIndex : null,
    status,
    tags: tagsOf(ctx, "eni", eni.id),
  };
}

/** Folds finished transitions into the record before a verb changes it (a detach clears the instance). */
export function settleEni(ctx: StoreContext, eni: EniRecord): void {
  if (!isSettled(eni.lifecycle, ctx.now)) return;
  const status = eniStatus(eni, ctx.now);
  eni.lifecycle = [{ status, at: eni.lifecycle[eni.lifecycle.length - 1]!.at }];
  if (status === "Available") {
    eni.instanceId = null;
    eni.deviceIndex = null;
  }
}

export function getEni(ctx: StoreContext, id: string, regionId?: string): EniRecord {
  const eni = ctx.state.networkInterfaces[id];
  if (!eni || (regionId !== undefined && eni.regionId !== regionId)) throw stateErrors.eniNotFound(id);
  settleEni(ctx, eni);
  return eni;
}

/** ENIs attached to (or attaching to, or detaching from) an instance, primary first. */
export function enisOfInstance(ctx: StoreContext, instanceId: string): EniRecord[] {
  return Object.values(ctx.state.networkInterfaces)
    .filter((e) => e.instanceId === instanceId && eniStatus(e, ctx.now) !== "Available")
    .sort((a, b) => (a.deviceIndex ?? 0) - (b.deviceIndex ?? 0));
}

export function eniCountInRegion(ctx: StoreContext, regionId: string): number {
  let n = 0;
  for (const eni of Object.values(ctx.state.networkInterfaces)) if (eni.regionId === regionId) n++;
  return n;
}

export function checkEniQuota(ctx: StoreContext, regionId: string, adding: number): void {
  const quota = ctx.state.seed.eniQuotaPerRegion;
  if (eniCountInRegion(ctx, regionId) + adding > quota) throw stateErrors.eniQuota(regionId, quota);
}

/** The most private IPs an ENI can hold: that of its instance's type, else the largest type's. */
export function maxIpsPerEni(ctx: StoreContext, instanceTypeId: string | undefined): number {
  const types = ctx.state.seed.instanceTypes;
  const type = types.find((t) => t.id === instanceTypeId);
  return type ? type.eniPrivateIpAddressQuantity : Math.max(...types.map((t) => t.eniPrivateIpAddressQuantity));
}

/** What a new ENI is made from, whether by CreateNetworkInterface or by RunInstances. */
export interface EniSpec {
  readonly regionId: string;
  readonly vSwitchId: string;
  readonly securityGroupIds: readonly string[];
  readonly primaryIpAddress?: string | undefined;
  readonly privateIpAddresses?: readonly string[];
  readonly secondaryPrivateIpAddressCount?: number | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly sourceDestCheck?: boolean | undefined;
  readonly resourceGroupId?: string | undefined;
  readonly deleteOnRelease?: boolean | undefined;
  readonly queueNumber?: number | undefined;
  /** Names the request parameters, so an error points at the one the caller sent. */
  readonly paramPrefix?: string;
}

/** A validated ENI with its addresses reserved in `planner`, not yet in the state. */
export interface PlannedEni {
  readonly spec: EniSpec;
  readonly vSwitch: SeedVSwitch;
  readonly vpcId: string;
  readonly securityGroupIds: string[];
  readonly primaryIpAddress: string;
  readonly secondaryIpAddresses: string[];
  readonly sourceDestCheck: boolean;
}

export function planEni(ctx: StoreContext, planner: IpPlanner, spec: EniSpec, maxIps: number): PlannedEni {
  const p = spec.paramPrefix ?? "";
  const vSwitch = getVSwitch(ctx, spec.vSwitchId, spec.regionId);
  const securityGroupIds = resolveSecurityGroups(ctx, spec.securityGroupIds, vSwitch.vpcId, spec.regionId);
  const sourceDestCheck = resolveSourceDestCheck(ctx, spec.regionId, spec.sourceDestCheck);
  const explicit = spec.privateIpAddresses ?? [];
  const count = spec.secondaryPrivateIpAddressCount ?? 0;
  if (1 + explicit.length + count > maxIps) throw stateErrors.ipPerEniLimit(spec.name || "(new)", maxIps);
  const primaryIpAddress = spec.primaryIpAddress !== undefined
    ? planner.explicit(vSwitch, spec.primaryIpAddress, `${p}PrimaryIpAddress`)
    : planner.next(vSwitch, 1)[0]!;
  const secondaryIpAddresses = explicit.map((ip, i) => planner.explicit(vSwitch, ip, `${p}PrivateIpAddress.${i + 1}`));
  secondaryIpAddresses.push(...planner.next(vSwitch, count));
  return { spec, vSwitch, vpcId: vSwitch.vpcId, securityGroupIds, primaryIpAddress, secondaryIpAddresses, sourceDestCheck };
}

/** Puts a planned ENI into the state, attached (InUse at once) when created with an instance. */
export function insertEni(
  ctx: StoreContext,
  plan: PlannedEni,
  type: EniType,
  attachment?: { instanceId: string; deviceIndex: number },
): EniRecord {
  const { state, now } = ctx;
  const id = allocateId(state, "eni", plan.spec.regionId, (candidate) => candidate in state.networkInterfaces);
  const eni: EniRecord = {
    id,
    regionId: plan.spec.regionId,
    zoneId: plan.vSwitch.zoneId,
    vpcId: plan.vpcId,
    vSwitchId: plan.vSwitch.id,
    type,
    name: plan.spec.name ?? "",
    description: plan.spec.description ?? "",
    securityGroupIds: plan.securityGroupIds,
    primaryIpAddress: plan.primaryIpAddress,
    secondaryIpAddresses: plan.secondaryIpAddresses,
    macAddress: allocateMac(state),
    sourceDestCheck: plan.sourceDestCheck,
    instanceId: attachment?.instanceId ?? null,
    deviceIndex: attachment?.deviceIndex ?? null,
    lifecycle: [{ status: attachment ? "InUse" : "Available", at: now }],
    creationTime: now,
    resourceGroupId: plan.spec.resourceGroupId ?? "",
    // ENIs made with an instance go with it by default; standalone ones stay.
    deleteOnRelease: plan.spec.deleteOnRelease ?? attachment !== undefined,
    queueNumber: plan.spec.queueNumber ?? null,
  };
  state.networkInterfaces[id] = eni;
  indexAddedEni(state, eni);
  return eni;
}

export interface CreateEniInput extends EniSpec {
  readonly tags?: readonly Tag[];
  readonly dryRun?: boolean;
}

export function createEni(ctx: StoreContext, input: CreateEniInput): EniView {
  checkRegion(ctx, input.regionId);
  const plan = planEni(ctx, new IpPlanner(ctx), input, maxIpsPerEni(ctx, undefined));
  checkEniQuota(ctx, input.regionId, 1);
  const eni = insertEni(ctx, plan, "Secondary");
  if (input.tags?.length) setTags(ctx, "eni", [eni.id], input.tags);
  return viewEni(ctx, eni);
}

export function deleteEni(ctx: StoreContext, id: string, regionId: string): void {
  checkRegion(ctx, regionId);
  const eni = getEni(ctx, id, regionId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "Available") throw stateErrors.eniState(id, status, "Available");
  delete ctx.state.networkInterfaces[id];
  indexRemovedEni(ctx.state);
  removeTags(ctx, "eni", [id], "all");
}

export interface EniFilter {
  readonly regionId: string;
  readonly ids?: readonly string[];
  readonly vSwitchId?: string;
  readonly vpcId?: string;
  readonly instanceId?: string;
  readonly status?: EniStatus;
  readonly type?: EniType;
  readonly name?: string;
  readonly primaryIpAddress?: string;
  readonly privateIpAddresses?: readonly string[];
  readonly securityGroupId?: string;
  readonly resourceGroupId?: string;
  readonly tags?: readonly Tag[];
}

/** A slice of a result list: the items of one page and the size of the whole. */
export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
}

export interface Windowed<T> {
  readonly total: number;
  readonly items: T[];
}

/** A page whose views hold, for an unchanged state, from the moment it was read until `stableUntil`. */
export interface StableWindow<T> extends Windowed<T> {
  /** The store's clock when the page was read. */
  readonly readAt: number;
  /** Epoch ms; Infinity when no view on the page and no match can change with time alone. */
  readonly stableUntil: number;
}

/** When the views of `enis` stop being a function of the state alone (a transition lands). */
function stableUntil(enis: readonly EniRecord[], now: number): number {
  let until = Infinity;
  for (const eni of enis) {
    // The first step still ahead is when the view changes next.
    for (const step of eni.lifecycle) {
      if (step.at > now) {
        if (step.at < until) until = step.at;
        break;
      }
    }
  }
  return until;
}

function matchesEni(ctx: StoreContext, eni: EniRecord, filter: EniFilter, ids: Set<string> | undefined): boolean {
  if (eni.regionId !== filter.regionId || (ids && !ids.has(eni.id))) return false;
  if (filter.vSwitchId !== undefined && eni.vSwitchId !== filter.vSwitchId) return false;
  if (filter.vpcId !== undefined && eni.vpcId !== filter.vpcId) return false;
  if (filter.type !== undefined && eni.type !== filter.type) return false;
  if (filter.name !== undefined && eni.name !== filter.name) return false;
  if (filter.primaryIpAddress !== undefined && eni.primaryIpAddress !== filter.primaryIpAddress) return false;
  if (filter.privateIpAddresses?.length && !filter.privateIpAddresses.some((ip) => ip === eni.primaryIpAddress || eni.secondaryIpAddresses.includes(ip))) return false;
  if (filter.securityGroupId !== undefined && !eni.securityGroupIds.includes(filter.securityGroupId)) return false;
  if (filter.resourceGroupId !== undefined && eni.resourceGroupId !== filter.resourceGroupId) return false;
  if (filter.status !== undefined || filter.instanceId !== undefined) {
    const status = eniStatus(eni, ctx.now);
    if (filter.status !== undefined && status !== filter.status) return false;
    if (filter.instanceId !== undefined && (status === "Available" || eni.instanceId !== filter.instanceId)) return false;
  }
  if (filter.tags?.length && !matchesTags(ctx, "eni", eni.id, filter.tags)) return false;
  return true;
}

/** Whether a filter needs more than the index's region/VPC/vSwitch lists to decide. */
function needsPredicate(filter: EniFilter): boolean {
  return filter.ids !== undefined || (filter.vSwitchId !== undefined && filter.vpcId !== undefined) || filter.type !== undefined ||
    filter.name !== undefined || filter.primaryIpAddress !== undefined || (filter.privateIpAddresses?.length ?? 0) > 0 ||
    filter.securityGroupId !== undefined || filter.resourceGroupId !== undefined || filter.status !== undefined ||
    filter.instanceId !== undefined || (filter.tags?.length ?? 0) > 0;
}

/**
 * moto-style: each filter field is one predicate; all must hold. Creation order. Candidates
 * come from the region/VPC/vSwitch index; when that is the whole filter they are the answer as
 * they stand, and only the requested window is turned into views, so a page of 10 out of
 * thousands stays cheap.
 */
export function describeEniWindow(ctx: StoreContext, filter: EniFilter, window?: PageWindow): StableWindow<EniView> {
  checkRegion(ctx, filter.regionId);
  const candidates = indexedEnis(ctx.state, filter.regionId, filter);
  let matched: readonly EniRecord[] = candidates;
  if (needsPredicate(filter)) {
    const ids = filter.ids ? new Set(filter.ids) : undefined;
    const kept: EniRecord[] = [];
    for (const eni of candidates) if (matchesEni(ctx, eni, filter, ids)) kept.push(eni);
    matched = kept;
  }
  const slice = window ? matched.slice(window.offset, window.offset + window.limit) : matched;
  // Status and instance filters depend on the clock for every ENI, not just those on the page.
  const timeFiltered = filter.status !== undefined || filter.instanceId !== undefined;
  return { total: matched.length, items: slice.map((e) => viewEni(ctx, e)), readAt: ctx.now, stableUntil: timeFiltered ? ctx.now : stableUntil(slice, ctx.now) };
}

export function describeEnis(ctx: StoreContext, filter: EniFilter): EniView[] {
  return describeEniWindow(ctx, filter).items;
}

export function describeEni(ctx: StoreContext, id: string, regionId: string): EniView {
  checkRegion(ctx, regionId);
  return viewEni(ctx, getEni(ctx, id, regionId));
}

export interface ModifyEniInput {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly securityGroupIds?: readonly string[] | undefined;
  readonly sourceDestCheck?: boolean | undefined;
  readonly deleteOnRelease?: boolean | undefined;
  readonly queueNumber?: number | undefined;
}

export function modifyEni(ctx: StoreContext, id: string, regionId: string, input: ModifyEniInput): void {
  checkRegion(ctx, regionId);
  const eni = getEni(ctx, id, regionId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "Available" && status !== "InUse") throw stateErrors.eniState(id, status, "Available or InUse");
  // Validate everything first: a rejected request changes nothing.
  const groups = input.securityGroupIds && resolveSecurityGroups(ctx, input.securityGroupIds, eni.vpcId, regionId);
  const sdc = input.sourceDestCheck === undefined ? undefined : resolveSourceDestCheck(ctx, regionId, input.sourceDestCheck);
  if (input.name !== undefined) eni.name = input.name;
  if (input.description !== undefined) eni.description = input.description;
  if (groups) eni.securityGroupIds = groups;
  if (sdc !== undefined) eni.sourceDestCheck = sdc;
  if (input.deleteOnRelease !== undefined) eni.deleteOnRelease = input.deleteOnRelease;
  if (input.queueNumber !== undefined) eni.queueNumber = input.queueNumber;
}
