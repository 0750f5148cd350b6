import { dryRunOk } from "../errors";
import type { LaunchInput, NetworkInterfaceInput } from "../state/instances";
import type { HttpEndpoint, HttpTokens, InstanceChargeType } from "../state/records";
import type { ActionContext, ActionDefinition } from "./action";
import { IPV4, LIMITS, readName, readRegion, readSecurityGroups, readTags } from "./common-params";
import { defineAction, withClientToken } from "./define";
import { ParamReader } from "./params";

const HTTP_ENDPOINTS: readonly HttpEndpoint[] = ["enabled", "disabled"];
const HTTP_TOKENS: readonly HttpTokens[] = ["optional", "required"];
const CHARGE_TYPES: readonly InstanceChargeType[] = ["PostPaid", "PrePaid"];

export const HOST_NAME = { min: 2, max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9.-]*$/, expected: "letters, digits, dots and hyphens" } as const;
export const USER_DATA = { max: 32_768, pattern: /^[A-Za-z0-9+/]*={0,2}$/, expected: "Base64 text of at most 32 KB" } as const;

/** The flat metadata fields RunInstances, CreateInstance and ModifyInstanceMetadataOptions take. */
export function readMetadataOptions(r: ParamReader): LaunchInput["metadataOptions"] {
  return {
    httpEndpoint: r.oneOf("HttpEndpoint", HTTP_ENDPOINTS),
    httpTokens: r.oneOf("HttpTokens", HTTP_TOKENS),
    httpPutResponseHopLimit: r.int("HttpPutResponseHopLimit", 1, 64),
  };
}

function readNetworkInterface(r: ParamReader, index: number): NetworkInterfaceInput {
  return {
    // The first entry is the primary ENI unless the caller says otherwise.
    instanceType: r.oneOf("InstanceType", ["Primary", "Secondary"] as const) ?? (index === 1 ? "Primary" : "Secondary"),
    networkInterfaceId: r.str("NetworkInterfaceId"),
    secondaryPrivateIpAddressCount: r.int("SecondaryPrivateIpAddressCount", 1, 49),
    vSwitchId: r.str("VSwitchId"),
    securityGroupIds: readSecurityGroups(r),
    primaryIpAddress: r.str("PrimaryIpAddress", IPV4),
    name: readName(r, "NetworkInterfaceName"),
    description: r.str("Description", LIMITS.description),
    sourceDestCheck: r.bool("SourceDestCheck"),
    deleteOnRelease: r.bool("DeleteOnRelease"),
    queueNumber: r.int("QueueNumber", 1, 64),
  };
}

/** What RunInstances and CreateInstance share. */
function readLaunchCommon(r: ParamReader): Omit<LaunchInput, "securityGroupIds" | "amount" | "networkInterfaces" | "start" | "dryRun"> {
  return {
    regionId: readRegion(r),
    imageId: r.requiredStr("ImageId"),
    instanceType: r.requiredStr("InstanceType"),
    zoneId: r.str("ZoneId"),
    vSwitchId: r.str("VSwitchId"),
    privateIpAddress: r.str("PrivateIpAddress", IPV4),
    instanceName: readName(r, "InstanceName"),
    hostName: r.str("HostName", HOST_NAME),
    description: r.str("Description", LIMITS.description),
    tags: readTags(r),
    metadataOptions: readMetadataOptions(r),
    resourceGroupId: r.str("ResourceGroupId"),
    instanceChargeType: r.oneOf("InstanceChargeType", CHARGE_TYPES),
    internetMaxBandwidthOut: r.int("InternetMaxBandwidthOut", 0, 100),
    keyPairName: r.str("KeyPairName", { max: 128 }),
    userData: r.str("UserData", USER_DATA),
    deletionProtection: r.bool("DeletionProtection"),
  };
}

function launch(ctx: ActionContext, input: LaunchInput, token: string | undefined, render: (ids: string[]) => Record<string, unknown>): Record<string, unknown> {
  if (input.dryRun) {
    ctx.store.launchInstances(input);
    throw dryRunOk();
  }
  return withClientToken(ctx, token, () => render(ctx.store.launchInstances(input)));
}

const runInstances = defineAction("Ecs", "RunInstances", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const input: LaunchInput = {
    ...readLaunchCommon(r),
    securityGroupIds: readSecurityGroups(r),
    amount: r.int("Amount", 1, 100) ?? 1,
    networkInterfaces: r.objects("NetworkInterface", 8, readNetworkInterface),
    dryRun: r.bool("DryRun") ?? false,
    start: true,
  };
  const token = r.str("ClientToken", { max: 64 });
  r.finish(ctx.action);
  return launch(ctx, input, token, (ids) => ({ InstanceIdSets: { InstanceIdSet: ids } }));
});

const createInstance = defineAction("Ecs", "CreateInstance", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const group = r.str("SecurityGroupId");
  const input: LaunchInput = {
    ...readLaunchCommon(r),
    securityGroupIds: group === undefined ? [] : [group],
    amount: 1,
    networkInterfaces: [],
    dryRun: r.bool("DryRun") ?? false,
    start: false,
  };
  const token = r.str("ClientToken", { max: 64 });
  r.finish(ctx.action);
  return launch(ctx, input, token, (ids) => ({ InstanceId: ids[0] }));
});

export const INSTANCE_LAUNCH_ACTIONS: readonly ActionDefinition[] = [runInstances, createInstance];
