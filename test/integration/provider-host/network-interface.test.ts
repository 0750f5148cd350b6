/**
 * NetworkInterface through the real dynamic-provider host against the emulator: create, update
 * each in-place field, refresh after out-of-band changes, replace, delete, with API-call counts
 * from the emulator's request log and the cloud's state read back through the raw SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NETWORK_INTERFACE,
  UNKNOWN_VALUE,
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
  runInstanceOutOfBand,
  setEniAttribute,
} from "../../support/provider-host/cloud-probe";
import { QUICK_TRANSITIONS, SG_NAT, SG_WEB, VSW_PUBLIC, VSW_ZONE_I } from "../../support/default-seed-ids";
import { withEmulator } from "../../support/sdk-clients";

const VSWITCH = VSW_PUBLIC;
const OTHER_VSWITCH = VSW_ZONE_I;

const fx = withEmulator({ transitions: QUICK_TRANSITIONS });
let host: ProviderHost;

beforeAll(async () => {
  host = await startAlicloudHost(fx.emulator, { types: [NETWORK_INTERFACE] });
});
afterAll(async () => {
  await host?.close();
});

const urnOf = (name: string) => host.urn(NETWORK_INTERFACE, name);
const deploy = (name: string, args: PropertyMap, prior?: ResourceState) => up(host, urnOf(name), programInputs(urnOf(name), args), prior);

describe("NetworkInterface lifecycle through the host", () => {
  let state: ResourceState;
  const base = { vSwitchId: VSWITCH, securityGroupIds: [SG_WEB], sourceDestCheck: false, name: "nat-eni", description: "NAT egress" };

  it("creates with at most 2 API calls, and the cloud holds what was asked", async () => {
    const { value, calls } = await countApiCalls(fx, () => deploy("life", base));
    expect(value.op).toBe("create");
    state = value.state;
    expect(calls.total).toBeLessThanOrEqual(2);
    expect(calls.byAction.CreateNetworkInterface).toBe(1);
    expect(state.id).toMatch(/^eni-/);
    expect(state.outputs).toMatchObject({
      kind: "alicloud-eni:NetworkInterface",
      networkInterfaceId: state.id,
      status: "Available",
      sourceDestCheck: false,
      vSwitchId: VSWITCH,
      name: "nat-eni",
    });
    expect(state.outputs.macAddress).toMatch(/^00:16:3e:/);
    expect(state.outputs.primaryIpAddress).toMatch(/^10\.0\.0\.\d+$/);
    const cloud = await describeEni(fx, state.id);
    expect(cloud).toMatchObject({ sourceDestCheck: false, name: "nat-eni", description: "NAT egress", securityGroupIds: [SG_WEB] });
  });

  it("an unchanged diff makes no API call", async () => {
    const { inputs } = await host.check(urnOf("life"), state.inputs, programInputs(urnOf("life"), base));
    const { value, calls } = await countApiCalls(fx, () => host.diff(urnOf("life"), state.id, state.outputs, inputs, { oldInputs: state.inputs }));
    expect(value.changes).toBe("none");
    expect(calls.total).toBe(0);
  });

  it("updates sourceDestCheck in place with 1 write and at most 1 read", async () => {
    const { value, calls } = await countApiCalls(fx, () => deploy("life", { ...base, sourceDestCheck: true }, state));
    expect(value.op).toBe("update");
    expect(value.state.id).toBe(state.id);
    state = value.state;
    expect(calls.writes).toBe(1);
    expect(calls.byAction.ModifyNetworkInterfaceAttribute).toBe(1);
    expect(calls.reads).toBeLessThanOrEqual(1);
    expect(state.outputs.sourceDestCheck).toBe(true);
    expect((await describeEni(fx, state.id))?.sourceDestCheck).toBe(true);
  });

  const inPlace: [string, PropertyMap, (eni: NonNullable<Awaited<ReturnType<typeof describeEni>>>) => void][] = [
    ["name", { name: "renamed" }, (e) => expect(e.name).toBe("renamed")],
    ["description", { description: "changed" }, (e) => expect(e.description).toBe("changed")],
    ["securityGroupIds", { securityGroupIds: [SG_WEB, SG_NAT] }, (e) => expect([...e.securityGroupIds].sort()).toEqual([SG_NAT, SG_WEB].sort())],
    ["tags", { tags: { team: "net", env: "test" } }, (e) => expect(e.tags).toMatchObject({ team: "net", env: "test" })],
    ["privateIpAddresses (assign)", { privateIpAddresses: ["10.0.0.200", "10.0.0.201"] }, (e) => expect([...e.secondaryIps].sort()).toEqual(["10.0.0.200", "10.0.0.201"])],
    ["privateIpAddresses (unassign)", { privateIpAddresses: ["10.0.0.201"] }, (e) => expect(e.secondaryIps).toEqual(["10.0.0.201"])],
  ];
  let args: PropertyMap = { ...base, sourceDestCheck: true };
  it.each(inPlace)("updates %s in place, and then nothing diffs", async (_field, change, verify) => {
    args = { ...args, ...change };
    const res = await deploy("life", args, state);
    expect(res.op).toBe("update");
    expect(res.state.id).toBe(state.id);
    state = res.state;
    const cloud = await describeEni(fx, state.id);
    expect(cloud).toBeDefined();
    verify(cloud as NonNullable<typeof cloud>);
    expect((await deploy("life", args, state)).op).toBe("same");
  });

  it("attaches, moves between instances and detaches, waiting for InUse/Available", async () => {
    const spec = { vSwitchId: VSWITCH, securityGroupId: SG_WEB, instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd" };
    const [first, second] = await Promise.all([runInstanceOutOfBand(fx, spec), runInstanceOutOfBand(fx, spec)]);
    for (const target of [first, second]) {
      args = { ...args, instanceId: target };
      state = (await deploy("life", args, state)).state;
      expect(await describeEni(fx, state.id)).toMatchObject({ status: "InUse", instanceId: target });
      expect(state.outputs).toMatchObject({ instanceId: target, status: "InUse" });
    }
    const { instanceId: _dropped, ...detached } = args;
    args = detached;
    state = (await deploy("life", args, state)).state;
    expect(await describeEni(fx, state.id)).toMatchObject({ status: "Available", instanceId: undefined });
  });

  it("refresh is one API call and reports out-of-band drift, which the next up converges", async () => {
    await setEniAttribute(fx, state.id, { sourceDestCheck: false, name: "hand-edited" });
    const { value: refreshed, calls } = await countApiCalls(fx, () => refresh(host, state));
    expect(calls.total).toBe(1);
    expect(refreshed?.outputs).toMatchObject({ sourceDestCheck: false, name: "hand-edited" });
    state = refreshed as ResourceState;
    const converged = await deploy("life", args, state);
    expect(converged.op).toBe("update");
    state = converged.state;
    expect(await describeEni(fx, state.id)).toMatchObject({ sourceDestCheck: true, name: "renamed" });
  });

  it("replaces when the vSwitch changes: a new ENI, the old one deleted", async () => {
    const { privateIpAddresses: _ips, ...rest } = args;
    const moved = { ...rest, vSwitchId: OTHER_VSWITCH };
    const { inputs } = await host.check(urnOf("life"), state.inputs, programInputs(urnOf("life"), moved));
    const diff = await host.diff(urnOf("life"), state.id, state.outputs, inputs, { oldInputs: state.inputs });
    expect(diff.changes).toBe("some");
    expect(diff.replaces).toContain("vSwitchId");
    const replaced = await deploy("life", moved, state);
    expect(replaced.op).toBe("replace");
    expect(replaced.state.id).not.toBe(state.id);
    expect(await describeEni(fx, state.id)).toBeUndefined();
    expect(await describeEni(fx, replaced.state.id)).toMatchObject({ vSwitchId: OTHER_VSWITCH, sourceDestCheck: true });
    state = replaced.state;
  });

  it("deletes, and a refresh then reports it gone; deleting again is not an error", async () => {
    await destroy(host, state);
    expect(await describeEni(fx, state.id)).toBeUndefined();
    expect(await refresh(host, state)).toBeUndefined();
    await expect(destroy(host, state)).resolves.toBeUndefined();
  });
});

describe("an unset sourceDestCheck", () => {
  it("is read back and shown, and never diffed, even after the cloud changes it", async () => {
    const args = { vSwitchId: VSWITCH, securityGroupIds: [SG_WEB] };
    let state = (await deploy("unset", args)).state;
    // The seed's account is enabled-by-default: the cloud chose true.
    expect(state.outputs.sourceDestCheck).toBe(true);
    await setEniAttribute(fx, state.id, { sourceDestCheck: false });
    state = (await refresh(host, state)) as ResourceState;
    expect(state.outputs.sourceDestCheck).toBe(false);
    const { inputs } = await host.check(urnOf("unset"), state.inputs, programInputs(urnOf("unset"), args));
    expect((await host.diff(urnOf("unset"), state.id, state.outputs, inputs, { oldInputs: state.inputs })).changes).toBe("none");
    await destroy(host, state);
  });
});

describe("preview", () => {
  it("tolerates unknown inputs in check and diff", async () => {
    const args = { vSwitchId: VSWITCH, securityGroupIds: [SG_WEB], sourceDestCheck: false };
    const state = (await deploy("preview", args)).state;
    const news = programInputs(urnOf("preview"), { ...args, instanceId: UNKNOWN_VALUE, name: UNKNOWN_VALUE });
    const checked = await host.check(urnOf("preview"), state.inputs, news);
    expect(checked.failures).toEqual([]);
    const diff = await host.diff(urnOf("preview"), state.id, state.outputs, checked.inputs, { oldInputs: state.inputs });
    expect(diff.changes).toBe("some");
    expect(diff.replaces).toEqual([]);
    await destroy(host, state);
  });

  it("reports invalid inputs as check failures naming the property", async () => {
    const { failures } = await host.check(
      urnOf("invalid"),
      {},
      programInputs(urnOf("invalid"), { vSwitchId: VSWITCH, securityGroupIds: [SG_WEB], primaryIpAddress: "10.0.0.300" }),
    );
    expect(failures.map((f) => f.property)).toContain("primaryIpAddress");
    expect(failures.find((f) => f.property === "primaryIpAddress")?.reason).toContain("10.0.0.300");
  });
});
