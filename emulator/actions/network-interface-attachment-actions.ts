import { missingParameter } from "../errors";
import type { ActionDefinition } from "./action";
import { IPV4, readRegion } from "./common-params";
import { defineAction, withClientToken } from "./define";
import { readIpRequest } from "./network-interface-actions";
import { ParamReader } from "./params";

const attachNetworkInterface = defineAction("Ecs", "AttachNetworkInterface", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const eniId = r.requiredStr("NetworkInterfaceId");
  const instanceId = r.requiredStr("InstanceId");
  r.finish(ctx.action);
  ctx.store.attachNetworkInterface(eniId, instanceId, regionId);
  return {};
});

const detachNetworkInterface = defineAction("Ecs", "DetachNetworkInterface", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const eniId = r.requiredStr("NetworkInterfaceId");
  const instanceId = r.requiredStr("InstanceId");
  r.finish(ctx.action);
  ctx.store.detachNetworkInterface(eniId, instanceId, regionId);
  return {};
});

const assignPrivateIpAddresses = defineAction("Ecs", "AssignPrivateIpAddresses", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const eniId = r.requiredStr("NetworkInterfaceId");
  const ips = readIpRequest(r);
  const token = r.str("ClientToken", { max: 64 });
  r.finish(ctx.action);
  if (ips.privateIpAddresses.length === 0 && ips.secondaryPrivateIpAddressCount === undefined) {
    throw missingParameter("PrivateIpAddress.1");
  }
  return withClientToken(ctx, token, () => {
    const assigned = ctx.store.assignPrivateIpAddresses(eniId, regionId, {
      privateIpAddresses: ips.privateIpAddresses,
      ...(ips.secondaryPrivateIpAddressCount !== undefined ? { secondaryPrivateIpAddressCount: ips.secondaryPrivateIpAddressCount } : {}),
    });
    return { AssignedPrivateIpAddressesSet: { NetworkInterfaceId: eniId, PrivateIpSet: { PrivateIpAddress: assigned } } };
  });
});

const unassignPrivateIpAddresses = defineAction("Ecs", "UnassignPrivateIpAddresses", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const eniId = r.requiredStr("NetworkInterfaceId");
  const ips = r.list("PrivateIpAddress", 49, IPV4);
  r.finish(ctx.action);
  if (ips.length === 0) throw missingParameter("PrivateIpAddress.1");
  ctx.store.unassignPrivateIpAddresses(eniId, regionId, ips);
  return {};
});

export const NETWORK_INTERFACE_ATTACHMENT_ACTIONS: readonly ActionDefinition[] = [
  attachNetworkInterface,
  detachNetworkInterface,
  assignPrivateIpAddresses,
  unassignPrivateIpAddresses,
];
