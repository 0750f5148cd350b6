import { afterEach, describe, expect, it } from "vitest";
import * as Ecs from "@alicloud/ecs20140526";
import * as Vpc from "@alicloud/vpc20160428";
import { createNetworkInterface, deleteNetworkInterface } from "../../../provider/network-interface/controller";
import { checkNetworkInterface } from "../../../provider/network-interface/check";
import { checkRouteEntry } from "../../../provider/route-entry/check";
import { createRouteEntry, deleteRouteEntry, readRouteEntry } from "../../../provider/route-entry/controller";
import { diffRouteEntry } from "../../../provider/route-entry/diff";
import type { RouteEntryInputs } from "../../../provider/route-entry/types";
import { clearFaults, clearRequestLog, requestLog, setFaults } from "../../support/emulator-control";
import { withEmulator } from "../../support/sdk-clients";
import { countCalls, SEED, testClient } from "./provider-fixture";

const fx = withEmulator({ transitions: { routeEntryMs: 30, instanceCreateMs: 10, instanceStartMs: 10, instanceStopMs: 10 } });

function checked(news: Record<string, unknown>): RouteEntryInputs {
  const { inputs, failures } = checkRouteEntry({}, { __urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/alicloud-eni:RouteEntry::r", ...news });
  expect(failures).toEqual([]);
  return inputs;
}

async function rawRoutes(): Promise<Array<{ id?: string; dst?: string }>> {
  const response = await fx.vpc.describeRouteEntryList(new Vpc.DescribeRouteEntryListRequest({ regionId: SEED.region, routeTableId: SEED.privateRouteTable }));
  return (response.body?.routeEntrys?.routeEntry ?? []).map((e) => ({ id: e.routeEntryId, dst: e.destinationCidrBlock }));
}

afterEach(async () => {
  await clearFaults(fx.emulator);
});

describe("RouteEntry controller against the emulator", () => {
  it("routes a CIDR to an ENI: create waits for Available, read, replace decision, delete", async () => {
    const client = testClient(fx.emulator);
    const eniInputs = checkNetworkInterface({}, { vSwitchId: SEED.publicVSwitch, securityGroupIds: [SEED.natSg], sourceDestCheck: false }, { region: SEED.region }).inputs;
    const eni = await createNetworkInterface(client, eniInputs);
    const inputs = checked({ routeTableId: SEED.privateRouteTable, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: eni.id, name: "default-via-nat" });
    const created = await countCalls(fx.emulator, () => createRouteEntry(client, inputs));
    expect(created.calls.CreateRouteEntry).toBe(1);
    const { id, outs } = created.result;
    expect(outs).toMatchObject({ kind: "alicloud-eni:RouteEntry", routeEntryId: id, status: "Available", nextHopType: "NetworkInterface", nextHopId: eni.id });
    expect(diffRouteEntry(outs, inputs).changes).toBe(false);
    expect(diffRouteEntry(outs, { ...inputs, nextHopId: "eni-other" })).toMatchObject({ replaces: ["nextHopId"], deleteBeforeReplace: true });

    const read = await countCalls(fx.emulator, () => readRouteEntry(client, id, outs));
    expect([read.total, read.result.props?.status]).toEqual([1, "Available"]);

    await deleteRouteEntry(client, id, outs);
    expect((await rawRoutes()).some((route) => route.id === id)).toBe(false);
    expect((await readRouteEntry(client, id, outs)).id).toBeUndefined();
    await deleteRouteEntry(client, id, outs);
    await deleteNetworkInterface(client, eni.id);
  });

  it("routes to an instance under throttling, and a lost create answer makes no second entry", async () => {
    const client = testClient(fx.emulator, 500);
    await clearRequestLog(fx.emulator);
    const run = await fx.ecs.runInstances(new Ecs.RunInstancesRequest({ regionId: SEED.region, imageId: SEED.image, instanceType: SEED.instanceType, vSwitchId: SEED.publicVSwitch, securityGroupIds: [SEED.natSg], amount: 1 }));
    const instanceId = run.body?.instanceIdSets?.instanceIdSet?.[0] ?? "";
    await client.waitForInstance(instanceId, "Running", true);
    const before = (await rawRoutes()).length;
    await setFaults(fx.emulator, "CreateRouteEntry:timeout-after-commit=1200ms#1;DescribeRouteEntryList:throttle=20ms#2");
    const inputs = checked({ routeTableId: SEED.privateRouteTable, destinationCidrBlock: "192.168.50.0/24", nextHopType: "Instance", nextHopId: instanceId });
    const { id, outs } = await createRouteEntry(client, inputs);
    expect(outs.nextHopType).toBe("Instance");
    await expect.poll(async () => (await requestLog(fx.emulator, "CreateRouteEntry")).length, { timeout: 3000 }).toBe(2);
    await clearFaults(fx.emulator);
    expect((await rawRoutes()).length).toBe(before + 1);
    await deleteRouteEntry(client, id, outs);
  });
});
