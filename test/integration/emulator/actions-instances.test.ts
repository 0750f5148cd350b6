import * as $ecs from "@alicloud/ecs20140526";
import { describe, expect, it } from "vitest";
import { withEmulator } from "../../support/sdk-clients";
import { FAST, IMAGE, REGION, SG_NAT, SG_OTHER, SG_WEB, VSW_OTHER, VSW_PRIVATE, VSW_PUBLIC, VSW_ZONE_I, apiError, waitFor } from "../../support/default-seed-ids";

const fx = withEmulator({ transitions: FAST });

function run(extra: Partial<$ecs.RunInstancesRequest> = {}) {
  return fx.ecs.runInstances(new $ecs.RunInstancesRequest({
    regionId: REGION, imageId: IMAGE, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB, ...extra,
  }));
}

async function runOne(extra: Partial<$ecs.RunInstancesRequest> = {}): Promise<string> {
  const { body } = await run(extra);
  return body!.instanceIdSets!.instanceIdSet![0]!;
}

async function describeInstance(id: string) {
  const { body } = await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }));
  return body!.instances!.instance![0]!;
}

const status = async (id: string) => (await fx.ecs.describeInstanceAttribute(new $ecs.DescribeInstanceAttributeRequest({ instanceId: id }))).body!.status!;
const waitStatus = (id: string, wanted: string) => waitFor(() => status(id), (s) => s === wanted);

function eniAttr(id: string) {
  return fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id })).then((r) => r.body!);
}

async function createEni(vSwitchId = VSW_PRIVATE, group = SG_WEB): Promise<string> {
  const { body } = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId, securityGroupIds: [group] }));
  return body!.networkInterfaceId!;
}

describe("RunInstances and DescribeInstances", () => {
  it("launches Pending -> Running with metadata options, primary and secondary ENIs", async () => {
    const id = await runOne({
      instanceName: "nat-1", hostName: "nat-host", description: "nat box", httpEndpoint: "enabled", httpTokens: "required",
      httpPutResponseHopLimit: 2, tag: [new $ecs.RunInstancesRequestTag({ key: "role", value: "nat" })], keyPairName: "kp", deletionProtection: false,
      networkInterface: [
        { instanceType: "Primary", sourceDestCheck: false, networkInterfaceName: "eth0" },
        { instanceType: "Secondary", vSwitchId: VSW_PUBLIC, securityGroupIds: [SG_NAT], sourceDestCheck: false, networkInterfaceName: "eth1" },
      ].map((n) => new $ecs.RunInstancesRequestNetworkInterface(n)),
    });
    expect(id).toMatch(/^i-[a-z0-9]{20}$/);
    expect(["Pending", "Starting"]).toContain(await status(id));
    await waitStatus(id, "Running");
    const inst = await describeInstance(id);
    expect(inst).toMatchObject({ instanceName: "nat-1", hostName: "nat-host", description: "nat box", instanceType: "ecs.g7.large", imageId: IMAGE, keyPairName: "kp", zoneId: "cn-hangzhou-h" });
    expect(inst.metadataOptions).toMatchObject({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 });
    expect(inst.tags?.tag).toEqual([expect.objectContaining({ tagKey: "role", tagValue: "nat" })]);
    expect((inst as unknown as Record<string, unknown>).sourceDestCheck).toBeUndefined();
    const enis = inst.networkInterfaces!.networkInterface!;
    expect(enis.map((e) => e.type)).toEqual(["Primary", "Secondary"]);
    const [primary, secondary] = await Promise.all(enis.map((e) => eniAttr(e.networkInterfaceId!)));
    expect(primary).toMatchObject({ type: "Primary", status: "InUse", instanceId: id, sourceDestCheck: false, networkInterfaceName: "eth0", vSwitchId: VSW_PRIVATE });
    expect(secondary).toMatchObject({ type: "Secondary", status: "InUse", instanceId: id, sourceDestCheck: false, networkInterfaceName: "eth1", vSwitchId: VSW_PUBLIC });
    expect(secondary?.attachment?.deviceIndex).toBe(1);
    expect(inst.vpcAttributes?.privateIpAddress?.ipAddress).toEqual([primary?.privateIpAddress]);
  });

  it("takes at most two ENIs, and no secondary for types that forbid it", async () => {
    const three = [1, 2, 3].map((i) => new $ecs.RunInstancesRequestNetworkInterface({ instanceType: i === 1 ? "Primary" : "Secondary", vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB] }));
    const tooMany = await apiError(run({ networkInterface: three }));
    expect(tooMany.code).toBe("InvalidParameter");
    expect(tooMany.message).toContain("NetworkInterface.3");
    const secondary = [new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary" }), new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Secondary", vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB] })];
    expect(await apiError(run({ instanceType: "ecs.sn1ne.large", networkInterface: secondary }))).toMatchObject({ code: "InvalidInstanceType.SecondaryEniNotSupported", status: 403 });
    const otherVpc = [new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary" }), new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Secondary", vSwitchId: VSW_OTHER, securityGroupIds: [SG_WEB] })];
    expect((await apiError(run({ networkInterface: otherVpc }))).code).toMatch(/VpcMismatch/);
  });

  it("validates parameters: image, type, hop limit, tokens, zone", async () => {
    expect(await apiError(run({ imageId: "img-nope" }))).toMatchObject({ code: "InvalidImageId.NotFound", status: 404 });
    expect(await apiError(run({ instanceType: "ecs.nope" }))).toMatchObject({ code: "InvalidInstanceType.ValueNotSupported" });
    const hop = await apiError(run({ httpPutResponseHopLimit: 65 }));
    expect(hop.code).toBe("InvalidParameter");
    expect(hop.message).toContain("HttpPutResponseHopLimit");
    expect(await apiError(run({ httpTokens: "sometimes" }))).toMatchObject({ code: "InvalidParameter" });
    expect(await apiError(run({ zoneId: "cn-hangzhou-i" }))).toMatchObject({ code: "InvalidOperation.AvailabilityZoneMismatch" });
    expect(await apiError(run({ vSwitchId: undefined }))).toMatchObject({ code: "MissingParameter" });
  });

  it("DryRun validates and creates nothing", async () => {
    const before = (await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION }))).body!.totalCount;
    expect(await apiError(run({ dryRun: true }))).toMatchObject({ code: "DryRunOperation", status: 400 });
    expect(await apiError(run({ dryRun: true, imageId: "img-nope" }))).toMatchObject({ code: "InvalidImageId.NotFound" });
    const after = (await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION }))).body!.totalCount;
    expect(after).toBe(before);
  });

  it("Amount launches several; ClientToken makes a retry return the same ids", async () => {
    const first = await run({ amount: 3, clientToken: "run-tok-1", instanceName: "fleet" });
    const again = await run({ amount: 3, clientToken: "run-tok-1", instanceName: "fleet" });
    expect(first.body?.instanceIdSets?.instanceIdSet).toHaveLength(3);
    expect(again.body?.instanceIdSets?.instanceIdSet).toEqual(first.body?.instanceIdSets?.instanceIdSet);
    const listed = await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION, instanceName: "fleet" }));
    expect(listed.body?.totalCount).toBe(3);
    expect(await apiError(run({ amount: 2, clientToken: "run-tok-1", instanceName: "fleet" }))).toMatchObject({ code: "IdempotentParameterMismatch" });
    expect(await apiError(run({ amount: 2, privateIpAddress: "10.0.1.77" }))).toMatchObject({ code: "InvalidParameter" });
  });

  it("CreateInstance leaves the instance Stopped", async () => {
    const { body } = await fx.ecs.createInstance(new $ecs.CreateInstanceRequest({
      regionId: REGION, imageId: IMAGE, instanceType: "ecs.c7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB,
      instanceName: "created", httpTokens: "required", privateIpAddress: "10.0.1.99",
    }));
    await waitStatus(body!.instanceId!, "Stopped");
    const inst = await describeInstance(body!.instanceId!);
    expect(inst.metadataOptions?.httpTokens).toBe("required");
    expect(inst.networkInterfaces?.networkInterface?.[0]?.primaryIpAddress).toBe("10.0.1.99");
  });
});

describe("RunInstances with an existing ENI, ModifyInstanceAttribute", () => {
  it("attaches an Available ENI as the secondary, and detaches it again on delete", async () => {
    const existing = await createEni();
    const id = await runOne({ networkInterface: [
      new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary", secondaryPrivateIpAddressCount: 2 }),
      new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Secondary", networkInterfaceId: existing }),
    ] });
    expect(await eniAttr(existing)).toMatchObject({ status: "InUse", instanceId: id });
    const primary = (await describeInstance(id)).networkInterfaces!.networkInterface![0]!;
    expect(primary.privateIpSets?.privateIpSet).toHaveLength(3);
    const again = await apiError(run({ networkInterface: [
      new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary" }),
      new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Secondary", networkInterfaceId: existing }),
    ] }));
    expect(again.code).toBe("InvalidOperation.InvalidEniState");
    const withFields = await apiError(run({ networkInterface: [
      new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary" }),
      new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Secondary", networkInterfaceId: await createEni(), sourceDestCheck: false }),
    ] }));
    expect(withFields.code).toBe("InvalidParameter");
    expect(withFields.message).toContain("NetworkInterface.2.SourceDestCheck");
    await fx.ecs.deleteInstance(new $ecs.DeleteInstanceRequest({ instanceId: id, force: true }));
    await waitFor(() => eniAttr(existing), (b) => b.status === "Available");
  });

  it("ModifyInstanceAttribute renames, and replaces the groups of the instance and its primary ENI", async () => {
    const id = await runOne({ instanceName: "before" });
    await fx.ecs.modifyInstanceAttribute(new $ecs.ModifyInstanceAttributeRequest({
      instanceId: id, instanceName: "after", description: "changed", hostName: "new-host", deletionProtection: true, securityGroupIds: [SG_NAT],
    }));
    const inst = await describeInstance(id);
    expect(inst).toMatchObject({ instanceName: "after", description: "changed", hostName: "new-host", deletionProtection: true });
    expect(inst.securityGroupIds?.securityGroupId).toEqual([SG_NAT]);
    const primary = await eniAttr(inst.networkInterfaces!.networkInterface![0]!.networkInterfaceId!);
    expect(primary.securityGroupIds?.securityGroupId).toEqual([SG_NAT]);
    expect(await apiError(fx.ecs.deleteInstance(new $ecs.DeleteInstanceRequest({ instanceId: id, force: true })))).toMatchObject({ code: "InvalidOperation.DeletionProtection" });
    expect(await apiError(fx.ecs.modifyInstanceAttribute(new $ecs.ModifyInstanceAttributeRequest({ instanceId: id, securityGroupIds: [SG_OTHER] })))).toMatchObject({ code: "InvalidOperation.VpcMismatch" });
  });
});

describe("instance lifecycle", () => {
  it("stops, starts, and refuses the wrong transitions", async () => {
    const id = await runOne();
    expect(await apiError(fx.ecs.startInstance(new $ecs.StartInstanceRequest({ instanceId: id })))).toMatchObject({ code: "IncorrectInstanceStatus", status: 403 });
    await waitStatus(id, "Running");
    expect(await apiError(fx.ecs.stopInstance(new $ecs.StopInstanceRequest({ instanceId: id, dryRun: true })))).toMatchObject({ code: "DryRunOperation" });
    await fx.ecs.stopInstance(new $ecs.StopInstanceRequest({ instanceId: id, forceStop: true }));
    expect(await status(id)).toBe("Stopping");
    await waitStatus(id, "Stopped");
    await fx.ecs.startInstance(new $ecs.StartInstanceRequest({ instanceId: id }));
    expect(await status(id)).toBe("Starting");
    await waitStatus(id, "Running");
    expect(await apiError(fx.ecs.stopInstance(new $ecs.StopInstanceRequest({ instanceId: "i-doesnotexist" })))).toMatchObject({ code: "InvalidInstanceId.NotFound", status: 404 });
  });

  it("ModifyInstanceMetadataOptions changes only what it is given", async () => {
    const id = await runOne({ httpTokens: "optional", httpPutResponseHopLimit: 3 });
    await fx.ecs.modifyInstanceMetadataOptions(new $ecs.ModifyInstanceMetadataOptionsRequest({ regionId: REGION, instanceId: id, httpTokens: "required" }));
    expect((await describeInstance(id)).metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 3, httpEndpoint: "enabled" });
    await fx.ecs.modifyInstanceMetadataOptions(new $ecs.ModifyInstanceMetadataOptionsRequest({ regionId: REGION, instanceId: id, httpEndpoint: "disabled", instanceMetadataTags: "enabled" }));
    expect((await describeInstance(id)).metadataOptions).toMatchObject({ httpTokens: "required", httpEndpoint: "disabled", instanceMetadataTags: "enabled" });
  });

  it("DeleteInstance needs Stopped or Force, releases the primary ENI and detaches a standalone one", async () => {
    const id = await runOne();
    await waitStatus(id, "Running");
    const eni = await createEni();
    await fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: eni, instanceId: id }));
    await waitFor(() => eniAttr(eni), (b) => b.status === "InUse");
    const primaryId = (await describeInstance(id)).networkInterfaces!.networkInterface![0]!.networkInterfaceId!;
    expect(await apiError(fx.ecs.deleteInstance(new $ecs.DeleteInstanceRequest({ instanceId: id })))).toMatchObject({ code: "IncorrectInstanceStatus" });
    await fx.ecs.deleteInstance(new $ecs.DeleteInstanceRequest({ instanceId: id, force: true }));
    expect(await apiError(fx.ecs.describeInstanceAttribute(new $ecs.DescribeInstanceAttributeRequest({ instanceId: id })))).toMatchObject({ code: "InvalidInstanceId.NotFound" });
    expect(await apiError(eniAttr(primaryId))).toMatchObject({ code: "InvalidEniId.NotFound" });
    const detached = await waitFor(() => eniAttr(eni), (b) => b.status === "Available");
    expect(detached.instanceId).toBe("");
  });

  it("DeleteInstances deletes all or nothing", async () => {
    const a = await runOne({ instanceName: "del-a" });
    const b = await runOne({ instanceName: "del-b" });
    await Promise.all([waitStatus(a, "Running"), waitStatus(b, "Running")]);
    await fx.ecs.stopInstance(new $ecs.StopInstanceRequest({ instanceId: a }));
    await waitStatus(a, "Stopped");
    expect(await apiError(fx.ecs.deleteInstances(new $ecs.DeleteInstancesRequest({ regionId: REGION, instanceId: [a, b] })))).toMatchObject({ code: "IncorrectInstanceStatus" });
    expect(await status(a)).toBe("Stopped");
    expect(await apiError(fx.ecs.deleteInstances(new $ecs.DeleteInstancesRequest({ regionId: REGION, instanceId: [a, b], force: true, dryRun: true })))).toMatchObject({ code: "DryRunOperation" });
    await fx.ecs.deleteInstances(new $ecs.DeleteInstancesRequest({ regionId: REGION, instanceId: [a, b], force: true }));
    const left = await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([a, b]) }));
    expect(left.body?.totalCount).toBe(0);
  });
});

describe("AttachNetworkInterface / DetachNetworkInterface", () => {
  it("goes Available -> Attaching -> InUse -> Detaching -> Available", async () => {
    const id = await runOne();
    await waitStatus(id, "Running");
    const eni = await createEni();
    await fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: eni, instanceId: id }));
    expect((await eniAttr(eni)).status).toBe("Attaching");
    const inUse = await waitFor(() => eniAttr(eni), (b) => b.status === "InUse");
    expect(inUse.attachment).toMatchObject({ instanceId: id, deviceIndex: 1 });
    expect(await apiError(fx.ecs.deleteNetworkInterface(new $ecs.DeleteNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: eni })))).toMatchObject({ code: "InvalidOperation.InvalidEniState" });
    expect((await describeInstance(id)).networkInterfaces?.networkInterface?.map((e) => e.networkInterfaceId)).toContain(eni);
    await fx.ecs.detachNetworkInterface(new $ecs.DetachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: eni, instanceId: id }));
    expect((await eniAttr(eni)).status).toBe("Detaching");
    await waitFor(() => eniAttr(eni), (b) => b.status === "Available");
    const primary = (await describeInstance(id)).networkInterfaces!.networkInterface![0]!.networkInterfaceId!;
    expect(await apiError(fx.ecs.detachNetworkInterface(new $ecs.DetachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: primary, instanceId: id }))))
      .toMatchObject({ code: "InvalidOperation.DetachPrimaryEniNotAllowed", status: 400 });
  });

  it("checks zone, VPC, the type's ENI limit and types that must be stopped", async () => {
    const id = await runOne();
    await waitStatus(id, "Running");
    const zoneI = await createEni(VSW_ZONE_I);
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: zoneI, instanceId: id }))))
      .toMatchObject({ code: "InvalidOperation.AvailabilityZoneMismatch", status: 403 });
    const otherVpc = await createEni(VSW_OTHER, SG_OTHER);
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: otherVpc, instanceId: id }))))
      .toMatchObject({ code: "InvalidOperation.VpcMismatch", status: 403 });
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: "eni-nope", instanceId: id }))))
      .toMatchObject({ code: "InvalidEniId.NotFound", status: 404 });
    const [e1, e2, e3] = [await createEni(), await createEni(), await createEni()];
    await fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e1, instanceId: id }));
    await fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e2, instanceId: id }));
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e3, instanceId: id }))))
      .toMatchObject({ code: "EniPerInstanceLimitExceeded", status: 403 });
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e1, instanceId: id }))))
      .toMatchObject({ code: "InvalidOperation.InvalidEniState" });

    const old = await runOne({ instanceType: "ecs.sn1ne.large" });
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e3, instanceId: old }))))
      .toMatchObject({ code: "InvalidOperation.InvalidEcsState" });
    await waitStatus(old, "Running");
    expect(await apiError(fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e3, instanceId: old }))))
      .toMatchObject({ code: "IncorrectInstanceStatus", status: 403 });
    await fx.ecs.stopInstance(new $ecs.StopInstanceRequest({ instanceId: old }));
    await waitStatus(old, "Stopped");
    await fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: e3, instanceId: old }));
    await waitFor(() => eniAttr(e3), (b) => b.status === "InUse");
  });
});
