/**
 * The providers under the cloud's bad days, through the real host: throttling, 5xx, a create
 * an attach that fails after the ENI was made (lost create responses: lost-create.test.ts).
 * Invariants: every step converges or fails clearly, nothing is made twice, nothing leaks.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NETWORK_INTERFACE, ResourceInitError, destroy, programInputs, startAlicloudHost, up } from "../../support/provider-host";
import type { PropertyMap, ProviderHost, ResourceState } from "../../support/provider-host";
import { describeEni, enisInVSwitch, runInstanceOutOfBand } from "../../support/provider-host/cloud-probe";
import { clearFaults, requestLog, setFaults } from "../../support/emulator-control";
import { IMAGE, QUICK_TRANSITIONS, SG_WEB, VSW_PRIVATE, VSW_PUBLIC, VSW_TINY, VSW_ZONE_I } from "../../support/default-seed-ids";
import { withEmulator } from "../../support/sdk-clients";

// One vSwitch per test, so "how many ENIs are there" is answered per test.
const VSW_THROTTLE = VSW_PUBLIC;
const VSW_5XX = VSW_PRIVATE;
const VSW_ATTACH = VSW_TINY;

const fx = withEmulator({ transitions: QUICK_TRANSITIONS });
let host: ProviderHost;

beforeAll(async () => {
  // A bounded deadline: a call the host never answers fails here instead of hanging the file.
  host = await startAlicloudHost(fx.emulator, { types: [NETWORK_INTERFACE], callTimeoutMs: 20_000 });
});
afterAll(async () => {
  await host?.close();
});
afterEach(async () => {
  await clearFaults(fx.emulator);
});

const urnOf = (name: string) => host.urn(NETWORK_INTERFACE, name);
const deploy = (name: string, args: PropertyMap, prior?: ResourceState) => up(host, urnOf(name), programInputs(urnOf(name), args), prior);

describe("throttling", () => {
  it("create and update converge, honouring the retry-after, with the throttled calls retried", async () => {
    await setFaults(fx.emulator, "CreateNetworkInterface:throttle=300ms#2;ModifyNetworkInterfaceAttribute:throttle=300ms#2");
    const started = Date.now();
    const created = await deploy("throttled", { vSwitchId: VSW_THROTTLE, securityGroupIds: [SG_WEB], sourceDestCheck: false });
    const updated = await deploy("throttled", { vSwitchId: VSW_THROTTLE, securityGroupIds: [SG_WEB], sourceDestCheck: true }, created.state);
    // Two throttles of 300 ms each per step cannot be waited out faster than the server asked.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 2 * 300);
    expect(await describeEni(fx, updated.state.id)).toMatchObject({ sourceDestCheck: true });
    const creates = await requestLog(fx.emulator, "CreateNetworkInterface");
    expect(creates.filter((e) => e.code === "Throttling.User")).toHaveLength(2);
    expect(creates.filter((e) => e.status === 200)).toHaveLength(1);
    expect(await enisInVSwitch(fx, VSW_THROTTLE)).toHaveLength(1);
    await destroy(host, updated.state);
  });
});

describe("5xx", () => {
  it("a whole lifecycle converges when a third of all calls fail with InternalError", async () => {
    await setFaults(fx.emulator, "seed=7;*:error500@0.33");
    const args = { vSwitchId: VSW_5XX, securityGroupIds: [SG_WEB], sourceDestCheck: false, name: "flaky" };
    let state = (await deploy("flaky", args)).state;
    state = (await deploy("flaky", { ...args, sourceDestCheck: true, description: "still here" }, state)).state;
    await clearFaults(fx.emulator);
    expect(await describeEni(fx, state.id)).toMatchObject({ sourceDestCheck: true, description: "still here" });
    expect(await enisInVSwitch(fx, VSW_5XX)).toHaveLength(1);
    const failed = (await requestLog(fx.emulator)).filter((e) => e.code === "InternalError");
    expect(failed.length).toBeGreaterThan(0);
    await setFaults(fx.emulator, "seed=8;*:error500@0.33");
    await destroy(host, state);
    await clearFaults(fx.emulator);
    expect(await enisInVSwitch(fx, VSW_5XX)).toHaveLength(0);
  });
});

describe("an attach that fails after the ENI was created", () => {
  it("leaks nothing: the ENI is rolled back, or kept in the state by id for Pulumi to manage", async () => {
    // An instance in another zone: the attach is refused (InvalidOperation.AvailabilityZoneMismatch)
    // only once the ENI exists, so the provider has something to clean up or report.
    const elsewhere = await runInstanceOutOfBand(fx, { vSwitchId: VSW_ZONE_I, securityGroupId: SG_WEB, instanceType: "ecs.g7.large", imageId: IMAGE });
    const before = await enisInVSwitch(fx, VSW_ATTACH);
    const args = { vSwitchId: VSW_ATTACH, securityGroupIds: [SG_WEB], instanceId: elsewhere };
    const err = await deploy("attach-fails", args).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const after = await enisInVSwitch(fx, VSW_ATTACH);
    if (err instanceof ResourceInitError) {
      // Created but failed to initialize: the engine keeps this id, so the ENI is not leaked...
      expect(after.map((e) => e.id)).toEqual([...before.map((e) => e.id), err.id]);
      expect(err.properties.networkInterfaceId).toBe(err.id);
      // ...and manages it as the engine would: the kept state, a fixed program, an up, a destroy.
      const urn = urnOf("attach-fails");
      const { inputs } = await host.check(urn, {}, programInputs(urn, args));
      const kept: ResourceState = { urn, id: err.id, inputs, outputs: err.properties };
      const fixed = await up(host, urn, programInputs(urn, { vSwitchId: VSW_ATTACH, securityGroupIds: [SG_WEB] }), kept);
      expect(fixed.state.id).toBe(err.id);
      await destroy(host, fixed.state);
      expect(await describeEni(fx, err.id)).toBeUndefined();
    } else {
      // Rolled back: no ENI is left behind.
      expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    }
    expect((err as Error).message).toContain(elsewhere);
  });
});
