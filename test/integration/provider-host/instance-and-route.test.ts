/**
 * Instance and RouteEntry through the real dynamic-provider host against the emulator: a NAT
 * instance with per-ENI sourceDestCheck and token-only metadata, updated in place, refreshed after
 * out-of-band changes, replaced and destroyed; a route whose next hop is an ENI, then an instance.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INSTANCE,
  NETWORK_INTERFACE,
  ROUTE_ENTRY,
  destroy,
  programInputs,
  refresh,
  startAlicloudHost,
  up,
} from "../../support/provider-host";
import type { PropertyMap, ProviderHost, ResourceState } from "../../support/provider-host";
import {
  countApiCalls,
  describeEni,
  describeInstance,
  routeEntries,
  setMetadataOptionsOutOfBand,
} from "../../support/provider-host/cloud-probe";
import { IMAGE, QUICK_TRANSITIONS, SG_NAT, VSW_PUBLIC, VTB_PRIVATE } from "../../support/default-seed-ids";
import { withEmulator } from "../../support/sdk-clients";

const VSWITCH = VSW_PUBLIC;
const PRIVATE_TABLE = VTB_PRIVATE;

const fx = withEmulator({ transitions: QUICK_TRANSITIONS });
let host: ProviderHost;

beforeAll(async () => {
  host = await startAlicloudHost(fx.emulator);
});
afterAll(async () => {
  await host?.close();
});

const deployAs = (type: string, name: string, args: PropertyMap, prior?: ResourceState) => {
  const urn = host.urn(type, name);
  return up(host, urn, programInputs(urn, args), prior);
};

const obj = (value: unknown): PropertyMap => value as PropertyMap;

describe("Instance lifecycle through the host", () => {
  let state: ResourceState;
  let args: PropertyMap = {
    vSwitchId: VSWITCH,
    securityGroupIds: [SG_NAT],
    instanceType: "ecs.g7.large",
    imageId: IMAGE,
    instanceName: "nat-1",
    forwarding: "snat",
    primaryNetworkInterface: { sourceDestCheck: false },
    secondaryNetworkInterface: { sourceDestCheck: true },
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
  };

  it("creates with one RunInstances, both ENIs' flags and the metadata mode as asked", async () => {
    const { value, calls } = await countApiCalls(fx, () => deployAs(INSTANCE, "nat", args));
    state = value.state;
    expect(calls.byAction.RunInstances).toBe(1);
    expect(state.id).toMatch(/^i-/);
    expect(state.outputs).toMatchObject({
      kind: "alicloud-eni:Instance",
      instanceId: state.id,
      status: "Running",
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
      primaryNetworkInterface: { sourceDestCheck: false },
      secondaryNetworkInterface: { sourceDestCheck: true },
    });
    const primaryId = obj(state.outputs.primaryNetworkInterface).networkInterfaceId as string;
    const secondaryId = obj(state.outputs.secondaryNetworkInterface).networkInterfaceId as string;
    expect(await describeInstance(fx, state.id)).toMatchObject({ status: "Running", httpTokens: "required", hopLimit: 2 });
    expect((await describeEni(fx, primaryId))?.sourceDestCheck).toBe(false);
    expect((await describeEni(fx, secondaryId))?.sourceDestCheck).toBe(true);
  });

  it("an unchanged diff makes no API call", async () => {
    const urn = host.urn(INSTANCE, "nat");
    const { inputs } = await host.check(urn, state.inputs, programInputs(urn, args));
    const { value, calls } = await countApiCalls(fx, () => host.diff(urn, state.id, state.outputs, inputs, { oldInputs: state.inputs }));
    expect(value.changes).toBe("none");
    expect(calls.total).toBe(0);
  });

  it("switches the metadata mode in place with one ModifyInstanceMetadataOptions", async () => {
    args = { ...args, metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 2 } };
    const { value, calls } = await countApiCalls(fx, () => deployAs(INSTANCE, "nat", args, state));
    expect(value.op).toBe("update");
    state = value.state;
    expect(calls.writes).toBe(1);
    expect(calls.byAction.ModifyInstanceMetadataOptions).toBe(1);
    expect((await describeInstance(fx, state.id))?.httpTokens).toBe("optional");
    expect((await deployAs(INSTANCE, "nat", args, state)).op).toBe("same");
  });

  it("flips the primary ENI's flag in place with one ModifyNetworkInterfaceAttribute", async () => {
    args = { ...args, primaryNetworkInterface: { sourceDestCheck: true } };
    const { value, calls } = await countApiCalls(fx, () => deployAs(INSTANCE, "nat", args, state));
    expect(value.op).toBe("update");
    state = value.state;
    expect(calls.writes).toBe(1);
    expect(calls.byAction.ModifyNetworkInterfaceAttribute).toBe(1);
    const primaryId = obj(state.outputs.primaryNetworkInterface).networkInterfaceId as string;
    expect((await describeEni(fx, primaryId))?.sourceDestCheck).toBe(true);
  });

  it("refresh reads metadata options and each ENI's flag, and the next up converges them", async () => {
    await setMetadataOptionsOutOfBand(fx, state.id, "required");
    const { value: refreshed, calls } = await countApiCalls(fx, () => refresh(host, state));
    // DescribeInstances cannot return an ENI's flag: at most one more read for DescribeNetworkInterfaces.
    expect(calls.writes).toBe(0);
    expect(calls.total).toBeLessThanOrEqual(2);
    expect(obj(refreshed?.outputs.metadataOptions).httpTokens).toBe("required");
    state = refreshed as ResourceState;
    const converged = await deployAs(INSTANCE, "nat", args, state);
    expect(converged.op).toBe("update");
    state = converged.state;
    expect((await describeInstance(fx, state.id))?.httpTokens).toBe("optional");
  });

  it("replaces when the instance type changes", async () => {
    const urn = host.urn(INSTANCE, "nat");
    const changed = { ...args, instanceType: "ecs.g7.xlarge" };
    const { inputs } = await host.check(urn, state.inputs, programInputs(urn, changed));
    const diff = await host.diff(urn, state.id, state.outputs, inputs, { oldInputs: state.inputs });
    expect(diff.replaces).toContain("instanceType");
    const replaced = await deployAs(INSTANCE, "nat", changed, state);
    expect(replaced.op).toBe("replace");
    expect(replaced.state.id).not.toBe(state.id);
    expect((await describeInstance(fx, replaced.state.id))?.instanceType).toBe("ecs.g7.xlarge");
    const old = await describeInstance(fx, state.id);
    expect(old === undefined || old.status === "Deleted").toBe(true);
    state = replaced.state;
    args = changed;
  });

  it("destroys the instance, and refresh then reports it gone", async () => {
    await destroy(host, state);
    const gone = await describeInstance(fx, state.id);
    expect(gone === undefined || gone.status === "Deleted").toBe(true);
    expect(await refresh(host, state)).toBeUndefined();
  });
});

describe("RouteEntry through the host", () => {
  it("routes to an ENI, moves the next hop to an instance (replace), and deletes", async () => {
    const instance = (await deployAs(INSTANCE, "router", {
      vSwitchId: VSWITCH, securityGroupIds: [SG_NAT], instanceType: "ecs.g7.large", imageId: IMAGE,
    })).state;
    const eni = (await deployAs(NETWORK_INTERFACE, "router-eni", {
      vSwitchId: VSWITCH, securityGroupIds: [SG_NAT], sourceDestCheck: false, instanceId: instance.id,
    })).state;

    const routeArgs = { routeTableId: PRIVATE_TABLE, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: eni.id };
    let route = (await deployAs(ROUTE_ENTRY, "default", routeArgs)).state;
    expect(route.outputs).toMatchObject({ kind: "alicloud-eni:RouteEntry", status: "Available", nextHopId: eni.id });
    expect(await routeEntries(fx, PRIVATE_TABLE)).toEqual([
      expect.objectContaining({ destination: "0.0.0.0/0", status: "Available", nextHopType: "NetworkInterface", nextHopId: eni.id }),
    ]);
    expect((await deployAs(ROUTE_ENTRY, "default", routeArgs, route)).op).toBe("same");

    const viaInstance = { ...routeArgs, nextHopType: "Instance", nextHopId: instance.id };
    const moved = await deployAs(ROUTE_ENTRY, "default", viaInstance, route);
    expect(moved.op).toBe("replace");
    route = moved.state;
    expect(await routeEntries(fx, PRIVATE_TABLE)).toEqual([
      expect.objectContaining({ destination: "0.0.0.0/0", nextHopType: "Instance", nextHopId: instance.id }),
    ]);
    expect((await refresh(host, route))?.outputs).toMatchObject({ nextHopId: instance.id, status: "Available" });

    await destroy(host, route);
    expect(await routeEntries(fx, PRIVATE_TABLE)).toEqual([]);
    expect(await refresh(host, route)).toBeUndefined();
    await destroy(host, eni);
    await destroy(host, instance);
    expect(await describeEni(fx, eni.id)).toBeUndefined();
  });
});
