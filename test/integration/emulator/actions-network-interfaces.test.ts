import * as $ecs from "@alicloud/ecs20140526";
import { describe, expect, it } from "vitest";
import { withEmulator } from "../../support/sdk-clients";
import { FAST, REGION, SG_NAT, SG_OTHER, SG_WEB, VSW_PRIVATE, VSW_PUBLIC, VSW_TINY, apiError } from "../../support/default-seed-ids";

const fx = withEmulator({ transitions: FAST });

function create(extra: Partial<$ecs.CreateNetworkInterfaceRequest> = {}) {
  return fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({
    regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_WEB], ...extra,
  }));
}

describe("CreateNetworkInterface", () => {
  it("creates an Available ENI and returns every field it was given", async () => {
    const { body } = await create({
      networkInterfaceName: "nat-eni", description: "for NAT", securityGroupIds: [SG_WEB, SG_NAT],
      secondaryPrivateIpAddressCount: 2, sourceDestCheck: false, tag: [new $ecs.CreateNetworkInterfaceRequestTag({ key: "team", value: "net" })],
      resourceGroupId: "rg-1", deleteOnRelease: true, queueNumber: 2,
    });
    expect(body?.networkInterfaceId).toMatch(/^eni-[a-z0-9]{20}$/);
    expect(body?.macAddress).toMatch(/^00:16:3e(:[0-9a-f]{2}){3}$/);
    expect(body?.status).toBe("Available");
    expect(body?.type).toBe("Secondary");
    expect(body?.networkInterfaceName).toBe("nat-eni");
    expect(body?.description).toBe("for NAT");
    expect(body?.securityGroupIds?.securityGroupId).toEqual([SG_WEB, SG_NAT]);
    expect(body?.privateIpSets?.privateIpSet).toHaveLength(3);
    expect(body?.privateIpSets?.privateIpSet?.[0]).toMatchObject({ primary: true, privateIpAddress: body?.privateIpAddress });
    expect(body?.sourceDestCheck).toBe(false);
    expect(body?.tags?.tag).toEqual([expect.objectContaining({ tagKey: "team", tagValue: "net" })]);
    expect(body?.resourceGroupId).toBe("rg-1");
    expect(body?.zoneId).toBe("cn-hangzhou-h");
    const attr = await fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: body?.networkInterfaceId }));
    expect(attr.body).toMatchObject({ deleteOnRelease: true, queueNumber: 2, sourceDestCheck: false, networkInterfaceName: "nat-eni" });
  });

  it("skips the network, gateway and reserved addresses and never hands out one twice", async () => {
    const ips: string[] = [];
    for (let i = 0; i < 3; i++) ips.push((await create({ vSwitchId: VSW_TINY })).body!.privateIpAddress!);
    expect(ips.sort()).toEqual(["10.0.3.2", "10.0.3.3", "10.0.3.4"]);
    expect(await apiError(create({ vSwitchId: VSW_TINY }))).toMatchObject({ code: "InvalidVSwitchId.IpNotEnough", status: 403 });
  });

  it("takes an explicit primary IP, rejects one outside the CIDR and a duplicate", async () => {
    const { body } = await create({ primaryIpAddress: "10.0.1.200", privateIpAddress: ["10.0.1.201"] });
    expect(body?.privateIpAddress).toBe("10.0.1.200");
    expect(body?.privateIpSets?.privateIpSet?.map((p) => p.privateIpAddress)).toEqual(["10.0.1.200", "10.0.1.201"]);
    const outside = await apiError(create({ primaryIpAddress: "10.0.9.9" }));
    expect(outside).toMatchObject({ code: "InvalidParameter", status: 400 });
    expect(outside.message).toContain("PrimaryIpAddress");
    expect(outside.message).toContain("10.0.9.9");
    expect(await apiError(create({ primaryIpAddress: "10.0.1.1" }))).toMatchObject({ code: "InvalidParameter" });
    expect(await apiError(create({ primaryIpAddress: "10.0.1.201" }))).toMatchObject({ code: "InvalidPrivateIpAddress.Duplicated", status: 400 });
  });

  it("checks the vSwitch and security groups", async () => {
    expect(await apiError(create({ vSwitchId: "vsw-nope" }))).toMatchObject({ code: "InvalidVSwitchId.NotFound", status: 404 });
    expect(await apiError(create({ securityGroupIds: ["sg-nope"] }))).toMatchObject({ code: "InvalidSecurityGroupId.NotFound", status: 404 });
    expect(await apiError(create({ securityGroupIds: [SG_OTHER] }))).toMatchObject({ code: "InvalidOperation.VpcMismatch", status: 403 });
    expect(await apiError(create({ securityGroupIds: [] }))).toMatchObject({ code: "MissingParameter", status: 400 });
    expect(await apiError(create({ vSwitchId: VSW_PUBLIC, regionId: "cn-beijing" }))).toMatchObject({ code: "InvalidVSwitchId.NotFound" });
    expect(await apiError(create({ regionId: "xx-nowhere-1" }))).toMatchObject({ code: "InvalidRegionId.NotFound" });
  });

  it("is idempotent per ClientToken", async () => {
    const first = await create({ clientToken: "tok-eni-1", networkInterfaceName: "idem" });
    const again = await create({ clientToken: "tok-eni-1", networkInterfaceName: "idem" });
    expect(again.body?.networkInterfaceId).toBe(first.body?.networkInterfaceId);
    const listed = await fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, networkInterfaceName: "idem" }));
    expect(listed.body?.totalCount).toBe(1);
    expect(await apiError(create({ clientToken: "tok-eni-1", networkInterfaceName: "other" }))).toMatchObject({ code: "IdempotentParameterMismatch", status: 400 });
  });
});

describe("ModifyNetworkInterfaceAttribute and DeleteNetworkInterface", () => {
  it("modifies name, description, groups and SourceDestCheck, and reads them back", async () => {
    const id = (await create()).body!.networkInterfaceId!;
    await fx.ecs.modifyNetworkInterfaceAttribute(new $ecs.ModifyNetworkInterfaceAttributeRequest({
      regionId: REGION, networkInterfaceId: id, networkInterfaceName: "renamed", description: "d2",
      securityGroupId: [SG_NAT], sourceDestCheck: false,
    }));
    const { body } = await fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id }));
    expect(body).toMatchObject({ networkInterfaceName: "renamed", description: "d2", sourceDestCheck: false });
    expect(body?.securityGroupIds?.securityGroupId).toEqual([SG_NAT]);
    await fx.ecs.modifyNetworkInterfaceAttribute(new $ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id, sourceDestCheck: true }));
    const again = await fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id }));
    expect(again.body?.sourceDestCheck).toBe(true);
    expect(await apiError(fx.ecs.modifyNetworkInterfaceAttribute(new $ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id, securityGroupId: [SG_OTHER] }))))
      .toMatchObject({ code: "InvalidOperation.VpcMismatch" });
  });

  it("deletes an Available ENI; a second delete is not found", async () => {
    const id = (await create()).body!.networkInterfaceId!;
    await fx.ecs.deleteNetworkInterface(new $ecs.DeleteNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: id }));
    expect(await apiError(fx.ecs.deleteNetworkInterface(new $ecs.DeleteNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: id }))))
      .toMatchObject({ code: "InvalidEniId.NotFound", status: 404 });
    expect(await apiError(fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id }))))
      .toMatchObject({ code: "InvalidEniId.NotFound" });
  });
});

describe("AssignPrivateIpAddresses / UnassignPrivateIpAddresses", () => {
  it("adds by count and by address, and removes them", async () => {
    const id = (await create()).body!.networkInterfaceId!;
    const byCount = await fx.ecs.assignPrivateIpAddresses(new $ecs.AssignPrivateIpAddressesRequest({ regionId: REGION, networkInterfaceId: id, secondaryPrivateIpAddressCount: 2 }));
    const counted = byCount.body?.assignedPrivateIpAddressesSet?.privateIpSet?.privateIpAddress ?? [];
    expect(counted).toHaveLength(2);
    expect(byCount.body?.assignedPrivateIpAddressesSet?.networkInterfaceId).toBe(id);
    await fx.ecs.assignPrivateIpAddresses(new $ecs.AssignPrivateIpAddressesRequest({ regionId: REGION, networkInterfaceId: id, privateIpAddress: ["10.0.1.150"] }));
    expect(await apiError(fx.ecs.assignPrivateIpAddresses(new $ecs.AssignPrivateIpAddressesRequest({ regionId: REGION, networkInterfaceId: id, privateIpAddress: ["10.0.1.150"] }))))
      .toMatchObject({ code: "InvalidPrivateIpAddress.Duplicated" });
    await fx.ecs.unassignPrivateIpAddresses(new $ecs.UnassignPrivateIpAddressesRequest({ regionId: REGION, networkInterfaceId: id, privateIpAddress: [counted[0]!, "10.0.1.150"] }));
    const { body } = await fx.ecs.describeNetworkInterfaceAttribute(new $ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: id }));
    expect(body?.privateIpSets?.privateIpSet?.map((p) => p.privateIpAddress)).toEqual([body?.privateIpAddress, counted[1]]);
    const primary = await apiError(fx.ecs.unassignPrivateIpAddresses(new $ecs.UnassignPrivateIpAddressesRequest({ regionId: REGION, networkInterfaceId: id, privateIpAddress: [body!.privateIpAddress!] })));
    expect(primary.code).toBe("InvalidParameter");
  });
});
