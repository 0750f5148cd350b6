import * as $ecs from "@alicloud/ecs20140526";
import * as $vpc from "@alicloud/vpc20160428";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkTopologyRules } from "../../../simulator/plan/topology-rules";
import { readPlan } from "../../../simulator/plan/plan-loader";
import { withEmulator } from "../../support/sdk-clients";

const REGION = "cn-hangzhou";
const program = path.join(__dirname, "../../fixtures/plan/program-sdk-live");
const fx = withEmulator({ transitions: { eniAttachMs: 0, eniDetachMs: 0, instanceCreateMs: 0, instanceStartMs: 0, instanceStopMs: 0, routeEntryMs: 0 } });

describe("a program over the live account (the npm start flow)", () => {
  // The program runs in a child process loading @pulumi/pulumi and the sdk: seconds of CPU.
  it("replaces the live NAT ENI it redeclares, keeps the rest of the account, and places the cloud-picked address", { timeout: 60_000 }, async () => {
    // Today's account: a NAT instance whose ENI came up with the check on (the new default), and the private default route through it.
    const run = await fx.ecs.runInstances(new $ecs.RunInstancesRequest({
      regionId: REGION, imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", instanceType: "ecs.g7.large",
      vSwitchId: "vsw-bp1public0h7k2m5q8t1wx", securityGroupId: "sg-bp1nat9q4w1e7r3t6y0ub2", privateIpAddress: "10.0.0.10",
    }));
    const liveNat = run.body!.instanceIdSets!.instanceIdSet![0]!;
    const enis = await fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, instanceId: liveNat }));
    const liveEni = enis.body!.networkInterfaceSets!.networkInterfaceSet![0]!.networkInterfaceId!;
    await fx.vpc.createRouteEntry(new $vpc.CreateRouteEntryRequest({ regionId: REGION, routeTableId: "vtb-bp1private0c4g8k2o6sf", destinationCidrBlock: "10.99.0.0/16", nextHopType: "NetworkInterface", nextHopId: liveEni }));
    const bystander = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: "vsw-bp1private4j9n3r6u0y2c", securityGroupIds: ["sg-bp1web3x8c2v6b0n4m7qa1"], primaryIpAddress: "10.0.1.2" }));

    const live = await readPlan({ kind: "live", endpoint: fx.emulator.endpoint, credentials: fx.emulator.credentials, region: REGION });
    expect(live.topology.networkInterfaces.find((e) => e.id === liveEni)?.sourceDestCheck).toBe(true);

    const { topology: t, notes } = await readPlan(program, { base: live.topology });
    expect(() => checkTopologyRules(t)).not.toThrow();
    const byId = Object.fromEntries(t.networkInterfaces.map((e) => [e.id, e]));
    // The planned NAT ENI stands where the live one is: one ENI at 10.0.0.10, with the planned check.
    expect(t.networkInterfaces.filter((e) => e.primaryIp === "10.0.0.10").map((e) => e.id)).toEqual(["eni-nat-primary"]);
    expect(byId["eni-nat-primary"]).toMatchObject({ instance: "i-nat", sourceDestCheck: false });
    expect(byId[liveEni]).toBeUndefined();
    expect(t.instances).toContainEqual({ id: "i-nat", forwarding: "snat", metadataOptions: { httpTokens: "required" } });
    expect(t.instances.some((i) => i.id === liveNat)).toBe(false);
    const privateRoutes = t.routeTables.find((r) => r.id === "vtb-bp1private0c4g8k2o6sf")!.routes;
    expect(privateRoutes).toContainEqual({ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat-primary" } });
    // The live route through the old ENI now goes through its planned replacement.
    expect(privateRoutes).toContainEqual({ destination: "10.99.0.0/16", nextHop: { type: "NetworkInterface", id: "eni-nat-primary" } });
    // The rest of the account stays, and the cloud-picked address avoids what it holds.
    expect(byId[bystander.body!.networkInterfaceId!]).toMatchObject({ primaryIp: "10.0.1.2" });
    expect(byId["eni-app-secondary"]).toMatchObject({ vswitch: "vsw-bp1private4j9n3r6u0y2c", instance: "i-app", primaryIp: "10.0.1.1", sourceDestCheck: true });
    expect(byId["eni-app-primary"]).toMatchObject({ primaryIp: "10.0.1.5" });
    expect(notes.join(" ")).toContain(liveEni);
  });
});
