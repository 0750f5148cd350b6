import { describe, expect, it } from "vitest";
import type { InstanceRecord, NetworkInterfaceRecord, RouteEntryRecord } from "../../../provider/ecs/api";
import { instanceOutputs, launchedSecondaryId } from "../../../provider/instance/outputs";
import { networkInterfaceOutputs } from "../../../provider/network-interface/outputs";
import { routeEntryOutputs } from "../../../provider/route-entry/outputs";
import { deriveClientToken, tokenForGeneration } from "../../../provider/shared/client-token";

const eni = (over: Partial<NetworkInterfaceRecord> = {}): NetworkInterfaceRecord => ({
  networkInterfaceId: "eni-1", status: "Available", type: "Secondary", vSwitchId: "vsw-1", vpcId: "vpc-1", zoneId: "z", primaryIpAddress: "10.0.1.5",
  secondaryIpAddresses: ["10.0.1.6"], macAddress: "00:16:3e:00:00:01", securityGroupIds: ["sg-1"], instanceId: undefined, sourceDestCheck: true,
  name: undefined, description: undefined, tags: { env: "dev", "acs:system": "x" }, ...over,
});

describe("networkInterfaceOutputs", () => {
  it("embeds the inputs, overridden by what the cloud reports, and hides the cloud's own tags", () => {
    const outs = networkInterfaceOutputs({ vSwitchId: "vsw-1", securityGroupIds: ["sg-9"], name: "old", instanceId: "i-9", __clientToken: "t" }, eni(), "cn-hangzhou");
    expect(outs).toEqual({
      kind: "alicloud-eni:NetworkInterface", networkInterfaceId: "eni-1", status: "Available", macAddress: "00:16:3e:00:00:01",
      vSwitchId: "vsw-1", vpcId: "vpc-1", zoneId: "z", regionId: "cn-hangzhou", securityGroupIds: ["sg-1"], primaryIpAddress: "10.0.1.5",
      privateIpAddresses: ["10.0.1.6"], sourceDestCheck: true, tags: { env: "dev" }, __clientToken: "t",
    });
  });
  it("reads a missing flag (region without the feature) as off", () => {
    expect(networkInterfaceOutputs({ vSwitchId: "v", securityGroupIds: [] }, eni({ sourceDestCheck: undefined }), "ap-south-1").sourceDestCheck).toBe(false);
  });
});

const instance: InstanceRecord = {
  instanceId: "i-1", status: "Running", zoneId: "z", vpcId: "vpc-1", vSwitchId: "vsw-1", instanceType: "t", imageId: "img", instanceName: "n",
  securityGroupIds: ["sg-1"], privateIpAddress: "10.0.1.4", networkInterfaces: [],
  metadataOptions: { httpEndpoint: undefined, httpTokens: "required", httpPutResponseHopLimit: undefined }, tags: {},
};

describe("instanceOutputs", () => {
  const enis = [eni({ networkInterfaceId: "eni-p", type: "Primary", primaryIpAddress: "10.0.1.4", sourceDestCheck: false }), eni({ networkInterfaceId: "eni-s" }), eni({ networkInterfaceId: "eni-other" })];
  it("takes each ENI's flag from DescribeNetworkInterfaces and fills metadata defaults", () => {
    const outs = instanceOutputs({ vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], instanceType: "t", imageId: "img", secondaryNetworkInterface: {} }, instance, enis, "cn-hangzhou", "eni-s");
    expect(outs).toMatchObject({
      primaryNetworkInterfaceId: "eni-p", primaryNetworkInterface: { sourceDestCheck: false, macAddress: "00:16:3e:00:00:01" },
      secondaryNetworkInterfaceId: "eni-s", secondaryNetworkInterface: { networkInterfaceId: "eni-s", sourceDestCheck: true },
      secondaryNetworkInterfaceCreated: true, metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    });
  });
  it("leaves out ENIs it does not own and marks an existing ENI as not created", () => {
    const single = instanceOutputs({ vSwitchId: "v", securityGroupIds: [], instanceType: "t", imageId: "i" }, instance, enis, "r", undefined);
    expect([single.secondaryNetworkInterface, single.secondaryNetworkInterfaceId]).toEqual([undefined, undefined]);
    const existing = instanceOutputs({ vSwitchId: "v", securityGroupIds: [], instanceType: "t", imageId: "i", secondaryNetworkInterface: { networkInterfaceId: "eni-s" } }, instance, enis, "r", "eni-s");
    expect(existing.secondaryNetworkInterfaceCreated).toBe(false);
  });
  it("fails clearly without a primary ENI", () => {
    expect(() => instanceOutputs({ vSwitchId: "v", securityGroupIds: [], instanceType: "t", imageId: "i" }, instance, [], "r", undefined)).toThrow(/instance i-1 has no primary ENI/);
  });
  it("finds the secondary RunInstances made only when one was asked for", () => {
    expect(launchedSecondaryId(enis, true)).toBe("eni-s");
    expect(launchedSecondaryId(enis, false)).toBeUndefined();
  });
});

describe("routeEntryOutputs", () => {
  it("reports the hop the cloud holds", () => {
    const record: RouteEntryRecord = { routeEntryId: "rte-1", routeTableId: "vtb-1", destinationCidrBlock: "0.0.0.0/0", status: "Available", nextHopType: "Instance", nextHopId: "i-1", name: undefined };
    expect(routeEntryOutputs({ routeTableId: "vtb-1", destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: "eni-1" }, record, "r"))
      .toMatchObject({ kind: "alicloud-eni:RouteEntry", routeEntryId: "rte-1", nextHopType: "Instance", nextHopId: "i-1", status: "Available" });
  });
});

describe("token generations", () => {
  it("generation 0 is check's token; later ones are distinct, deterministic and 64 chars", () => {
    const base = deriveClientToken("urn:x", { a: 1 }, undefined) as string;
    expect(tokenForGeneration(base, 0)).toBe(base);
    const one = tokenForGeneration(base, 1);
    expect(one).toHaveLength(64);
    expect(one).not.toBe(base);
    expect(tokenForGeneration(base, 1)).toBe(one);
    expect(tokenForGeneration(base, 2)).not.toBe(one);
    expect(tokenForGeneration(undefined, 3)).toBeUndefined();
  });
});
