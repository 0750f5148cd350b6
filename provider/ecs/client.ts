import type {
  CreateNetworkInterfaceRequest, EcsApi, InstanceRecord, ModifyNetworkInterfaceRequest, NetworkInterfaceRecord,
  RouteEntryRecord, RunInstancesRequest, TaggableResourceType, Tags, VSwitchRecord,
} from "./api";
import { isEcsError, isNotFound, providerError } from "./errors";
import { DEFAULT_RETRY_POLICY, systemRetryDeps, withRetries, type RetryDeps, type RetryPolicy } from "./retry";
import {
  classifyEniStatus, classifyInstanceStatus, classifyRouteEntryStatus, DEFAULT_WAIT, waitForStatus,
  type EniTarget, type InstanceTarget, type ObservedStatus, type RouteEntryTarget, type WaitClock, type WaitVerdict,
} from "./waiter";

type WithoutRegion<T> = Omit<T, "regionId">;

export interface WaitSettings {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
}

export interface EcsClientOptions {
  readonly api: EcsApi;
  readonly region: string;
  readonly retry?: RetryPolicy;
  readonly retryDeps?: RetryDeps;
  readonly wait?: WaitSettings;
  readonly clock?: WaitClock;
}

/**
 * What controllers call: region filled in, every call retried (retry.ts), waits built in, errors
 * mapped to EcsError/ProviderError, not-found turned into `undefined` or "done".
 */
export interface EcsClient {
  readonly region: string;
  createNetworkInterface(request: WithoutRegion<CreateNetworkInterfaceRequest>): Promise<NetworkInterfaceRecord>;
  getNetworkInterface(id: string): Promise<NetworkInterfaceRecord | undefined>;
  listInstanceNetworkInterfaces(instanceId: string): Promise<NetworkInterfaceRecord[]>;
  modifyNetworkInterface(request: WithoutRegion<ModifyNetworkInterfaceRequest>): Promise<void>;
  /** Attaches and waits until InUse; returns the ENI as then described. */
  attachNetworkInterface(id: string, instanceId: string): Promise<NetworkInterfaceRecord>;
  /** Detaches and waits until Available; a missing ENI counts as done. */
  detachNetworkInterface(id: string, instanceId: string): Promise<void>;
  /** Detaches first when attached; NotFound counts as done. */
  deleteNetworkInterface(id: string): Promise<void>;
  waitForNetworkInterface(id: string, target: EniTarget): Promise<NetworkInterfaceRecord | undefined>;
  assignPrivateIpAddresses(id: string, request: { privateIpAddresses?: string[]; secondaryPrivateIpAddressCount?: number }): Promise<string[]>;
  unassignPrivateIpAddresses(id: string, privateIpAddresses: string[]): Promise<void>;
  setTags(resourceType: TaggableResourceType, id: string, set: Tags, remove: string[]): Promise<void>;
  runInstance(request: WithoutRegion<RunInstancesRequest>): Promise<string>;
  getInstance(id: string): Promise<InstanceRecord | undefined>;
  waitForInstance(id: string, target: InstanceTarget, fresh?: boolean): Promise<InstanceRecord | undefined>;
  modifyInstanceMetadataOptions(id: string, options: { httpEndpoint?: string | undefined; httpTokens?: string | undefined; httpPutResponseHopLimit?: number | undefined }): Promise<void>;
  renameInstance(id: string, instanceName: string): Promise<void>;
  /** Stops if needed, deletes, waits until gone; NotFound counts as done. */
  deleteInstance(id: string): Promise<void>;
  getVSwitch(id: string): Promise<VSwitchRecord | undefined>;
  createRouteEntry(request: { routeTableId: string; destinationCidrBlock: string; nextHopType: string; nextHopId: string; routeEntryName?: string | undefined; clientToken?: string | undefined }): Promise<string>;
  getRouteEntry(routeTableId: string, routeEntryId: string): Promise<RouteEntryRecord | undefined>;
  waitForRouteEntry(routeTableId: string, routeEntryId: string, target: RouteEntryTarget): Promise<RouteEntryRecord | undefined>;
  deleteRouteEntry(routeTableId: string, routeEntryId: string): Promise<void>;
}

/** A freshly created resource may be missing from describe for a moment (eventual consistency). */
const FRESH_MISSING_POLLS = 5;

export function createEcsClient(options: EcsClientOptions): EcsClient {
  const { api, region } = options;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const retryDeps = options.retryDeps ?? systemRetryDeps();
  const wait = options.wait ?? DEFAULT_WAIT;
  const clock: WaitClock = options.clock ?? { now: retryDeps.now, sleep: retryDeps.sleep };
  const call = <T>(action: string, resource: string | undefined, fn: () => Promise<T>, idempotent = true): Promise<T> =>
    withRetries(action, resource, fn, policy, retryDeps, idempotent);
  const orUndefinedWhenMissing = async <T>(promise: Promise<T>): Promise<T | undefined> => {
    try {
      return await promise;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
  const poll = <T>(what: string, target: string, describe: () => Promise<T | undefined>, status: (record: T) => string, classify: (s: ObservedStatus) => WaitVerdict, fresh = false): Promise<T | undefined> => {
    let last: T | undefined;
    let missing = 0;
    return waitForStatus({
      what, target, ...wait, clock,
      describe: async () => {
        last = await describe();
        return last === undefined ? undefined : status(last);
      },
      classify: (observed) => (observed === undefined && fresh && ++missing <= FRESH_MISSING_POLLS ? { kind: "wait" } : classify(observed)),
    }).then(() => last);
  };

  const client: EcsClient = {
    region,
    createNetworkInterface: (request) =>
      // Safe to resend: the ClientToken makes the cloud return the ENI a lost response had made.
      call("CreateNetworkInterface", `new ENI in ${request.vSwitchId}`, () => api.createNetworkInterface({ ...request, regionId: region })),
    getNetworkInterface: async (id) => {
      const found = await orUndefinedWhenMissing(call("DescribeNetworkInterfaces", id, () => api.describeNetworkInterfaces({ regionId: region, networkInterfaceIds: [id] })));
      return found?.find((eni) => eni.networkInterfaceId === id);
    },
    listInstanceNetworkInterfaces: (instanceId) => call("DescribeNetworkInterfaces", instanceId, () => api.describeNetworkInterfaces({ regionId: region, instanceId })),
    modifyNetworkInterface: (request) => call("ModifyNetworkInterfaceAttribute", request.networkInterfaceId, () => api.modifyNetworkInterfaceAttribute({ ...request, regionId: region })),
    attachNetworkInterface: async (id, instanceId) => {
      try {
        await call("AttachNetworkInterface", id, () => api.attachNetworkInterface({ regionId: region, networkInterfaceId: id, instanceId }));
      } catch (error) {
        // A resent attach whose first copy went through is refused as a wrong state; that is success.
        if (!isEcsError(error) || error.code !== "InvalidOperation.InvalidEniState") throw error;
        const current = await client.getNetworkInterface(id);
        if (current?.instanceId !== instanceId) throw error;
      }
      const attached = await client.waitForNetworkInterface(id, "InUse");
      if (attached === undefined) throw providerError("ResourceVanished", `ENI ${id} disappeared while attaching to ${instanceId}`, id);
      return attached;
    },
    detachNetworkInterface: async (id, instanceId) => {
      try {
        await call("DetachNetworkInterface", id, () => api.detachNetworkInterface({ regionId: region, networkInterfaceId: id, instanceId }));
      } catch (error) {
        if (isNotFound(error)) return;
        if (!isEcsError(error) || error.code !== "InvalidOperation.InvalidEniState") throw error;
        const current = await client.getNetworkInterface(id);
        if (current === undefined) return;
        if (current.status !== "Detaching" && current.status !== "Available") throw error;
      }
      await client.waitForNetworkInterface(id, "Available");
    },
    deleteNetworkInterface: async (id) => {
      const current = await client.getNetworkInterface(id);
      if (current === undefined) return;
      // Detach is refused mid-attach; let the attach finish first.
      if (current.status === "Attaching") await client.waitForNetworkInterface(id, "InUse");
      if (current.instanceId !== undefined) await client.detachNetworkInterface(id, current.instanceId);
      else if (current.status !== "Available") await client.waitForNetworkInterface(id, "Available");
      try {
        await call("DeleteNetworkInterface", id, () => api.deleteNetworkInterface({ regionId: region, networkInterfaceId: id }));
      } catch (error) {
        // Already gone is what delete wants.
        if (!isNotFound(error)) throw error;
      }
    },
    waitForNetworkInterface: (id, target) =>
      poll(`ENI ${id}`, target, () => client.getNetworkInterface(id), (eni) => eni.status, (s) => classifyEniStatus(s, target)),
    // Assigning by count is not idempotent (a resend adds more), so it is never resent blindly.
    assignPrivateIpAddresses: (id, request) => call("AssignPrivateIpAddresses", id, () => api.assignPrivateIpAddresses({ regionId: region, networkInterfaceId: id, ...request }), false),
    // A resend after a lost answer is refused (the addresses are gone), so it is not resent blindly.
    unassignPrivateIpAddresses: (id, privateIpAddresses) => call("UnassignPrivateIpAddresses", id, () => api.unassignPrivateIpAddresses({ regionId: region, networkInterfaceId: id, privateIpAddresses }), false),
    setTags: async (resourceType, id, set, remove) => {
      if (remove.length > 0) await call("UntagResources", id, () => api.untagResources({ regionId: region, resourceType, resourceIds: [id], tagKeys: remove }));
      if (Object.keys(set).length > 0) await call("TagResources", id, () => api.tagResources({ regionId: region, resourceType, resourceIds: [id], tags: set }));
    },
    runInstance: async (request) => {
      const ids = await call("RunInstances", `new instance in ${request.vSwitchId}`, () => api.runInstances({ ...request, regionId: region }));
      const [id] = ids;
      if (id === undefined || ids.length !== 1) throw providerError("InvalidResponse", `RunInstances returned ${ids.length} instance ids; expected exactly 1`);
      return id;
    },
    getInstance: async (id) => {
      const found = await orUndefinedWhenMissing(call("DescribeInstances", id, () => api.describeInstances({ regionId: region, instanceIds: [id] })));
      return found?.find((instance) => instance.instanceId === id);
    },
    waitForInstance: (id, target, fresh = false) =>
      poll(`instance ${id}`, target, () => client.getInstance(id), (i) => i.status, (s) => classifyInstanceStatus(s, target), fresh),
    modifyInstanceMetadataOptions: (id, metadata) => call("ModifyInstanceMetadataOptions", id, () => api.modifyInstanceMetadataOptions({ regionId: region, instanceId: id, ...metadata })),
    renameInstance: (id, instanceName) => call("ModifyInstanceAttribute", id, () => api.modifyInstanceAttribute({ instanceId: id, instanceName })),
    deleteInstance: async (id) => {
      let current = await client.getInstance(id);
      if (current === undefined) return;
      try {
        if (current.status === "Pending" || current.status === "Starting") current = await client.waitForInstance(id, "Running");
        if (current !== undefined && current.status !== "Stopped") {
          if (current.status !== "Stopping") await call("StopInstance", id, () => api.stopInstance({ instanceId: id, forceStop: true }));
          await client.waitForInstance(id, "Stopped");
        }
        await call("DeleteInstance", id, () => api.deleteInstance({ instanceId: id, force: false }));
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      await client.waitForInstance(id, "Deleted");
    },
    getVSwitch: async (id) => {
      const found = await orUndefinedWhenMissing(call("DescribeVSwitches", id, () => api.describeVSwitches({ regionId: region, vSwitchId: id })));
      return found?.find((vsw) => vsw.vSwitchId === id);
    },
    createRouteEntry: (request) => call("CreateRouteEntry", `${request.destinationCidrBlock} in ${request.routeTableId}`, () => api.createRouteEntry({ ...request, regionId: region })),
    getRouteEntry: async (routeTableId, routeEntryId) => {
      const found = await orUndefinedWhenMissing(call("DescribeRouteEntryList", routeEntryId, () => api.describeRouteEntryList({ regionId: region, routeTableId, routeEntryId })));
      return found?.find((entry) => entry.routeEntryId === routeEntryId);
    },
    waitForRouteEntry: (routeTableId, routeEntryId, target) =>
      poll(`route entry ${routeEntryId}`, target, () => client.getRouteEntry(routeTableId, routeEntryId), (e) => e.status, (s) => classifyRouteEntryStatus(s, target), target === "Available"),
    deleteRouteEntry: async (routeTableId, routeEntryId) => {
      try {
        await call("DeleteRouteEntry", routeEntryId, () => api.deleteRouteEntry({ regionId: region, routeTableId, routeEntryId }));
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      await client.waitForRouteEntry(routeTableId, routeEntryId, "Deleted");
    },
  };
  return client;
}
