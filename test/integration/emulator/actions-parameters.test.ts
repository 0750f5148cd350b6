import * as $ecs from "@alicloud/ecs20140526";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "../../../emulator/state/seed";
import { withEmulator } from "../../support/sdk-clients";
import { rawCall } from "./raw-call";
import { FAST, MUMBAI, REGION, SG_MUMBAI, SG_WEB, VSW_MUMBAI, VSW_PRIVATE, apiError } from "../../support/default-seed-ids";

describe("malformed and unknown parameters", () => {
  const fx = withEmulator({ transitions: FAST });
  const base = { RegionId: REGION, VSwitchId: VSW_PRIVATE, "SecurityGroupIds.1": SG_WEB };

  it.each([
    ["SourceDestCheck", { SourceDestCheck: "yes" }, "InvalidParameter"],
    ["SecondaryPrivateIpAddressCount", { SecondaryPrivateIpAddressCount: "two" }, "InvalidParameter"],
    ["SecondaryPrivateIpAddressCount", { SecondaryPrivateIpAddressCount: "0" }, "InvalidParameter"],
    ["PrimaryIpAddress", { PrimaryIpAddress: "10.0.1" }, "InvalidParameter"],
    ["Tag.1.Key", { "Tag.1.Value": "v" }, "MissingParameter"],
    ["SecurityGroupIds.0", { "SecurityGroupIds.0": SG_WEB }, "InvalidParameter"],
    ["FancyNewField", { FancyNewField: "x" }, "InvalidParameter"],
  ])("CreateNetworkInterface names %s", async (name, extra, code) => {
    const error = await apiError(rawCall(fx.ecs, "CreateNetworkInterface", { ...base, ...extra }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(400);
    expect(error.message).toContain(name);
  });

  it("names a missing required field", async () => {
    const error = await apiError(rawCall(fx.ecs, "CreateNetworkInterface", { RegionId: REGION, "SecurityGroupIds.1": SG_WEB }));
    expect(error).toMatchObject({ code: "MissingParameter", status: 400 });
    expect(error.message).toContain("VSwitchId");
    expect((await apiError(rawCall(fx.ecs, "DescribeNetworkInterfaces", {}))).message).toContain("RegionId");
  });

  it("reads InstanceIds as a JSON list and rejects anything else", async () => {
    const error = await apiError(rawCall(fx.ecs, "DescribeInstances", { RegionId: REGION, InstanceIds: "i-1,i-2" }));
    expect(error.code).toBe("InvalidParameter");
    expect(error.message).toContain("InstanceIds");
    const tooMany = JSON.stringify(Array.from({ length: 101 }, (_, i) => `i-${i}`));
    expect((await apiError(rawCall(fx.ecs, "DescribeInstances", { RegionId: REGION, InstanceIds: tooMany }))).code).toBe("InvalidParameter");
    const ok = await rawCall(fx.ecs, "DescribeInstances", { RegionId: REGION, InstanceIds: '["i-none"]' });
    expect(ok.TotalCount).toBe(0);
  });

  it("answers an unknown action with the cloud's not-found error", async () => {
    expect(await apiError(rawCall(fx.ecs, "CreateTimeMachine", { RegionId: REGION }))).toMatchObject({ code: "InvalidAction.NotFound", status: 404 });
  });
});

describe("SourceDestCheck: account mode enabled-by-default, and regions without the feature", () => {
  const fx = withEmulator({ transitions: FAST });

  it("defaults to true in a supported region and keeps an explicit false", async () => {
    const on = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB] }));
    expect(on.body?.sourceDestCheck).toBe(true);
    const off = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB], sourceDestCheck: false }));
    expect(off.body?.sourceDestCheck).toBe(false);
  });

  it("outside the 28 regions: true is refused, the default and read-back are false", async () => {
    const req = { regionId: MUMBAI, vSwitchId: VSW_MUMBAI, securityGroupIds: [SG_MUMBAI] };
    expect(await apiError(fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ ...req, sourceDestCheck: true }))))
      .toMatchObject({ code: "InvalidOperation.SourceDestCheckNotSupported", status: 403 });
    const made = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest(req));
    expect(made.body?.sourceDestCheck).toBe(false);
    const id = made.body!.networkInterfaceId!;
    expect(await apiError(fx.ecs.modifyNetworkInterfaceAttribute(new $ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: MUMBAI, networkInterfaceId: id, sourceDestCheck: true }))))
      .toMatchObject({ code: "InvalidOperation.SourceDestCheckNotSupported" });
    await fx.ecs.modifyNetworkInterfaceAttribute(new $ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: MUMBAI, networkInterfaceId: id, sourceDestCheck: false }));
    const read = await fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: MUMBAI, networkInterfaceId: id }));
    expect(read.body?.sourceDestCheck).toBe(false);
    // The ENI is regional: asked for in Hangzhou it does not exist.
    expect(await apiError(fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id }))))
      .toMatchObject({ code: "InvalidEniId.NotFound" });
  });
});

describe("SourceDestCheck: account mode disabled-by-default", () => {
  const fx = withEmulator({ transitions: FAST, seed: { ...DEFAULT_SEED, sourceDestCheckMode: "disabled-by-default" } });

  it("new ENIs and instance ENIs default to false unless asked", async () => {
    const eni = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB] }));
    expect(eni.body?.sourceDestCheck).toBe(false);
    const run = await fx.ecs.runInstances(new $ecs.RunInstancesRequest({
      regionId: REGION, imageId: DEFAULT_SEED.images[0]!.id, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB,
      networkInterface: [new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary", sourceDestCheck: true })],
    }));
    const id = run.body!.instanceIdSets!.instanceIdSet![0]!;
    const listed = await fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, instanceId: id }));
    expect(listed.body?.networkInterfaceSets?.networkInterfaceSet?.map((e) => e.sourceDestCheck)).toEqual([true]);
  });
});

describe("ENI quota per region", () => {
  const fx = withEmulator({ transitions: FAST, seed: { ...DEFAULT_SEED, eniQuotaPerRegion: 3 } });

  it("refuses the ENI beyond the quota, counting instance ENIs, and frees room on delete", async () => {
    const create = () => fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB] }));
    const first = await create();
    await fx.ecs.runInstances(new $ecs.RunInstancesRequest({ regionId: REGION, imageId: DEFAULT_SEED.images[0]!.id, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB }));
    await create();
    expect(await apiError(create())).toMatchObject({ code: "MaxEniCountExceeded", status: 403 });
    expect(await apiError(fx.ecs.runInstances(new $ecs.RunInstancesRequest({ regionId: REGION, imageId: DEFAULT_SEED.images[0]!.id, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB }))))
      .toMatchObject({ code: "MaxEniCountExceeded" });
    await fx.ecs.deleteNetworkInterface(new $ecs.DeleteNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: first.body!.networkInterfaceId! }));
    await create();
  });
});
