import { dryRunOk, missingParameter } from "../errors";
import type { InstanceStatus, InstanceMetadataTags } from "../state/records";
import { stateErrors } from "../state/state-errors";
import type { ActionDefinition } from "./action";
import { LIMITS, readName, readRegion, readTagFilter } from "./common-params";
import { defineAction, withClientToken } from "./define";
import { HOST_NAME, USER_DATA, readMetadataOptions } from "./instance-launch-actions";
import { renderInstance, renderInstanceAttribute } from "./instance-render";
import { pageFields, pageWindow, readPaging } from "./paging";
import { ParamReader } from "./params";

const INSTANCE_STATUSES: readonly InstanceStatus[] = ["Pending", "Starting", "Running", "Stopping", "Stopped"];

const describeInstances = defineAction("Ecs", "DescribeInstances", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const ids = r.jsonList("InstanceIds", 100);
  const filter = {
    regionId: readRegion(r),
    ...(ids ? { ids } : {}),
    vpcId: r.str("VpcId"),
    vSwitchId: r.str("VSwitchId"),
    zoneId: r.str("ZoneId"),
    status: r.oneOf("Status", INSTANCE_STATUSES),
    instanceName: r.str("InstanceName"),
    instanceType: r.str("InstanceType"),
    imageId: r.str("ImageId"),
    securityGroupId: r.str("SecurityGroupId"),
    resourceGroupId: r.str("ResourceGroupId"),
    privateIpAddresses: r.jsonList("PrivateIpAddresses", 100) ?? [],
    tags: readTagFilter(r),
  };
  const paging = readPaging(r, { maxPageSize: 100, defaultPageSize: 10, token: true });
  const dryRun = r.bool("DryRun") ?? false;
  r.finish(ctx.action);
  const page = ctx.store.describeInstancePage(filter, pageWindow(paging));
  if (dryRun) throw dryRunOk();
  return { ...pageFields(paging, page.total), Instances: { Instance: page.items.map(renderInstance) } };
});

/** DescribeInstanceAttribute, StartInstance, StopInstance and DeleteInstance carry no RegionId. */
const describeInstanceAttribute = defineAction("Ecs", "DescribeInstanceAttribute", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const id = r.requiredStr("InstanceId");
  r.finish(ctx.action);
  return renderInstanceAttribute(ctx.store.describeInstance(id));
});

const startInstance = defineAction("Ecs", "StartInstance", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const id = r.requiredStr("InstanceId");
  const dryRun = r.bool("DryRun") ?? false;
  // InitLocalDisk only matters for local-disk types, which the emulator has none of.
  r.bool("InitLocalDisk");
  r.finish(ctx.action);
  ctx.store.startInstance(id, dryRun);
  if (dryRun) throw dryRunOk();
  return {};
});

const stopInstance = defineAction("Ecs", "StopInstance", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const id = r.requiredStr("InstanceId");
  const dryRun = r.bool("DryRun") ?? false;
  // ForceStop/ConfirmStop change how the guest is stopped, not the resulting state.
  r.bool("ForceStop");
  r.bool("ConfirmStop");
  r.finish(ctx.action);
  ctx.store.stopInstance(id, dryRun);
  if (dryRun) throw dryRunOk();
  return {};
});

const deleteInstance = defineAction("Ecs", "DeleteInstance", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const id = r.requiredStr("InstanceId");
  const force = r.bool("Force") ?? false;
  const dryRun = r.bool("DryRun") ?? false;
  r.bool("ForceStop");
  r.finish(ctx.action);
  ctx.store.deleteInstances([id], { force, dryRun });
  if (dryRun) throw dryRunOk();
  return {};
});

const deleteInstances = defineAction("Ecs", "DeleteInstances", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const ids = r.list("InstanceId", 100);
  const force = r.bool("Force") ?? false;
  const dryRun = r.bool("DryRun") ?? false;
  r.bool("ForceStop");
  const token = r.str("ClientToken", { max: 64 });
  r.finish(ctx.action);
  if (ids.length === 0) throw missingParameter("InstanceId.1");
  if (dryRun) {
    ctx.store.deleteInstances(ids, { regionId, force, dryRun });
    throw dryRunOk();
  }
  return withClientToken(ctx, token, () => {
    ctx.store.deleteInstances(ids, { regionId, force, dryRun });
    return {};
  });
});

const modifyInstanceMetadataOptions = defineAction("Ecs", "ModifyInstanceMetadataOptions", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const id = r.requiredStr("InstanceId");
  const options = {
    ...readMetadataOptions(r),
    instanceMetadataTags: r.oneOf<InstanceMetadataTags>("InstanceMetadataTags", ["enabled", "disabled"]),
  };
  r.finish(ctx.action);
  ctx.store.modifyInstanceMetadataOptions(id, regionId, options);
  return {};
});

/** Like Start/Stop/DeleteInstance, ModifyInstanceAttribute carries no RegionId. */
const modifyInstanceAttribute = defineAction("Ecs", "ModifyInstanceAttribute", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const id = r.requiredStr("InstanceId");
  const groups = r.list("SecurityGroupIds", 5);
  const input = {
    instanceName: readName(r, "InstanceName"),
    description: r.str("Description", LIMITS.description),
    hostName: r.str("HostName", HOST_NAME),
    deletionProtection: r.bool("DeletionProtection"),
    userData: r.str("UserData", USER_DATA),
    securityGroupIds: groups.length ? groups : undefined,
  };
  r.finish(ctx.action);
  ctx.store.modifyInstanceAttribute(id, input);
  return {};
});

/** The one place UserData given to RunInstances/CreateInstance is read back, as in the cloud. */
const describeUserData = defineAction("Ecs", "DescribeUserData", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const id = r.requiredStr("InstanceId");
  r.finish(ctx.action);
  ctx.store.checkRegion(regionId);
  const instance = ctx.store.describeInstance(id);
  if (instance.regionId !== regionId) throw stateErrors.instanceNotFound(id);
  return { InstanceId: instance.id, RegionId: instance.regionId, UserData: instance.userData };
});

export const INSTANCE_ACTIONS: readonly ActionDefinition[] = [
  describeInstances,
  describeInstanceAttribute,
  startInstance,
  stopInstance,
  deleteInstance,
  deleteInstances,
  modifyInstanceMetadataOptions,
  describeUserData,
  modifyInstanceAttribute,
];
