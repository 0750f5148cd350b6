/**
 * A create that the cloud commits and whose response is then lost, through the real host:
 * the provider's retries and a later `pulumi up` with no state must find the same ENI through
 * the ClientToken derived from the URN and inputs, never make a second one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INSTANCE, NETWORK_INTERFACE, destroy, programInputs, startAlicloudHost, up } from "../../support/provider-host";
import type { PropertyMap, ProviderHost, ResourceState } from "../../support/provider-host";
import { countApiCalls, enisInVSwitch, instancesInVSwitch } from "../../support/provider-host/cloud-probe";
import { clearFaults, requestLog, setFaults } from "../../support/emulator-control";
import { QUICK_TRANSITIONS, SG_WEB, VSW_ZONE_I } from "../../support/default-seed-ids";
import { withEmulator } from "../../support/sdk-clients";

const VSW_LOST = VSW_ZONE_I;

const fx = withEmulator({ transitions: QUICK_TRANSITIONS });
let host: ProviderHost;

beforeAll(async () => {
  host = await startAlicloudHost(fx.emulator, { types: [NETWORK_INTERFACE, INSTANCE], callTimeoutMs: 25_000 });
});
afterAll(async () => {
  await host?.close();
});
afterEach(async () => {
  await clearFaults(fx.emulator);
});

const urnOf = (name: string) => host.urn(NETWORK_INTERFACE, name);
const deploy = (name: string, args: PropertyMap, prior?: ResourceState) => up(host, urnOf(name), programInputs(urnOf(name), args), prior);

describe("a create whose response is lost after the cloud committed it", () => {
  it("is retried with the same ClientToken and yields one ENI, not two", async () => {
    // Past the provider's 10 s read timeout: the ENI exists, the provider never hears so.
    await setFaults(fx.emulator, "CreateNetworkInterface:timeout-after-commit=10500ms#1");
    const { value } = await countApiCalls(fx, () =>
      deploy("lost", { vSwitchId: VSW_LOST, securityGroupIds: [SG_WEB], sourceDestCheck: false }),
    );
    const enis = await enisInVSwitch(fx, VSW_LOST);
    expect(enis.map((e) => e.id)).toEqual([value.state.id]);
    // The emulator logs a call when it answers: the delayed first call shows up after its 10.5 s.
    let creates = await requestLog(fx.emulator, "CreateNetworkInterface");
    for (let i = 0; i < 120 && creates.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      creates = await requestLog(fx.emulator, "CreateNetworkInterface");
    }
    expect(creates.some((e) => e.fault === "timeout-after-commit")).toBe(true);
    expect(creates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(creates.map((e) => e.params.ClientToken)).size).toBe(1);
    expect(creates[0]?.params.ClientToken).toBeTruthy();
    await destroy(host, value.state);
  }, 45_000);

  it("a later `pulumi up` that never saved the result (no prior state) finds the same ENI", async () => {
    // Two lost responses first: the provider's own retries carry the same token too.
    await setFaults(fx.emulator, "CreateNetworkInterface:reset-after-commit#2");
    const args = { vSwitchId: VSW_LOST, securityGroupIds: [SG_WEB], sourceDestCheck: true, name: "retried" };
    const first = await deploy("lost-again", args);
    await clearFaults(fx.emulator);
    // The engine crashed before writing the state: the next up starts from nothing.
    const second = await deploy("lost-again", args);
    expect(second.op).toBe("create");
    expect(second.state.id).toBe(first.state.id);
    const named = (await enisInVSwitch(fx, VSW_LOST)).filter((e) => e.name === "retried");
    expect(named.map((e) => e.id)).toEqual([first.state.id]);
    await destroy(host, second.state);
  });
});


describe("a RunInstances whose response is lost", () => {
  it("yields one instance, found again by a later up with no state", async () => {
    const vSwitchId = "vsw-bp1private4j9n3r6u0y2c";
    const urn = host.urn(INSTANCE, "lost-instance");
    const args = { vSwitchId, securityGroupIds: [SG_WEB], instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd" };
    await setFaults(fx.emulator, "RunInstances:reset-after-commit#2");
    const first = await up(host, urn, programInputs(urn, args));
    await clearFaults(fx.emulator);
    const second = await up(host, urn, programInputs(urn, args));
    expect(second.state.id).toBe(first.state.id);
    expect(await instancesInVSwitch(fx, vSwitchId)).toEqual([first.state.id]);
    const runs = await requestLog(fx.emulator, "RunInstances");
    expect(new Set(runs.map((e) => e.params.ClientToken)).size).toBe(1);
    await destroy(host, second.state);
  });
});
