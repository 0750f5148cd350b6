import { instanceStatus, getInstance, instanceTypeOf } from "./instances";
import { IpPlanner } from "./ip-allocation";
import { transition } from "./lifecycle";
import { checkRegion, getVSwitch } from "./networks";
import { eniStatus, enisOfInstance, getEni, maxIpsPerEni } from "./network-interfaces";
import type { InstanceRecord, InstanceStatus } from "./records";
import { stateErrors } from "./state-errors";
import type { StoreContext } from "./store-context";

/**
 * Attaching and detaching a secondary ENI, and its secondary private IPs. The instance must be
 * at rest (Running or Stopped); some older types only take or release an ENI while Stopped.
 */
function checkInstanceAtRest(ctx: StoreContext, instance: InstanceRecord): InstanceStatus {
  const status = instanceStatus(instance, ctx.now);
  if (status !== "Running" && status !== "Stopped") throw stateErrors.ecsState(instance.id, status);
  if (instanceTypeOf(ctx, instance).attachRequiresStopped && status !== "Stopped") {
    throw stateErrors.incorrectInstanceStatus(instance.id, status, `Stopped (instance type ${instance.instanceType} changes ENIs only while stopped)`);
  }
  return status;
}

export function attachEni(ctx: StoreContext, eniId: string, instanceId: string, regionId: string): void {
  checkRegion(ctx, regionId);
  const eni = getEni(ctx, eniId, regionId);
  const instance = getInstance(ctx, instanceId, regionId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "Available") throw stateErrors.eniState(eniId, status, "Available");
  if (eni.vpcId !== instance.vpcId) throw stateErrors.vpcMismatch(`Network interface ${eniId} and instance ${instanceId}`, eni.vpcId, instance.vpcId);
  if (eni.zoneId !== instance.zoneId) throw stateErrors.zoneMismatch(`Network interface ${eniId} and instance ${instanceId}`, eni.zoneId, instance.zoneId);
  checkInstanceAtRest(ctx, instance);
  const type = instanceTypeOf(ctx, instance);
  const attached = enisOfInstance(ctx, instanceId);
  if (attached.length >= type.eniQuantity) throw stateErrors.eniPerInstanceLimit(instanceId, type.id, type.eniQuantity);
  const ipCount = 1 + eni.secondaryIpAddresses.length;
  if (ipCount > type.eniPrivateIpAddressQuantity) throw stateErrors.ipPerEniLimit(eniId, type.eniPrivateIpAddressQuantity);
  const usedIndexes = new Set(attached.map((e) => e.deviceIndex));
  let deviceIndex = 1;
  while (usedIndexes.has(deviceIndex)) deviceIndex++;
  eni.instanceId = instanceId;
  eni.deviceIndex = deviceIndex;
  eni.lifecycle = transition(ctx.now, "Attaching", ["InUse", ctx.transitions.eniAttachMs]);
}

export function detachEni(ctx: StoreContext, eniId: string, instanceId: string, regionId: string): void {
  checkRegion(ctx, regionId);
  const eni = getEni(ctx, eniId, regionId);
  const instance = getInstance(ctx, instanceId, regionId);
  if (eni.type === "Primary") throw stateErrors.detachPrimary(eniId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "InUse") throw stateErrors.eniState(eniId, status, "InUse");
  if (eni.instanceId !== instanceId) throw stateErrors.eniNotAttachedTo(eniId, instanceId);
  checkInstanceAtRest(ctx, instance);
  eni.lifecycle = transition(ctx.now, "Detaching", ["Available", ctx.transitions.eniDetachMs]);
}

export interface AssignIpsInput {
  readonly privateIpAddresses?: readonly string[];
  readonly secondaryPrivateIpAddressCount?: number;
}

/** Returns the addresses added, in order. */
export function assignIps(ctx: StoreContext, eniId: string, regionId: string, input: AssignIpsInput): string[] {
  checkRegion(ctx, regionId);
  const eni = getEni(ctx, eniId, regionId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "Available" && status !== "InUse") throw stateErrors.eniState(eniId, status, "Available or InUse");
  const instance = eni.instanceId ? ctx.state.instances[eni.instanceId] : undefined;
  const max = maxIpsPerEni(ctx, instance?.instanceType);
  const explicit = input.privateIpAddresses ?? [];
  const count = input.secondaryPrivateIpAddressCount ?? 0;
  if (1 + eni.secondaryIpAddresses.length + explicit.length + count > max) throw stateErrors.ipPerEniLimit(eniId, max);
  const vSwitch = getVSwitch(ctx, eni.vSwitchId);
  const planner = new IpPlanner(ctx);
  const added = explicit.map((ip, i) => planner.explicit(vSwitch, ip, `PrivateIpAddress.${i + 1}`));
  added.push(...planner.next(vSwitch, count));
  eni.secondaryIpAddresses.push(...added);
  return added;
}

export function unassignIps(ctx: StoreContext, eniId: string, regionId: string, ips: readonly string[]): void {
  checkRegion(ctx, regionId);
  const eni = getEni(ctx, eniId, regionId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "Available" && status !== "InUse") throw stateErrors.eniState(eniId, status, "Available or InUse");
  ips.forEach((ip, i) => {
    if (!eni.secondaryIpAddresses.includes(ip)) throw stateErrors.ipNotOnEni(`PrivateIpAddress.${i + 1}`, ip, eniId);
  });
  eni.secondaryIpAddresses = eni.secondaryIpAddresses.filter((ip) => !ips.includes(ip));
}
