import { afterEach, describe, expect, it } from "vitest";
import * as Ecs from "@alicloud/ecs20140526";
import { checkInstance } from "../../../provider/instance/check";
import { createInstance, deleteInstance, readInstance, updateInstance } from "../../../provider/instance/controller";
import { diffInstance } from "../../../provider/instance/diff";
import type { InstanceInputs, InstanceOutputs } from "../../../provider/instance/types";
import { clearFaults, clearRequestLog, requestLog, setFaults } from "../../support/emulator-control";
import { withEmulator } from "../../support/sdk-clients";
import { countCalls, SEED, testClient } from "./provider-fixture";

const fx = withEmulator({ transitions: { eniAttachMs: 20, eniDetachMs: 20, instanceCreateMs: 20, instanceStartMs: 20, instanceStopMs: 20 } });
const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/alicloud-eni:Instance::";
const base = { vSwitchId: SEED.privateVSwitch, securityGroupIds: [SEED.natSg], instanceType: SEED.instanceType, imageId: SEED.image };

function checked(name: string, news: Record<string, unknown>): InstanceInputs {
  const { inputs, failures } = checkInstance({}, { __urn: `${URN}${name}`, ...news }, { region: SEED.region, vSwitchCidr: SEED.privateCidr });
  expect(failures).toEqual([]);
  return inputs;
}

async function rawEnis(instanceId: string) {
  const response = await fx.ecs.describeNetworkInterfaces(new Ecs.DescribeNetworkInterfacesRequest({ regionId: SEED.region, instanceId }));
  return response.body?.networkInterfaceSets?.networkInterfaceSet ?? [];
}

async function instanceCount(): Promise<number> {
  const response = await fx.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: SEED.region, pageSize: 100 }));
  return response.body?.instances?.instance?.length ?? 0;
}

afterEach(async () => {
  await clearFaults(fx.emulator);
});

describe("Instance controller against the emulator", () => {
  it("create with per-ENI flags and metadata → update each field → refresh after drift → replace decision → delete", async () => {
    const client = testClient(fx.emulator);
    const inputs = checked("nat", {
      ...base, forwarding: "snat", tags: { role: "nat" },
      primaryNetworkInterface: { sourceDestCheck: false },
      secondaryNetworkInterface: { sourceDestCheck: true },
      metadataOptions: { httpTokens: "required" },
    });
    const created = await countCalls(fx.emulator, () => createInstance(client, inputs));
    expect(created.calls.RunInstances).toBe(1);
    const id = created.result.id;
    let state: InstanceOutputs = created.result.outs;
    expect(state).toMatchObject({
      kind: "alicloud-eni:Instance", instanceId: id, status: "Running", vpcId: SEED.vpc, zoneId: "cn-hangzhou-h", forwarding: "snat",
      primaryNetworkInterface: { sourceDestCheck: false }, secondaryNetworkInterface: { sourceDestCheck: true, vSwitchId: SEED.privateVSwitch },
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" }, tags: { role: "nat" }, secondaryNetworkInterfaceCreated: true,
    });
    // RunInstances carried NetworkInterface.1/.2 SourceDestCheck: the cloud's own view agrees.
    const enis = await rawEnis(id);
    expect(Object.fromEntries(enis.map((e) => [e.type, e.sourceDestCheck]))).toEqual({ Primary: false, Secondary: true });
    expect(diffInstance(state, inputs).changes).toBe(false);

    // Flag on the primary ENI: exactly one write, no read.
    const flagOn = checked("nat", { ...inputs, primaryNetworkInterface: { sourceDestCheck: true } });
    const flagUpdate = await countCalls(fx.emulator, () => updateInstance(client, id, state, flagOn));
    expect(flagUpdate.calls).toEqual({ ModifyNetworkInterfaceAttribute: 1 });
    state = flagUpdate.result.outs;
    expect(state.primaryNetworkInterface.sourceDestCheck).toBe(true);

    // Metadata (two fields, one call), groups of both ENIs, tags, forwarding (no call).
    const many = checked("nat", {
      ...flagOn, securityGroupIds: [SEED.natSg, SEED.webSg], secondaryNetworkInterface: { sourceDestCheck: false, securityGroupIds: [SEED.webSg] },
      metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 3 }, tags: { role: "router" }, forwarding: "route",
    });
    const manyUpdate = await countCalls(fx.emulator, () => updateInstance(client, id, state, many));
    expect(manyUpdate.calls).toEqual({ ModifyNetworkInterfaceAttribute: 2, ModifyInstanceMetadataOptions: 1, TagResources: 1 });
    state = manyUpdate.result.outs;
    const fresh = (await readInstance(client, id, state)).props as InstanceOutputs;
    expect(fresh).toMatchObject({
      securityGroupIds: [SEED.natSg, SEED.webSg], forwarding: "route", tags: { role: "router" },
      metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 3 },
      secondaryNetworkInterface: { sourceDestCheck: false, securityGroupIds: [SEED.webSg] },
    });
    expect(diffInstance(fresh, many).changes).toBe(false);
    const forwardingOnly = await countCalls(fx.emulator, () => updateInstance(client, id, fresh, { ...many, forwarding: "none" }));
    expect(forwardingOnly.total).toBe(0);

    // Out-of-band drift, made with the raw SDK: the flag and the metadata mode. Refresh reports both.
    await fx.ecs.modifyInstanceMetadataOptions(new Ecs.ModifyInstanceMetadataOptionsRequest({ regionId: SEED.region, instanceId: id, httpTokens: "required" }));
    await fx.ecs.modifyNetworkInterfaceAttribute(new Ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: SEED.region, networkInterfaceId: state.primaryNetworkInterfaceId, sourceDestCheck: false }));
    const refreshed = await countCalls(fx.emulator, () => readInstance(client, id, fresh));
    expect(refreshed.calls).toEqual({ DescribeInstances: 1, DescribeNetworkInterfaces: 1 });
    state = refreshed.result.props as InstanceOutputs;
    expect([state.metadataOptions.httpTokens, state.primaryNetworkInterface.sourceDestCheck]).toEqual(["required", false]);
    expect(diffInstance(state, many).changes).toBe(true);

    // Replace decisions.
    expect(diffInstance(state, { ...many, imageId: SEED.image2 }).replaces).toEqual(["imageId"]);
    expect(diffInstance(state, { ...many, secondaryNetworkInterface: undefined }).replaces).toEqual(["secondaryNetworkInterface"]);

    // Delete: stopped, deleted, waited until gone; its secondary ENI goes too. Again is fine.
    await deleteInstance(client, id, state);
    expect((await readInstance(client, id, state)).id).toBeUndefined();
    expect(await rawEnis(id)).toEqual([]);
    await deleteInstance(client, id, state);
  });

  it("unset flags are read back and never diffed", async () => {
    const client = testClient(fx.emulator);
    const inputs = checked("plain", base);
    const { id, outs } = await createInstance(client, inputs);
    expect(typeof outs.primaryNetworkInterface.sourceDestCheck).toBe("boolean");
    expect(outs.secondaryNetworkInterface).toBeUndefined();
    expect(diffInstance(outs, inputs).changes).toBe(false);
    await deleteInstance(client, id, outs);
    // Same URN and inputs again after a destroy: the replayed token's dead id is skipped.
    const again = await createInstance(client, inputs);
    expect(again.id).not.toBe(id);
    expect(again.outs.status).toBe("Running");
    await deleteInstance(client, again.id, again.outs);
  });

  it("finishes a state recorded from a failed initialization (id only) with one read, then the writes", async () => {
    const client = testClient(fx.emulator);
    const inputs = checked("init-failed", { ...base, secondaryNetworkInterface: { sourceDestCheck: true } });
    const { id, outs } = await createInstance(client, inputs);
    const recorded = { ...base, kind: "alicloud-eni:Instance", instanceId: id, regionId: SEED.region } as unknown as InstanceOutputs;
    const wanted = checked("init-failed", { ...base, secondaryNetworkInterface: { sourceDestCheck: false } });
    // Nothing about the ENIs can be judged yet: an update (not a replacement) finishes the job.
    expect(diffInstance(recorded, wanted)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(diffInstance(recorded, { ...wanted, imageId: SEED.image2 }).replaces).toEqual(["imageId"]);
    const updated = await countCalls(fx.emulator, () => updateInstance(client, id, recorded, wanted));
    expect(updated.calls).toEqual({ DescribeInstances: 1, DescribeNetworkInterfaces: 1, ModifyNetworkInterfaceAttribute: 1 });
    expect(updated.result.outs).toMatchObject({ primaryNetworkInterfaceId: outs.primaryNetworkInterfaceId, secondaryNetworkInterface: { sourceDestCheck: false } });
    await deleteInstance(client, id, updated.result.outs);
  });

  it("converges under injected throttling and 5xx", async () => {
    const client = testClient(fx.emulator);
    await setFaults(fx.emulator, "RunInstances:throttle=20ms#1;DescribeInstances:error500#2;DescribeNetworkInterfaces:throttle=20ms#1;ModifyInstanceMetadataOptions:error500#1");
    const inputs = checked("faulty", { ...base, metadataOptions: { httpTokens: "optional" } });
    const { id, outs } = await createInstance(client, inputs);
    const hardened = checked("faulty", { ...base, metadataOptions: { httpTokens: "required" } });
    const updated = await updateInstance(client, id, outs, hardened);
    expect(updated.outs.metadataOptions.httpTokens).toBe("required");
    await clearFaults(fx.emulator);
    expect(((await readInstance(client, id, updated.outs)).props as InstanceOutputs).metadataOptions.httpTokens).toBe("required");
    await deleteInstance(client, id, updated.outs);
  });

  it("makes no duplicate instance when RunInstances is committed and its answer lost", async () => {
    const client = testClient(fx.emulator, 500);
    const before = await instanceCount();
    await clearRequestLog(fx.emulator);
    await setFaults(fx.emulator, "RunInstances:timeout-after-commit=1500ms#1");
    const { id, outs } = await createInstance(client, checked("lost", base));
    await expect.poll(async () => (await requestLog(fx.emulator, "RunInstances")).length, { timeout: 3000 }).toBe(2);
    expect(await instanceCount()).toBe(before + 1);
    await deleteInstance(client, id, outs);
  });
});
