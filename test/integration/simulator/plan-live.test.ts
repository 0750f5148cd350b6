import * as $ecs from "@alicloud/ecs20140526";
import * as $vpc from "@alicloud/vpc20160428";
import { describe, expect, it } from "vitest";
import { PlanError } from "../../../simulator/plan/errors";
import { readLivePlan } from "../../../simulator/plan/live";
import { readPlan } from "../../../simulator/plan/plan-loader";
import { checkTopologyRules } from "../../../simulator/plan/topology-rules";
import { requestLog } from "../../support/emulator-control";
import { withEmulator } from "../../support/sdk-clients";

const REGION = "cn-hangzhou";
const VSW_PUBLIC = "vsw-bp1public0h7k2m5q8t1wx";
const VSW_PRIVATE = "vsw-bp1private4j9n3r6u0y2c";
const VTB_PRIVATE = "vtb-bp1private0c4g8k2o6sf";
const VTB_SYSTEM = "vtb-bp1system6k1p5t9x3b7e";
const SG_NAT = "sg-bp1nat9q4w1e7r3t6y0ub2";
const IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";

const fx = withEmulator({ transitions: { eniAttachMs: 0, eniDetachMs: 0, instanceCreateMs: 0, instanceStartMs: 0, instanceStopMs: 0, routeEntryMs: 0 } });

async function account() {
  const run = await fx.ecs.runInstances(new $ecs.RunInstancesRequest({
    regionId: REGION, imageId: IMAGE, instanceType: "ecs.g7.large", vSwitchId: VSW_PUBLIC, securityGroupId: SG_NAT,
    privateIpAddress: "10.0.0.10", httpTokens: "required", httpEndpoint: "enabled", instanceName: "nat-box",
    tag: [new $ecs.RunInstancesRequestTag({ key: "eni-sim:forwarding", value: "snat" }), new $ecs.RunInstancesRequestTag({ key: "eni-sim:policy-routing", value: "true" })],
  }));
  const nat = run.body!.instanceIdSets!.instanceIdSet![0]!;
  const natEnis = await fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, instanceId: nat }));
  const natEni = natEnis.body!.networkInterfaceSets!.networkInterfaceSet![0]!.networkInterfaceId!;
  const data = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({
    regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_NAT], sourceDestCheck: false, secondaryPrivateIpAddressCount: 2,
    networkInterfaceName: "nat-data", tag: [new $ecs.CreateNetworkInterfaceRequestTag({ key: "role", value: "data" })],
  }));
  // Attached after launch: a Secondary ENI of the NAT instance, never its primary.
  await fx.ecs.attachNetworkInterface(new $ecs.AttachNetworkInterfaceRequest({ regionId: REGION, instanceId: nat, networkInterfaceId: data.body!.networkInterfaceId! }));
  for (let i = 0; i < 3; i++) {
    await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSW_PRIVATE, securityGroupIds: [SG_NAT] }));
  }
  await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: natEni }));
  await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: VTB_PRIVATE, destinationCidrBlock: "192.168.0.0/16", nextHopType: "Instance", nextHopId: nat }));
  return { nat, natEni, dataEni: data.body!.networkInterfaceId! };
}

describe("live account through the official SDKs (emulator)", () => {
  it("reads ENIs, instances, vSwitches and routes into a consistent topology, paging every list", async () => {
    const ids = await account();
    const { topology: t } = await readLivePlan({ endpoint: `http://${fx.emulator.endpoint}`, credentials: fx.emulator.credentials, region: REGION, pageSize: 2 });
    expect(() => checkTopologyRules(t)).not.toThrow();
    expect(t.region).toBe(REGION);

    expect(t.vswitches.find((v) => v.id === VSW_PRIVATE)).toMatchObject({ cidr: "10.0.1.0/24", routeTable: VTB_PRIVATE, zone: "cn-hangzhou-h", vpc: "vpc-bp1k2t7e9xqm4h3v5n8wa" });
    expect(t.vswitches.find((v) => v.id === VSW_PUBLIC)).toMatchObject({ routeTable: VTB_SYSTEM });
    // The seed has five cn-hangzhou vSwitches; more than a page of each list.
    expect(t.vswitches.filter((v) => v.id.startsWith("vsw-bp1"))).toHaveLength(5);

    expect(t.instances.find((i) => i.id === ids.nat)).toEqual({
      id: ids.nat, forwarding: "snat", name: "nat-box", policyRouting: true,
      tags: { "eni-sim:forwarding": "snat", "eni-sim:policy-routing": "true" },
      metadataOptions: expect.objectContaining({ httpEndpoint: "enabled", httpTokens: "required" }),
    });

    const natEni = t.networkInterfaces.find((e) => e.id === ids.natEni)!;
    expect(natEni).toMatchObject({ vswitch: VSW_PUBLIC, instance: ids.nat, primaryIp: "10.0.0.10", primary: true });
    expect(natEni.mac).toMatch(/^00:16:3e(:[0-9a-f]{2}){3}$/);
    // The seed account is enabled-by-default: the new ENI came up with the check on.
    expect(natEni.sourceDestCheck).toBe(true);
    const dataEni = t.networkInterfaces.find((e) => e.id === ids.dataEni)!;
    expect(dataEni.sourceDestCheck).toBe(false);
    expect(dataEni).toMatchObject({ instance: ids.nat, primary: false, name: "nat-data", tags: { role: "data" } });
    expect(dataEni.secondaryIps).toHaveLength(2);
    expect(t.networkInterfaces.filter((e) => e.vswitch === VSW_PRIVATE)).toHaveLength(4);

    const privateRoutes = t.routeTables.find((r) => r.id === VTB_PRIVATE)!.routes;
    expect(privateRoutes).toContainEqual({ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: ids.natEni } });
    expect(privateRoutes).toContainEqual({ destination: "192.168.0.0/16", nextHop: { type: "Instance", id: ids.nat } });

    const eniPages = await requestLog(fx.emulator, "DescribeNetworkInterfaces");
    expect(eniPages.length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ["live:<endpoint>", () => `live:http://${fx.emulator.endpoint}`],
    ["a bare URL", () => `http://${fx.emulator.endpoint}`],
    ["an object source", () => ({ kind: "live" as const, endpoint: fx.emulator.endpoint })],
  ])("is reachable through loadPlan as %s", async (_form, source) => {
    const { kind, topology } = await readPlan(source(), { live: { credentials: fx.emulator.credentials }, region: REGION });
    expect(kind).toBe("live");
    expect(topology.region).toBe(REGION);
    expect(topology.vswitches.some((v) => v.id === VSW_PRIVATE)).toBe(true);
  });

  it("reports a refused call as LIVE_READ_FAILED naming the action", async () => {
    const error = await readLivePlan({ endpoint: fx.emulator.endpoint, credentials: { accessKeyId: fx.emulator.credentials.accessKeyId, accessKeySecret: "wrong" }, region: REGION }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe("LIVE_READ_FAILED");
    expect((error as PlanError).message).toContain("DescribeNetworkInterfaces");
    // Refused by the server's signature check, not a transport failure.
    expect((error as PlanError).message).toMatch(/Signature/);
  });
});
