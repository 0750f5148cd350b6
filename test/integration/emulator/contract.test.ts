import * as $ecs from "@alicloud/ecs20140526";
import * as $vpc from "@alicloud/vpc20160428";
import * as $dara from "@darabonba/typescript";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "../../../emulator/actions/index";
import { withEmulator } from "../../support/sdk-clients";
import { rawCall } from "./raw-call";
import { FAST, IMAGE, REGION, SG_NAT, SG_WEB, VPC_MAIN, VSW_PRIVATE, VSW_PUBLIC, VTB_PRIVATE, waitFor } from "../../support/default-seed-ids";

/**
 * The contract with the official SDKs: each action's raw JSON (fetched through the SDK's own
 * signed `callApi`) is parsed by the SDK's response model, turned back into a map, and every key
 * path of the raw body must survive. A wrong wrapper or a misspelt field is dropped by the SDK,
 * so it shows up here as a lost path.
 */
type ModelClass = new (map?: Record<string, unknown>) => $dara.Model;

const RESPONSE_MODELS: Record<string, ModelClass> = {
  CreateNetworkInterface: $ecs.CreateNetworkInterfaceResponseBody,
  DeleteNetworkInterface: $ecs.DeleteNetworkInterfaceResponseBody,
  DescribeNetworkInterfaces: $ecs.DescribeNetworkInterfacesResponseBody,
  DescribeNetworkInterfaceAttribute: $ecs.DescribeNetworkInterfaceAttributeResponseBody,
  ModifyNetworkInterfaceAttribute: $ecs.ModifyNetworkInterfaceAttributeResponseBody,
  AttachNetworkInterface: $ecs.AttachNetworkInterfaceResponseBody,
  DetachNetworkInterface: $ecs.DetachNetworkInterfaceResponseBody,
  AssignPrivateIpAddresses: $ecs.AssignPrivateIpAddressesResponseBody,
  UnassignPrivateIpAddresses: $ecs.UnassignPrivateIpAddressesResponseBody,
  RunInstances: $ecs.RunInstancesResponseBody,
  CreateInstance: $ecs.CreateInstanceResponseBody,
  DescribeInstances: $ecs.DescribeInstancesResponseBody,
  DescribeInstanceAttribute: $ecs.DescribeInstanceAttributeResponseBody,
  StartInstance: $ecs.StartInstanceResponseBody,
  StopInstance: $ecs.StopInstanceResponseBody,
  DeleteInstance: $ecs.DeleteInstanceResponseBody,
  DeleteInstances: $ecs.DeleteInstancesResponseBody,
  ModifyInstanceMetadataOptions: $ecs.ModifyInstanceMetadataOptionsResponseBody,
  DescribeUserData: $ecs.DescribeUserDataResponseBody,
  ModifyInstanceAttribute: $ecs.ModifyInstanceAttributeResponseBody,
  DescribeSecurityGroups: $ecs.DescribeSecurityGroupsResponseBody,
  TagResources: $ecs.TagResourcesResponseBody,
  UntagResources: $ecs.UntagResourcesResponseBody,
  ListTagResources: $ecs.ListTagResourcesResponseBody,
  DescribeVpcs: $vpc.DescribeVpcsResponseBody,
  DescribeVSwitches: $vpc.DescribeVSwitchesResponseBody,
  DescribeRouteTableList: $vpc.DescribeRouteTableListResponseBody,
  DescribeRouteEntryList: $vpc.DescribeRouteEntryListResponseBody,
  CreateRouteEntry: $vpc.CreateRouteEntryResponseBody,
  DeleteRouteEntry: $vpc.DeleteRouteEntryResponseBody,
};

/** Every key path of a JSON value: `A.B[].C`; arrays contribute their items' paths. */
export function keyPaths(value: unknown, prefix = ""): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(value)) {
    for (const item of value) for (const p of keyPaths(item, `${prefix}[]`)) out.add(p);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      for (const p of keyPaths(child, path)) out.add(p);
    }
  }
  return out;
}

function droppedBySdk(action: string, raw: Record<string, unknown>): string[] {
  const Model = RESPONSE_MODELS[action];
  if (!Model) throw new Error(`no SDK model listed for ${action}`);
  // What the SDK does with a body: cast from wire names into the model, then back to a wire map.
  const parsed = $dara.cast(raw, new Model({})).toMap();
  const kept = keyPaths(parsed);
  return [...keyPaths(raw)].filter((p) => !kept.has(p));
}

describe("contract: responses survive the SDK's models", () => {
  const fx = withEmulator({ transitions: FAST });
  const checked = new Map<string, Record<string, unknown>>();

  async function check(client: "ecs" | "vpc", action: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    const raw = await rawCall(client === "ecs" ? fx.ecs : fx.vpc, action, query);
    expect(droppedBySdk(action, raw), `${action} fields the SDK drops`).toEqual([]);
    expect(raw.RequestId, `${action} RequestId`).toEqual(expect.any(String));
    checked.set(action, raw);
    return raw;
  }

  it("the model walk itself catches a wrong wrapper", () => {
    const wrong = { RequestId: "r", NetworkInterfaceSets: [{ NetworkInterfaceId: "eni-1" }] };
    expect(droppedBySdk("DescribeNetworkInterfaces", wrong)).not.toEqual([]);
    const right = { RequestId: "r", NetworkInterfaceSets: { NetworkInterfaceSet: [{ NetworkInterfaceId: "eni-1", Bogus: 1 }] } };
    expect(droppedBySdk("DescribeNetworkInterfaces", right)).toEqual(["NetworkInterfaceSets.NetworkInterfaceSet[].Bogus"]);
  });

  it("every action, with every field filled in", async () => {
    const r = { RegionId: REGION };
    const eni = await check("ecs", "CreateNetworkInterface", {
      ...r, VSwitchId: VSW_PRIVATE, "SecurityGroupIds.1": SG_WEB, "SecurityGroupIds.2": SG_NAT, NetworkInterfaceName: "contract",
      Description: "all fields", SecondaryPrivateIpAddressCount: "1", SourceDestCheck: "false", ResourceGroupId: "rg-x",
      DeleteOnRelease: "true", QueueNumber: "2", "Tag.1.Key": "k", "Tag.1.Value": "v", ClientToken: "contract-1",
    });
    const eniId = String(eni.NetworkInterfaceId);
    await check("ecs", "DescribeNetworkInterfaceAttribute", { ...r, NetworkInterfaceId: eniId });
    await check("ecs", "ModifyNetworkInterfaceAttribute", { ...r, NetworkInterfaceId: eniId, "SecurityGroupId.1": SG_WEB, SourceDestCheck: "true" });
    await check("ecs", "AssignPrivateIpAddresses", { ...r, NetworkInterfaceId: eniId, "PrivateIpAddress.1": "10.0.1.240" });
    await check("ecs", "UnassignPrivateIpAddresses", { ...r, NetworkInterfaceId: eniId, "PrivateIpAddress.1": "10.0.1.240" });
    const run = await check("ecs", "RunInstances", {
      ...r, ImageId: IMAGE, InstanceType: "ecs.g7.large", VSwitchId: VSW_PRIVATE, SecurityGroupId: SG_WEB, InstanceName: "contract-vm",
      HttpEndpoint: "enabled", HttpTokens: "required", HttpPutResponseHopLimit: "2", "Tag.1.Key": "k", "Tag.1.Value": "v",
      UserData: Buffer.from("#!/bin/sh\necho hi\n").toString("base64"), KeyPairName: "kp", HostName: "contract-host",
      Description: "vm", InstanceChargeType: "PostPaid", InternetMaxBandwidthOut: "5", DeletionProtection: "false", ResourceGroupId: "rg-x",
      "NetworkInterface.1.InstanceType": "Primary", "NetworkInterface.1.SourceDestCheck": "false",
      "NetworkInterface.2.InstanceType": "Secondary", "NetworkInterface.2.VSwitchId": VSW_PUBLIC, "NetworkInterface.2.SecurityGroupIds.1": SG_NAT,
    });
    const instanceId = String((run.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0]);
    const created = await check("ecs", "CreateInstance", { ...r, ImageId: IMAGE, InstanceType: "ecs.c7.large", VSwitchId: VSW_PRIVATE, SecurityGroupId: SG_WEB });
    await check("ecs", "DescribeNetworkInterfaces", { ...r, PageSize: "50" });
    const described = await check("ecs", "DescribeInstances", { ...r, InstanceIds: JSON.stringify([instanceId]) });
    const instance = (described.Instances as { Instance: Record<string, unknown>[] }).Instance[0]!;
    expect(instance.SourceDestCheck).toBeUndefined();
    expect(instance.MetadataOptions).toMatchObject({ HttpTokens: "required", HttpPutResponseHopLimit: 2 });
    await check("ecs", "DescribeInstanceAttribute", { InstanceId: instanceId });
    const userData = await check("ecs", "DescribeUserData", { ...r, InstanceId: instanceId });
    expect(Buffer.from(String(userData.UserData), "base64").toString()).toBe("#!/bin/sh\necho hi\n");
    await check("ecs", "ModifyInstanceMetadataOptions", { ...r, InstanceId: instanceId, HttpTokens: "optional" });
    await check("ecs", "ModifyInstanceAttribute", { InstanceId: instanceId, InstanceName: "renamed-vm", "SecurityGroupIds.1": SG_NAT });
    await waitFor(() => rawCall(fx.ecs, "DescribeInstanceAttribute", { InstanceId: instanceId }), (b) => b.Status === "Running");
    await check("ecs", "AttachNetworkInterface", { ...r, NetworkInterfaceId: eniId, InstanceId: instanceId });
    await waitFor(() => rawCall(fx.ecs, "DescribeNetworkInterfaceAttribute", { ...r, NetworkInterfaceId: eniId }), (b) => b.Status === "InUse");
    const attached = await check("ecs", "DescribeNetworkInterfaceAttribute", { ...r, NetworkInterfaceId: eniId });
    expect(attached.Attachment).toMatchObject({ InstanceId: instanceId, DeviceIndex: 2 });
    await check("ecs", "DetachNetworkInterface", { ...r, NetworkInterfaceId: eniId, InstanceId: instanceId });
    await check("ecs", "StopInstance", { InstanceId: instanceId });
    await waitFor(() => rawCall(fx.ecs, "DescribeInstanceAttribute", { InstanceId: instanceId }), (b) => b.Status === "Stopped");
    await check("ecs", "StartInstance", { InstanceId: instanceId });
    await check("ecs", "TagResources", { ...r, ResourceType: "eni", "ResourceId.1": eniId, "Tag.1.Key": "k2", "Tag.1.Value": "v2" });
    await check("ecs", "ListTagResources", { ...r, ResourceType: "eni", "ResourceId.1": eniId });
    await check("ecs", "UntagResources", { ...r, ResourceType: "eni", "ResourceId.1": eniId, "TagKey.1": "k2" });
    await check("ecs", "DescribeSecurityGroups", { ...r, VpcId: VPC_MAIN });
    await check("vpc", "DescribeVpcs", r);
    await check("vpc", "DescribeVSwitches", r);
    await check("vpc", "DescribeRouteTableList", r);
    const rte = await check("vpc", "CreateRouteEntry", {
      ...r, RouteTableId: VTB_PRIVATE, DestinationCidrBlock: "0.0.0.0/0", NextHopType: "Instance", NextHopId: instanceId,
      RouteEntryName: "contract-route", Description: "d",
    });
    await waitFor(() => rawCall(fx.vpc, "DescribeRouteEntryList", { ...r, RouteTableId: VTB_PRIVATE }), (b) => JSON.stringify(b).includes('"Status":"Available"'));
    await check("vpc", "DescribeRouteEntryList", { ...r, RouteTableId: VTB_PRIVATE });
    await check("vpc", "DeleteRouteEntry", { ...r, RouteEntryId: String(rte.RouteEntryId) });
    await waitFor(() => rawCall(fx.ecs, "DescribeNetworkInterfaceAttribute", { ...r, NetworkInterfaceId: eniId }), (b) => b.Status === "Available");
    await check("ecs", "DeleteNetworkInterface", { ...r, NetworkInterfaceId: eniId });
    await check("ecs", "DeleteInstance", { InstanceId: instanceId, Force: "true" });
    await check("ecs", "DeleteInstances", { ...r, "InstanceId.1": String(created.InstanceId), Force: "true" });

    const served = ACTIONS.map((a) => a.name).sort();
    expect([...checked.keys()].sort()).toEqual(served);
  });
});
