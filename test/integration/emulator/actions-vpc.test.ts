import * as $ecs from "@alicloud/ecs20140526";
import * as $vpc from "@alicloud/vpc20160428";
import { describe, expect, it } from "vitest";
import { withEmulator } from "../../support/sdk-clients";
import { FAST, IMAGE, REGION, SG_OTHER, SG_WEB, VPC_MAIN, VSW_OTHER, VSW_PRIVATE, VSW_TINY, VTB_OTHER, VTB_PRIVATE, apiError, waitFor } from "../../support/default-seed-ids";

const fx = withEmulator({ transitions: FAST });

async function eni(vSwitchId = VSW_PRIVATE, group = SG_WEB): Promise<string> {
  const { body } = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId, securityGroupIds: [group] }));
  return body!.networkInterfaceId!;
}

const entries = (extra: Partial<$vpc.DescribeRouteEntryListRequest> = {}) =>
  fx.vpc.describeRouteEntryList(new $vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, ...extra })).then((r) => r.body!);

describe("DescribeVpcs / DescribeVSwitches / DescribeRouteTableList", () => {
  it("lists the seed's VPCs with their vSwitches and route tables", async () => {
    const { body } = await fx.vpc.describeVpcs(new $vpc.DescribeVpcsRequest({ regionId: REGION }));
    expect(body?.totalCount).toBe(2);
    const main = body?.vpcs?.vpc?.find((v) => v.vpcId === VPC_MAIN);
    expect(main).toMatchObject({ cidrBlock: "10.0.0.0/16", vpcName: "main", regionId: REGION, status: "Available" });
    expect(main?.vSwitchIds?.vSwitchId).toContain(VSW_PRIVATE);
    expect(main?.routerTableIds?.routerTableIds).toContain(VTB_PRIVATE);
    expect((await fx.vpc.describeVpcs(new $vpc.DescribeVpcsRequest({ regionId: "ap-south-1" }))).body?.totalCount).toBe(1);
  });

  it("counts a vSwitch's free addresses as ENIs take them", async () => {
    const read = async () => (await fx.vpc.describeVSwitches(new $vpc.DescribeVSwitchesRequest({ regionId: REGION, vSwitchId: VSW_TINY }))).body!.vSwitches!.vSwitch![0]!;
    const before = await read();
    expect(before).toMatchObject({ cidrBlock: "10.0.3.0/29", availableIpAddressCount: 3, vpcId: VPC_MAIN, zoneId: "cn-hangzhou-h" });
    await eni(VSW_TINY);
    expect((await read()).availableIpAddressCount).toBe(2);
    const byVpc = await fx.vpc.describeVSwitches(new $vpc.DescribeVSwitchesRequest({ vpcId: VPC_MAIN, pageSize: 2 }));
    expect(byVpc.body).toMatchObject({ totalCount: 4, pageSize: 2 });
    expect(byVpc.body?.vSwitches?.vSwitch).toHaveLength(2);
    const priv = await fx.vpc.describeVSwitches(new $vpc.DescribeVSwitchesRequest({ regionId: REGION, vSwitchId: VSW_PRIVATE }));
    expect(priv.body?.vSwitches?.vSwitch?.[0]?.routeTable).toMatchObject({ routeTableId: VTB_PRIVATE, routeTableType: "Custom" });
  });

  it("lists route tables by VPC and type", async () => {
    const { body } = await fx.vpc.describeRouteTableList(new $vpc.DescribeRouteTableListRequest({ regionId: REGION, vpcId: VPC_MAIN }));
    expect(body?.totalCount).toBe(2);
    const custom = await fx.vpc.describeRouteTableList(new $vpc.DescribeRouteTableListRequest({ regionId: REGION, routeTableType: "Custom" }));
    expect(custom.body?.routerTableList?.routerTableListType?.map((t) => t.routeTableId)).toEqual([VTB_PRIVATE]);
    expect(custom.body?.routerTableList?.routerTableListType?.[0]?.vSwitchIds?.vSwitchId).toEqual([VSW_PRIVATE]);
  });
});

describe("CreateRouteEntry / DescribeRouteEntryList / DeleteRouteEntry", () => {
  it("routes 0.0.0.0/0 to an ENI: Pending, then Available, then deleted", async () => {
    const target = await eni();
    const { body } = await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({
      regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: target,
      routeEntryName: "default-via-nat", description: "egress",
    }));
    expect(body?.routeEntryId).toMatch(/^rte-[a-z0-9]{20}$/);
    const pending = await entries({ routeEntryId: body!.routeEntryId! });
    expect(pending.routeEntrys?.routeEntry?.[0]).toMatchObject({ status: "Pending", destinationCidrBlock: "0.0.0.0/0", routeEntryName: "default-via-nat", description: "egress", type: "Custom" });
    expect(pending.routeEntrys?.routeEntry?.[0]?.nextHops?.nextHop?.[0]).toMatchObject({ nextHopType: "NetworkInterface", nextHopId: target });
    expect(await apiError(fx.vpc.deleteRouteEntry(new $vpc.DeleteRouteEntryRequest({ regionId: REGION, routeEntryId: body!.routeEntryId! }))))
      .toMatchObject({ code: "IncorrectRouteEntryStatus" });
    await waitFor(() => entries({ routeEntryId: body!.routeEntryId! }), (b) => b.routeEntrys?.routeEntry?.[0]?.status === "Available");
    expect(await apiError(fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: target }))))
      .toMatchObject({ code: "InvalidCIDRBlock.Duplicate" });
    await fx.vpc.deleteRouteEntry(new $vpc.DeleteRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "0.0.0.0/0" }));
    expect((await entries({ routeEntryId: body!.routeEntryId! })).totalCount).toBe(0);
  });

  it("checks Instance and NetworkInterface next hops; stores other types as given", async () => {
    const run = await fx.ecs.runInstances(new $ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB }));
    const instance = run.body!.instanceIdSets!.instanceIdSet![0]!;
    await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "192.168.10.0/24", nextHopType: "Instance", nextHopId: instance }));
    await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "192.168.20.0/24", nextHopType: "VpnGateway", nextHopId: "vpn-abc" }));
    const vpn = await entries({ nextHopType: "VpnGateway" });
    expect(vpn.routeEntrys?.routeEntry?.[0]?.nextHops?.nextHop?.[0]).toMatchObject({ nextHopType: "VpnGateway", nextHopId: "vpn-abc" });
    const create = (extra: Partial<$vpc.CreateRouteEntryRequest>) => fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "172.31.0.0/16", ...extra }));
    expect(await apiError(create({ nextHopType: "Instance", nextHopId: "i-nope" }))).toMatchObject({ code: "InvalidInstanceId.NotFound" });
    expect(await apiError(create({ nextHopType: "NetworkInterface", nextHopId: "eni-nope" }))).toMatchObject({ code: "InvalidEniId.NotFound" });
    expect(await apiError(create({ nextHopType: "NetworkInterface", nextHopId: await eni(VSW_OTHER, SG_OTHER) }))).toMatchObject({ code: "InvalidOperation.VpcMismatch" });
    expect(await apiError(create({ nextHopType: "Teleporter", nextHopId: "x" }))).toMatchObject({ code: "InvalidParameter" });
    expect(await apiError(create({ nextHopType: "Instance", nextHopId: instance, destinationCidrBlock: "10.0.0.1/8" }))).toMatchObject({ code: "InvalidParameter" });
    expect(await apiError(create({ nextHopType: "Instance", nextHopId: instance, routeTableId: "vtb-nope" }))).toMatchObject({ code: "InvalidRouteTableId.NotFound", status: 404 });
    expect(await apiError(create({ nextHopType: "Instance", nextHopId: instance, dryRun: true }))).toMatchObject({ code: "DryRunOperation" });
    expect((await entries({ destinationCidrBlock: "172.31.0.0/16" })).totalCount).toBe(0);
    expect((await fx.vpc.describeRouteEntryList(new $vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: VTB_OTHER }))).body?.totalCount).toBe(0);
  });

  it("pages entries by MaxResult/NextToken and is idempotent per ClientToken", async () => {
    const target = await eni();
    const first = await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "100.64.0.0/24", nextHopType: "NetworkInterface", nextHopId: target, clientToken: "rte-tok" }));
    const again = await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "100.64.0.0/24", nextHopType: "NetworkInterface", nextHopId: target, clientToken: "rte-tok" }));
    expect(again.body?.routeEntryId).toBe(first.body?.routeEntryId);
    for (let i = 1; i <= 4; i++) {
      await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: `100.64.${i}.0/24`, nextHopType: "NetworkInterface", nextHopId: target }));
    }
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const body = await entries({ nextHopId: target, maxResult: 2, ...(token ? { nextToken: token } : {}) });
      seen.push(...(body.routeEntrys?.routeEntry?.map((e) => e.destinationCidrBlock!) ?? []));
      token = body.nextToken;
      if (!token) break;
    }
    expect(seen).toEqual(["100.64.0.0/24", "100.64.1.0/24", "100.64.2.0/24", "100.64.3.0/24", "100.64.4.0/24"]);
  });
});
