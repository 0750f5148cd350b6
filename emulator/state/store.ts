import { randomBytes } from "node:crypto";
import { idempotent } from "./client-tokens";
import { assignIps, attachEni, detachEni, unassignIps } from "./eni-attachment";
import type { AssignIpsInput } from "./eni-attachment";
import { deleteInstances, describeInstance, describeInstanceWindow, describeInstances, modifyInstanceAttribute, modifyMetadataOptions, startInstance, stopInstance } from "./instance-operations";
import type { InstanceFilter, ModifyInstanceInput } from "./instance-operations";
import { launchInstances } from "./instances";
import type { InstanceView, LaunchInput } from "./instances";
import { createEni, deleteEni, describeEni, describeEniWindow, describeEnis, modifyEni } from "./network-interfaces";
import type { CreateEniInput, EniFilter, EniView, ModifyEniInput, PageWindow, StableWindow, Windowed } from "./network-interfaces";
import { describeSecurityGroups, describeVpcs, describeVSwitches } from "./network-queries";
import type { SecurityGroupView, VSwitchView, VpcView } from "./network-queries";
import { checkRegion, getVpc } from "./networks";
import type { MetadataOptions, StoreState, Tag, TaggableType } from "./records";
import { createRouteEntry, deleteRouteEntry, describeRouteEntries, describeRouteTables, seedRouteEntries, validateRouteEntry } from "./route-tables";
import type { CreateRouteEntryInput, DeleteRouteEntryInput, RouteEntryFilter, RouteEntryView, RouteTableFilter, RouteTableView } from "./route-tables";
import type { Seed } from "./seed";
import { parseSeed } from "./seed-parser";
import { stateErrors } from "./state-errors";
import type { StoreContext } from "./store-context";
import { listTagRows, removeTags, resourceExists, setTags } from "./tags";
import type { TagResourceRow } from "./tags";
import { resolveTransitions } from "./transitions";
import type { TransitionDurations } from "./transitions";

export type { TransitionDurations } from "./transitions";

export interface StoreOptions {
  /** The clock (epoch ms); injected so lifecycles are deterministic in tests. */
  now?: () => number;
  transitions?: Partial<TransitionDurations>;
  /** Fixes the id/MAC derivation (random otherwise), for reproducible ids in tests. */
  salt?: string;
}

/** A plain-JSON copy of the whole state: id counters, client tokens and all. */
export type StoreSnapshot = StoreState;

/**
 * The one store of the emulator (moto's backend): every verb enforces the cloud's rules and
 * throws ApiError; it knows nothing of HTTP, parameters or response shapes. Verbs validate
 * fully before they change anything, so a rejected request leaves no trace.
 */
export class EmulatorStore {
  readonly transitions: TransitionDurations;
  private readonly clock: () => number;
  private changes = 0;

  private constructor(private readonly state: StoreState, options: StoreOptions) {
    this.clock = options.now ?? Date.now;
    this.transitions = resolveTransitions(options.transitions);
  }

  static fromSeed(seed: Seed, options: StoreOptions = {}): EmulatorStore {
    const state: StoreState = {
      version: 1,
      // Re-validated: a Seed built in code gets the same checks as a seed file.
      seed: parseSeed(structuredClone(seed), "(seed)"),
      salt: options.salt ?? randomBytes(8).toString("hex"),
      counters: { resource: 0, mac: 1 },
      networkInterfaces: {},
      instances: {},
      routeEntries: {},
      tags: {},
      clientTokens: {},
    };
    seedRouteEntries(state, (options.now ?? Date.now)());
    return new EmulatorStore(state, options);
  }

  /** Rebuilds a store from `snapshot()` output (e.g. read back from a --state file). */
  static restore(snapshot: StoreSnapshot, options: StoreOptions = {}): EmulatorStore {
    if (snapshot === null || typeof snapshot !== "object" || snapshot.version !== 1) {
      throw new TypeError("emulator state snapshot must be an object with version 1");
    }
    // The seed inside is re-validated so a hand-edited state file fails with a named field.
    parseSeed(snapshot.seed, "(state snapshot).seed");
    return new EmulatorStore(structuredClone(snapshot), options);
  }

  snapshot(): StoreSnapshot {
    return structuredClone(this.state);
  }

  now(): number {
    return this.clock();
  }

  get seed(): Seed {
    return this.state.seed;
  }

  /**
   * Every verb but the pure reads below goes through here and counts as a possible change, so
   * `generation` moves whenever the state may have changed (a cache keyed on it is never stale).
   */
  private ctx(): StoreContext {
    this.changes++;
    return this.readCtx();
  }

  /** Only for verbs that never write to the state (not even settle a record). */
  private readCtx(): StoreContext {
    return { state: this.state, now: this.clock(), transitions: this.transitions };
  }

  /** Moves on every verb that may change the state; equal values mean the same state. */
  get generation(): number {
    return this.changes;
  }

  /** Runs `run` once per (caller, action, token); see client-tokens.ts. */
  idempotent(scope: { accessKeyId: string; action: string; token: string | undefined; fingerprint: string }, run: () => Record<string, unknown>): Record<string, unknown> {
    return idempotent(this.ctx(), scope, run);
  }

  checkRegion(regionId: string): void {
    checkRegion(this.ctx(), regionId);
  }

  // ENIs
  createNetworkInterface(input: CreateEniInput): EniView { return createEni(this.ctx(), input); }
  deleteNetworkInterface(id: string, regionId: string): void { deleteEni(this.ctx(), id, regionId); }
  describeNetworkInterfaces(filter: EniFilter): EniView[] { return describeEnis(this.ctx(), filter); }
  /** One page of matches (only those become views) and the total count. */
  describeNetworkInterfacePage(filter: EniFilter, window: PageWindow): StableWindow<EniView> { return describeEniWindow(this.readCtx(), filter, window); }
  describeNetworkInterface(id: string, regionId: string): EniView { return describeEni(this.ctx(), id, regionId); }
  modifyNetworkInterface(id: string, regionId: string, input: ModifyEniInput): void { modifyEni(this.ctx(), id, regionId, input); }
  attachNetworkInterface(eniId: string, instanceId: string, regionId: string): void { attachEni(this.ctx(), eniId, instanceId, regionId); }
  detachNetworkInterface(eniId: string, instanceId: string, regionId: string): void { detachEni(this.ctx(), eniId, instanceId, regionId); }
  assignPrivateIpAddresses(eniId: string, regionId: string, input: AssignIpsInput): string[] { return assignIps(this.ctx(), eniId, regionId, input); }
  unassignPrivateIpAddresses(eniId: string, regionId: string, ips: readonly string[]): void { unassignIps(this.ctx(), eniId, regionId, ips); }

  // Instances
  launchInstances(input: LaunchInput): string[] { return launchInstances(this.ctx(), input); }
  describeInstances(filter: InstanceFilter): InstanceView[] { return describeInstances(this.ctx(), filter); }
  describeInstancePage(filter: InstanceFilter, window: PageWindow): Windowed<InstanceView> { return describeInstanceWindow(this.ctx(), filter, window); }
  describeInstance(id: string): InstanceView { return describeInstance(this.ctx(), id); }
  startInstance(id: string, dryRun = false): void { startInstance(this.ctx(), id, dryRun); }
  stopInstance(id: string, dryRun = false): void { stopInstance(this.ctx(), id, dryRun); }
  deleteInstances(ids: readonly string[], options: { regionId?: string; force: boolean; dryRun: boolean }): void { deleteInstances(this.ctx(), ids, options); }
  modifyInstanceAttribute(id: string, input: ModifyInstanceInput): void { modifyInstanceAttribute(this.ctx(), id, input); }
  modifyInstanceMetadataOptions(id: string, regionId: string, options: Partial<MetadataOptions>): void { modifyMetadataOptions(this.ctx(), id, regionId, options); }

  // Networks (seeded, read-only)
  describeVpcs(filter: Parameters<typeof describeVpcs>[1]): VpcView[] { return describeVpcs(this.ctx(), filter); }
  describeVSwitches(filter: Parameters<typeof describeVSwitches>[1]): VSwitchView[] { return describeVSwitches(this.ctx(), filter); }
  /** The region a VPC lives in (DescribeVSwitches may name only the VPC). */
  describeVpcRegion(vpcId: string): string { return getVpc(this.ctx(), vpcId).regionId; }
  describeSecurityGroups(filter: Parameters<typeof describeSecurityGroups>[1]): SecurityGroupView[] { return describeSecurityGroups(this.ctx(), filter); }

  // Routes
  describeRouteTables(filter: RouteTableFilter): RouteTableView[] { return describeRouteTables(this.ctx(), filter); }
  describeRouteEntries(filter: RouteEntryFilter): RouteEntryView[] { return describeRouteEntries(this.ctx(), filter); }
  createRouteEntry(input: CreateRouteEntryInput): RouteEntryView { return createRouteEntry(this.ctx(), input); }
  /** CreateRouteEntry's checks alone, for DryRun. */
  validateRouteEntry(input: CreateRouteEntryInput): void { validateRouteEntry(this.ctx(), input); }
  deleteRouteEntry(input: DeleteRouteEntryInput): void { deleteRouteEntry(this.ctx(), input); }

  // Tags
  tagResources(type: TaggableType, ids: readonly string[], tags: readonly Tag[], regionId: string): void {
    const ctx = this.ctx();
    this.checkTaggable(ctx, type, ids, regionId);
    setTags(ctx, type, ids, tags);
  }

  untagResources(type: TaggableType, ids: readonly string[], keys: readonly string[] | "all", regionId: string): void {
    const ctx = this.ctx();
    this.checkTaggable(ctx, type, ids, regionId);
    removeTags(ctx, type, ids, keys);
  }

  listTagResources(type: TaggableType, ids: readonly string[] | undefined, filter: readonly Tag[], regionId: string): TagResourceRow[] {
    const ctx = this.ctx();
    checkRegion(ctx, regionId);
    return listTagRows(ctx, type, ids, filter, regionId);
  }

  private checkTaggable(ctx: StoreContext, type: TaggableType, ids: readonly string[], regionId: string): void {
    checkRegion(ctx, regionId);
    for (const id of ids) if (!resourceExists(ctx, type, id, regionId)) throw stateErrors.resourceNotFound(type, id);
  }
}
