import { afterEach, describe, expect, it } from "vitest";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import * as Ecs from "@alicloud/ecs20140526";
import { checkNetworkInterface } from "../../../provider/network-interface/check";
import {
  createNetworkInterface, deleteNetworkInterface, networkInterfaceProvider, readNetworkInterface, updateNetworkInterface,
} from "../../../provider/network-interface/controller";
import { diffNetworkInterface } from "../../../provider/network-interface/diff";
import type { NetworkInterfaceInputs, NetworkInterfaceOutputs } from "../../../provider/network-interface/types";
import { forgetPulumiConfig } from "../../../provider/ecs/credentials";
import { clearFaults, clearRequestLog, requestLog, setFaults } from "../../support/emulator-control";
import { withEmulator } from "../../support/sdk-clients";
import { countCalls, pulumiConfigFor, SEED, testClient } from "./provider-fixture";

const fx = withEmulator({ transitions: { eniAttachMs: 30, eniDetachMs: 30, instanceCreateMs: 10, instanceStartMs: 10, instanceStopMs: 10 } });
const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface::";

function checked(name: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}): NetworkInterfaceInputs {
  const { inputs, failures } = checkNetworkInterface(olds, { __urn: `${URN}${name}`, ...news }, { region: SEED.region, vSwitchCidr: SEED.privateCidr });
  expect(failures).toEqual([]);
  return inputs;
}

async function rawEni(id: string) {
  const response = await fx.ecs.describeNetworkInterfaces(new Ecs.DescribeNetworkInterfacesRequest({ regionId: SEED.region, networkInterfaceId: [id] }));
  return response.body?.networkInterfaceSets?.networkInterfaceSet?.[0];
}

async function enisInVSwitch(vSwitchId: string): Promise<number> {
  const response = await fx.ecs.describeNetworkInterfaces(new Ecs.DescribeNetworkInterfacesRequest({ regionId: SEED.region, vSwitchId, maxResults: 100 }));
  return response.body?.networkInterfaceSets?.networkInterfaceSet?.length ?? 0;
}

async function runInstance(): Promise<string> {
  const response = await fx.ecs.runInstances(new Ecs.RunInstancesRequest({
    regionId: SEED.region, imageId: SEED.image, instanceType: SEED.instanceType, vSwitchId: SEED.publicVSwitch, securityGroupIds: [SEED.webSg], amount: 1,
  }));
  const id = response.body?.instanceIdSets?.instanceIdSet?.[0];
  if (id === undefined) throw new Error("RunInstances returned no id");
  return id;
}

afterEach(async () => {
  await clearFaults(fx.emulator);
});

describe("NetworkInterface controller against the emulator", () => {
  it("create → update each field → refresh after drift → replace decision → delete, with call counts", async () => {
    const client = testClient(fx.emulator);
    const inputs = checked("lifecycle", { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg], name: "eni-a", tags: { env: "dev" } });

    const created = await countCalls(fx.emulator, () => createNetworkInterface(client, inputs));
    // The create, and one describe proving the returned id is alive (a replayed token could name a deleted ENI).
    expect(created.calls).toEqual({ CreateNetworkInterface: 1, DescribeNetworkInterfaces: 1 });
    const id = created.result.id;
    let state: NetworkInterfaceOutputs = created.result.outs;
    expect(state).toMatchObject({ kind: "alicloud-eni:NetworkInterface", networkInterfaceId: id, status: "Available", vpcId: SEED.vpc, name: "eni-a", tags: { env: "dev" } });
    // Unset flag: whatever the cloud chose (this account defaults it on), shown and never diffed.
    expect(state.sourceDestCheck).toBe(true);
    expect(state.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(diffNetworkInterface(state, inputs).changes).toBe(false);

    // sourceDestCheck: one write, at most one read.
    const flagOff = checked("lifecycle", { ...inputs, sourceDestCheck: false }, inputs as unknown as Record<string, unknown>);
    expect(diffNetworkInterface(state, flagOff)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const flagUpdate = await countCalls(fx.emulator, () => updateNetworkInterface(client, id, state, flagOff));
    expect(flagUpdate.calls.ModifyNetworkInterfaceAttribute).toBe(1);
    expect(flagUpdate.total).toBeLessThanOrEqual(2);
    state = flagUpdate.result.outs;
    expect(state.sourceDestCheck).toBe(false);
    expect((await rawEni(id))?.sourceDestCheck).toBe(false);

    // Security groups, name and description together: still one ModifyNetworkInterfaceAttribute.
    const attrs = checked("lifecycle", { ...flagOff, securityGroupIds: [SEED.webSg, SEED.natSg], name: "eni-b", description: "nat side" });
    const attrUpdate = await countCalls(fx.emulator, () => updateNetworkInterface(client, id, state, attrs));
    expect(attrUpdate.calls.ModifyNetworkInterfaceAttribute).toBe(1);
    state = attrUpdate.result.outs;
    const raw = await rawEni(id);
    expect(raw?.securityGroupIds?.securityGroupId?.sort()).toEqual([SEED.natSg, SEED.webSg].sort());
    expect([raw?.networkInterfaceName, raw?.description]).toEqual(["eni-b", "nat side"]);

    // Secondary IPs: explicit, then by count.
    const ips = checked("lifecycle", { ...attrs, privateIpAddresses: ["10.0.1.200", "10.0.1.201"] });
    state = (await updateNetworkInterface(client, id, state, ips)).outs;
    expect([...state.privateIpAddresses].sort()).toEqual(["10.0.1.200", "10.0.1.201"]);
    const fewer = checked("lifecycle", { ...attrs, privateIpAddresses: ["10.0.1.201"] });
    state = (await updateNetworkInterface(client, id, state, fewer)).outs;
    expect(state.privateIpAddresses).toEqual(["10.0.1.201"]);
    const counted = checked("lifecycle", { ...attrs, secondaryPrivateIpAddressCount: 3 });
    state = (await updateNetworkInterface(client, id, state, counted)).outs;
    expect(state.privateIpAddresses).toHaveLength(3);
    expect(diffNetworkInterface(state, counted).changes).toBe(false);

    // Tags: change one, drop one.
    const tagged = checked("lifecycle", { ...counted, tags: { team: "net" } });
    state = (await updateNetworkInterface(client, id, state, tagged)).outs;
    expect(state.tags).toEqual({ team: "net" });

    // Attach, then move: detach then attach.
    const first = await runInstance();
    const second = await runInstance();
    await client.waitForInstance(first, "Running", true);
    await client.waitForInstance(second, "Running", true);
    const attached = checked("lifecycle", { ...tagged, instanceId: first });
    state = (await updateNetworkInterface(client, id, state, attached)).outs;
    expect([state.status, state.instanceId]).toEqual(["InUse", first]);
    const moved = checked("lifecycle", { ...tagged, instanceId: second });
    const move = await countCalls(fx.emulator, () => updateNetworkInterface(client, id, state, moved));
    expect(move.calls).toMatchObject({ DetachNetworkInterface: 1, AttachNetworkInterface: 1 });
    state = move.result.outs;
    expect(state.instanceId).toBe(second);

    // An unchanged diff costs nothing: diff is pure.
    const unchanged = await countCalls(fx.emulator, async () => diffNetworkInterface(state, moved));
    expect([unchanged.result.changes, unchanged.total]).toEqual([false, 0]);

    // Out-of-band: someone turns the flag back on with the raw SDK. Refresh = one describe.
    await fx.ecs.modifyNetworkInterfaceAttribute(new Ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: SEED.region, networkInterfaceId: id, sourceDestCheck: true }));
    const refreshed = await countCalls(fx.emulator, () => readNetworkInterface(client, id, state));
    expect(refreshed.total).toBe(1);
    expect(refreshed.result.props?.sourceDestCheck).toBe(true);
    state = refreshed.result.props as NetworkInterfaceOutputs;
    expect(diffNetworkInterface(state, { ...moved, sourceDestCheck: false }).changes).toBe(true);
    expect(diffNetworkInterface(state, { ...moved, sourceDestCheck: undefined }).changes).toBe(false);

    // Replace decision: a new vSwitch or primary IP.
    expect(diffNetworkInterface(state, { ...moved, vSwitchId: SEED.publicVSwitch }).replaces).toEqual(["vSwitchId"]);
    expect(diffNetworkInterface(state, { ...moved, primaryIpAddress: "10.0.1.99" })).toMatchObject({ replaces: ["primaryIpAddress"], deleteBeforeReplace: true });

    // Delete while attached: detach, wait, delete. Deleting again is fine.
    await deleteNetworkInterface(client, id);
    expect(await rawEni(id)).toBeUndefined();
    expect((await readNetworkInterface(client, id, state)).id).toBeUndefined();
    await deleteNetworkInterface(client, id);
  });

  it("converges under injected throttling and 5xx", async () => {
    const client = testClient(fx.emulator);
    await setFaults(fx.emulator, "CreateNetworkInterface:throttle=30ms#2;ModifyNetworkInterfaceAttribute:error500#2;DescribeNetworkInterfaces:throttle=10ms#1");
    const inputs = checked("throttled", { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg] });
    const { result, calls } = await countCalls(fx.emulator, () => createNetworkInterface(client, inputs));
    expect(calls.CreateNetworkInterface).toBe(3);
    const off = checked("throttled", { ...inputs, sourceDestCheck: false });
    const updated = await updateNetworkInterface(client, result.id, result.outs, off);
    expect(updated.outs.sourceDestCheck).toBe(false);
    await deleteNetworkInterface(client, result.id);
  });

  it("adds secondary IPs by count exactly once when the assign's answer is lost", async () => {
    const client = testClient(fx.emulator, 500);
    const inputs = checked("count-lost", { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg] });
    const { id, outs } = await createNetworkInterface(client, inputs);
    await clearRequestLog(fx.emulator);
    await setFaults(fx.emulator, "AssignPrivateIpAddresses:timeout-after-commit=1500ms#1");
    const two = checked("count-lost", { ...inputs, secondaryPrivateIpAddressCount: 2 });
    const updated = await updateNetworkInterface(client, id, outs, two);
    expect(updated.outs.privateIpAddresses).toHaveLength(2);
    await expect.poll(async () => (await requestLog(fx.emulator, "AssignPrivateIpAddresses")).length, { timeout: 3000 }).toBe(1);
    expect((await rawEni(id))?.privateIpSets?.privateIpSet).toHaveLength(3);
    await deleteNetworkInterface(client, id);
  });

  it("makes no duplicate when a create is committed and its answer lost", async () => {
    const client = testClient(fx.emulator, 500);
    const before = await enisInVSwitch(SEED.zoneIVSwitch);
    await setFaults(fx.emulator, "CreateNetworkInterface:timeout-after-commit=1500ms#1");
    const inputs = checked("lost-answer", { vSwitchId: SEED.zoneIVSwitch, securityGroupIds: [SEED.webSg] });
    const { result } = await countCalls(fx.emulator, () => createNetworkInterface(client, inputs));
    // The first call is logged once its delayed answer goes out (1.5 s after it arrived).
    await expect.poll(async () => (await requestLog(fx.emulator, "CreateNetworkInterface")).length, { timeout: 3000 }).toBe(2);
    expect(await enisInVSwitch(SEED.zoneIVSwitch)).toBe(before + 1);
    const both = await requestLog(fx.emulator, "CreateNetworkInterface");
    expect(both.map((entry) => entry.params.ClientToken)).toEqual([inputs.__clientToken, inputs.__clientToken]);
    await deleteNetworkInterface(client, result.id);
  });

  it("rolls back a created ENI whose attach fails, so nothing leaks, and a retry creates afresh", async () => {
    const client = testClient(fx.emulator);
    const before = await enisInVSwitch(SEED.privateVSwitch);
    const inputs = checked("attach-fails", { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg], instanceId: "i-doesnotexist000000" });
    const error = await createNetworkInterface(client, inputs).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: "RolledBack", code: "InvalidInstanceId.NotFound", rolledBack: expect.stringMatching(/^eni-/) });
    expect((error as Error).message).toMatch(/AttachNetworkInterface eni-\S+ failed: InvalidInstanceId.NotFound .*was rolled back/);
    expect(await enisInVSwitch(SEED.privateVSwitch)).toBe(before);
    // The next `up` (same URN and inputs, same token) must not be handed the deleted ENI back.
    const instance = await runInstance();
    await client.waitForInstance(instance, "Running", true);
    const retried = checked("attach-fails", { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg], instanceId: instance });
    const again = await createNetworkInterface(client, { ...retried, __clientToken: inputs.__clientToken });
    expect(again.id).not.toBe((error as { rolledBack: string }).rolledBack);
    expect(again.outs).toMatchObject({ status: "InUse", instanceId: instance });
    await deleteNetworkInterface(client, again.id);
  });

  it("destroy then up with the same inputs makes a new ENI, not the replay of the deleted one", async () => {
    const client = testClient(fx.emulator);
    const inputs = checked("recreated", { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg] });
    const first = await createNetworkInterface(client, inputs);
    await deleteNetworkInterface(client, first.id);
    const second = await createNetworkInterface(client, inputs);
    expect(second.id).not.toBe(first.id);
    expect((await rawEni(second.id))?.status).toBe("Available");
    // ...and a third up after a lost answer of the second still finds the second.
    const third = await createNetworkInterface(client, inputs);
    expect(third.id).toBe(second.id);
    await deleteNetworkInterface(client, second.id);
  });

  it("runs through the provider object: configure, check, create, read, delete; no key in any output", async () => {
    try {
      await networkInterfaceProvider.configure({ config: { ...pulumiConfigFor(fx.emulator), require: (k: string) => k } });
      const { inputs, failures } = await networkInterfaceProvider.check({}, { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg], primaryIpAddress: "10.0.2.5", __urn: `${URN}p` });
      expect(failures).toEqual([expect.objectContaining({ property: "primaryIpAddress", reason: expect.stringMatching(/outside the vSwitch CIDR 10\.0\.1\.0\/24/) })]);
      const good = await networkInterfaceProvider.check({}, { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.webSg], sourceDestCheck: false, __urn: `${URN}p` });
      expect(good.failures).toEqual([]);
      expect(inputs?.__clientToken).toHaveLength(64);
      const created = await networkInterfaceProvider.create(good.inputs as NetworkInterfaceInputs);
      const read = await networkInterfaceProvider.read(created.id, created.outs);
      const text = JSON.stringify([created, read]);
      expect(text).not.toContain(fx.emulator.credentials.accessKeySecret);
      expect(text).not.toContain(fx.emulator.credentials.accessKeyId);
      expect(read.props?.sourceDestCheck).toBe(false);
      await networkInterfaceProvider.delete(created.id);
      expect((await networkInterfaceProvider.read(created.id, created.outs)).id).toBeUndefined();
    } finally {
      forgetPulumiConfig();
    }
  });
});

// Keep the import of $OpenApiUtil meaningful for readers: the raw SDK used above is the unmodified one.
void $OpenApiUtil;
