import type * as EcsSdk from "@alicloud/ecs20140526";
import type * as VpcSdk from "@alicloud/vpc20160428";
import type { $OpenApiUtil } from "@alicloud/openapi-core";
import type { EcsApi, InstanceRecord, NetworkInterfaceRecord, RouteEntryRecord, Tags } from "./api";
import { providerError } from "./errors";

type EcsModule = typeof EcsSdk;
type VpcModule = typeof VpcSdk;

function tagList(tags: Tags | undefined): Array<{ key: string; value: string }> | undefined {
  if (tags === undefined) return undefined;
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function tagMap(list: Array<{ tagKey?: string | undefined; tagValue?: string | undefined }> | undefined): Tags {
  const tags: Tags = {};
  for (const tag of list ?? []) if (tag.tagKey !== undefined) tags[tag.tagKey] = tag.tagValue ?? "";
  return tags;
}

function required(value: string | undefined, action: string, field: string): string {
  if (value === undefined || value === "") throw providerError("InvalidResponse", `${action} returned no ${field}`);
  return value;
}

type EniBody = {
  networkInterfaceId?: string; status?: string; type?: string; vSwitchId?: string; vpcId?: string; zoneId?: string;
  privateIpAddress?: string; macAddress?: string; instanceId?: string; sourceDestCheck?: boolean;
  networkInterfaceName?: string; description?: string;
  privateIpSets?: { privateIpSet?: Array<{ primary?: boolean; privateIpAddress?: string }> };
  securityGroupIds?: { securityGroupId?: string[] };
  tags?: { tag?: Array<{ tagKey?: string; tagValue?: string }> };
};

function toNetworkInterfaceRecord(body: EniBody, action: string): NetworkInterfaceRecord {
  const primary = body.privateIpAddress ?? "";
  return {
    networkInterfaceId: required(body.networkInterfaceId, action, "NetworkInterfaceId"),
    status: required(body.status, action, "Status"),
    type: body.type ?? "Secondary",
    vSwitchId: body.vSwitchId ?? "",
    vpcId: body.vpcId ?? "",
    zoneId: body.zoneId ?? "",
    primaryIpAddress: primary,
    secondaryIpAddresses: (body.privateIpSets?.privateIpSet ?? [])
      .filter((set) => set.primary !== true && set.privateIpAddress !== undefined && set.privateIpAddress !== primary)
      .map((set) => set.privateIpAddress as string),
    macAddress: body.macAddress ?? "",
    securityGroupIds: body.securityGroupIds?.securityGroupId ?? [],
    instanceId: body.instanceId === "" ? undefined : body.instanceId,
    sourceDestCheck: body.sourceDestCheck,
    name: body.networkInterfaceName === "" ? undefined : body.networkInterfaceName,
    description: body.description === "" ? undefined : body.description,
    tags: tagMap(body.tags?.tag),
  };
}

function toInstanceRecord(body: NonNullable<NonNullable<EcsSdk.DescribeInstancesResponseBody["instances"]>["instance"]>[number]): InstanceRecord {
  return {
    instanceId: required(body.instanceId, "DescribeInstances", "InstanceId"),
    status: required(body.status, "DescribeInstances", "Status"),
    zoneId: body.zoneId ?? "",
    vpcId: body.vpcAttributes?.vpcId ?? "",
    vSwitchId: body.vpcAttributes?.vSwitchId ?? "",
    instanceType: body.instanceType ?? "",
    imageId: body.imageId ?? "",
    instanceName: body.instanceName === "" ? undefined : body.instanceName,
    securityGroupIds: body.securityGroupIds?.securityGroupId ?? [],
    privateIpAddress: body.vpcAttributes?.privateIpAddress?.ipAddress?.[0] ?? "",
    networkInterfaces: (body.networkInterfaces?.networkInterface ?? []).map((eni) => ({
      networkInterfaceId: required(eni.networkInterfaceId, "DescribeInstances", "NetworkInterfaceId"),
      type: eni.type ?? "",
      primaryIpAddress: eni.primaryIpAddress ?? "",
      macAddress: eni.macAddress ?? "",
    })),
    metadataOptions: {
      httpEndpoint: body.metadataOptions?.httpEndpoint,
      httpTokens: body.metadataOptions?.httpTokens,
      httpPutResponseHopLimit: body.metadataOptions?.httpPutResponseHopLimit,
    },
    tags: tagMap(body.tags?.tag),
  };
}

/**
 * The EcsApi over the official SDKs. Built inside each provider call (never captured into the
 * serialized provider); the SDK modules are required here, at call time, for the same reason.
 * The SDK's own retries stay off (no retryOptions): see retry.ts.
 */
export function createSdkEcsApi(ecsConfig: $OpenApiUtil.Config, vpcConfig: $OpenApiUtil.Config): EcsApi {
  const ecsModule = require("@alicloud/ecs20140526") as EcsModule;
  const vpcModule = require("@alicloud/vpc20160428") as VpcModule;
  const ecs = new ecsModule.default(ecsConfig);
  let vpc: InstanceType<VpcModule["default"]> | undefined;
  const vpcClient = (): InstanceType<VpcModule["default"]> => (vpc ??= new vpcModule.default(vpcConfig));
  const E = ecsModule;
  const V = vpcModule;
  return {
    async createNetworkInterface(r) {
      const response = await ecs.createNetworkInterface(new E.CreateNetworkInterfaceRequest({
        regionId: r.regionId, vSwitchId: r.vSwitchId, securityGroupIds: r.securityGroupIds, primaryIpAddress: r.primaryIpAddress,
        privateIpAddress: r.privateIpAddresses, secondaryPrivateIpAddressCount: r.secondaryPrivateIpAddressCount,
        sourceDestCheck: r.sourceDestCheck, networkInterfaceName: r.name, description: r.description,
        tag: tagList(r.tags)?.map((t) => new E.CreateNetworkInterfaceRequestTag(t)), clientToken: r.clientToken,
      }));
      return toNetworkInterfaceRecord(response.body ?? {}, "CreateNetworkInterface");
    },
    async describeNetworkInterfaces(r) {
      const response = await ecs.describeNetworkInterfaces(new E.DescribeNetworkInterfacesRequest({
        regionId: r.regionId, networkInterfaceId: r.networkInterfaceIds, instanceId: r.instanceId, maxResults: 100,
      }));
      return (response.body?.networkInterfaceSets?.networkInterfaceSet ?? []).map((set) => toNetworkInterfaceRecord(set, "DescribeNetworkInterfaces"));
    },
    async modifyNetworkInterfaceAttribute(r) {
      await ecs.modifyNetworkInterfaceAttribute(new E.ModifyNetworkInterfaceAttributeRequest({
        regionId: r.regionId, networkInterfaceId: r.networkInterfaceId, securityGroupId: r.securityGroupIds,
        networkInterfaceName: r.name, description: r.description, sourceDestCheck: r.sourceDestCheck,
      }));
    },
    async attachNetworkInterface(r) {
      await ecs.attachNetworkInterface(new E.AttachNetworkInterfaceRequest({ regionId: r.regionId, networkInterfaceId: r.networkInterfaceId, instanceId: r.instanceId }));
    },
    async detachNetworkInterface(r) {
      await ecs.detachNetworkInterface(new E.DetachNetworkInterfaceRequest({ regionId: r.regionId, networkInterfaceId: r.networkInterfaceId, instanceId: r.instanceId }));
    },
    async deleteNetworkInterface(r) {
      await ecs.deleteNetworkInterface(new E.DeleteNetworkInterfaceRequest({ regionId: r.regionId, networkInterfaceId: r.networkInterfaceId }));
    },
    async assignPrivateIpAddresses(r) {
      const response = await ecs.assignPrivateIpAddresses(new E.AssignPrivateIpAddressesRequest({
        regionId: r.regionId, networkInterfaceId: r.networkInterfaceId, privateIpAddress: r.privateIpAddresses,
        secondaryPrivateIpAddressCount: r.secondaryPrivateIpAddressCount,
      }));
      return response.body?.assignedPrivateIpAddressesSet?.privateIpSet?.privateIpAddress ?? [];
    },
    async unassignPrivateIpAddresses(r) {
      await ecs.unassignPrivateIpAddresses(new E.UnassignPrivateIpAddressesRequest({ regionId: r.regionId, networkInterfaceId: r.networkInterfaceId, privateIpAddress: r.privateIpAddresses }));
    },
    async tagResources(r) {
      await ecs.tagResources(new E.TagResourcesRequest({
        regionId: r.regionId, resourceType: r.resourceType, resourceId: r.resourceIds,
        tag: tagList(r.tags)?.map((t) => new E.TagResourcesRequestTag(t)),
      }));
    },
    async untagResources(r) {
      await ecs.untagResources(new E.UntagResourcesRequest({ regionId: r.regionId, resourceType: r.resourceType, resourceId: r.resourceIds, tagKey: r.tagKeys }));
    },
    async runInstances(r) {
      const eni = (spec: typeof r.primary, role: "Primary" | "Secondary") => new E.RunInstancesRequestNetworkInterface({
        instanceType: role, vSwitchId: spec.vSwitchId, securityGroupIds: spec.securityGroupIds, primaryIpAddress: spec.primaryIpAddress,
        sourceDestCheck: spec.sourceDestCheck, networkInterfaceId: spec.networkInterfaceId,
      });
      const response = await ecs.runInstances(new E.RunInstancesRequest({
        regionId: r.regionId, zoneId: r.zoneId, vSwitchId: r.vSwitchId, securityGroupIds: r.securityGroupIds, instanceType: r.instanceType,
        imageId: r.imageId, instanceName: r.instanceName, privateIpAddress: r.privateIpAddress, amount: 1,
        networkInterface: [eni(r.primary, "Primary"), ...(r.secondary !== undefined ? [eni(r.secondary, "Secondary")] : [])],
        httpEndpoint: r.httpEndpoint, httpTokens: r.httpTokens, httpPutResponseHopLimit: r.httpPutResponseHopLimit,
        tag: tagList(r.tags)?.map((t) => new E.RunInstancesRequestTag(t)), clientToken: r.clientToken,
      }));
      return response.body?.instanceIdSets?.instanceIdSet ?? [];
    },
    async describeInstances(r) {
      const response = await ecs.describeInstances(new E.DescribeInstancesRequest({ regionId: r.regionId, instanceIds: JSON.stringify(r.instanceIds), pageSize: 100 }));
      return (response.body?.instances?.instance ?? []).map(toInstanceRecord);
    },
    async modifyInstanceMetadataOptions(r) {
      await ecs.modifyInstanceMetadataOptions(new E.ModifyInstanceMetadataOptionsRequest({
        regionId: r.regionId, instanceId: r.instanceId, httpEndpoint: r.httpEndpoint, httpTokens: r.httpTokens, httpPutResponseHopLimit: r.httpPutResponseHopLimit,
      }));
    },
    async modifyInstanceAttribute(r) {
      await ecs.modifyInstanceAttribute(new E.ModifyInstanceAttributeRequest({ instanceId: r.instanceId, instanceName: r.instanceName }));
    },
    async stopInstance(r) {
      await ecs.stopInstance(new E.StopInstanceRequest({ instanceId: r.instanceId, forceStop: r.forceStop }));
    },
    async deleteInstance(r) {
      await ecs.deleteInstance(new E.DeleteInstanceRequest({ instanceId: r.instanceId, force: r.force }));
    },
    async describeVSwitches(r) {
      const response = await vpcClient().describeVSwitches(new V.DescribeVSwitchesRequest({ regionId: r.regionId, vSwitchId: r.vSwitchId, pageSize: 50 }));
      return (response.body?.vSwitches?.vSwitch ?? []).map((vsw) => ({
        vSwitchId: required(vsw.vSwitchId, "DescribeVSwitches", "VSwitchId"),
        cidrBlock: required(vsw.cidrBlock, "DescribeVSwitches", "CidrBlock"),
        vpcId: vsw.vpcId ?? "",
        zoneId: vsw.zoneId ?? "",
      }));
    },
    async createRouteEntry(r) {
      const response = await vpcClient().createRouteEntry(new V.CreateRouteEntryRequest({
        regionId: r.regionId, routeTableId: r.routeTableId, destinationCidrBlock: r.destinationCidrBlock, nextHopType: r.nextHopType,
        nextHopId: r.nextHopId, routeEntryName: r.routeEntryName, clientToken: r.clientToken,
      }));
      return required(response.body?.routeEntryId, "CreateRouteEntry", "RouteEntryId");
    },
    async describeRouteEntryList(r) {
      const response = await vpcClient().describeRouteEntryList(new V.DescribeRouteEntryListRequest({
        regionId: r.regionId, routeTableId: r.routeTableId, routeEntryId: r.routeEntryId, destinationCidrBlock: r.destinationCidrBlock,
      }));
      return (response.body?.routeEntrys?.routeEntry ?? []).map((entry): RouteEntryRecord => {
        const hop = entry.nextHops?.nextHop?.[0];
        return {
          routeEntryId: required(entry.routeEntryId, "DescribeRouteEntryList", "RouteEntryId"),
          routeTableId: entry.routeTableId ?? r.routeTableId,
          destinationCidrBlock: entry.destinationCidrBlock ?? "",
          status: entry.status ?? "",
          nextHopType: hop?.nextHopType,
          nextHopId: hop?.nextHopId,
          name: entry.routeEntryName === "" ? undefined : entry.routeEntryName,
        };
      });
    },
    async deleteRouteEntry(r) {
      await vpcClient().deleteRouteEntry(new V.DeleteRouteEntryRequest({ regionId: r.regionId, routeTableId: r.routeTableId, routeEntryId: r.routeEntryId }));
    },
  };
}
