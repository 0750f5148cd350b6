import type EcsClient from "@alicloud/ecs20140526";
import * as $Ecs from "@alicloud/ecs20140526";
import { ServerError, ThrottlingError } from "@alicloud/openapi-core";
import { describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../../emulator/actions/action";
import { FaultSpecError } from "../../../emulator/faults/fault-spec";
import { startEmulator } from "../../../emulator/server";
import { clearFaults, clearRequestLog, requestLog, setFaults, stateSnapshot } from "../../support/emulator-control";
import { ecsClient, withEmulator } from "../../support/sdk-clients";

const REGION = "cn-hangzhou";
const VSWITCH = "vsw-bp1private4j9n3r6u0y2c";
const SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";

/**
 * The fault edge with a stand-in action whose "commit" is visible to the test, so each kind
 * can be checked for whether the mutation happened.
 */
const committed: string[] = [];
const ACTIONS: ActionDefinition[] = [
  {
    product: "Ecs",
    name: "CreateNetworkInterface",
    mutates: true,
    handle: () => {
      const id = `eni-fake${committed.length}`;
      committed.push(id);
      return { NetworkInterfaceId: id };
    },
  },
  { product: "Ecs", name: "DescribeNetworkInterfaces", mutates: false, handle: () => ({ TotalCount: committed.length }) },
];

const fx = withEmulator({ actions: ACTIONS });
const createRequest = () => new $Ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSWITCH, securityGroupId: SECURITY_GROUP });
const create = (client: EcsClient = fx.ecs) => client.createNetworkInterface(createRequest());
const describeEnis = () => fx.ecs.describeNetworkInterfaces(new $Ecs.DescribeNetworkInterfacesRequest({ regionId: REGION }));

async function failure(call: Promise<unknown>): Promise<Error & { code?: string; statusCode?: number; retryAfter?: number }> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("fault injection at the HTTP edge (through the SDK)", () => {
  it("throttles scripted calls with Throttling.User and x-acs-retry-after, committing nothing", async () => {
    committed.length = 0;
    await setFaults(fx.emulator, "CreateNetworkInterface:throttle=2s#1");
    const error = await failure(create());
    expect(error).toBeInstanceOf(ThrottlingError);
    expect(error).toMatchObject({ code: "Throttling.User", statusCode: 400, retryAfter: 2000 });
    expect(committed).toEqual([]);
    expect((await create()).body?.networkInterfaceId).toBe("eni-fake0");
  });

  it("answers InternalError 500 without committing", async () => {
    committed.length = 0;
    await setFaults(fx.emulator, "CreateNetworkInterface:error500#1");
    const error = await failure(create());
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: "InternalError", statusCode: 500 });
    expect(committed).toEqual([]);
  });

  it("adds latency to the named action only", async () => {
    await setFaults(fx.emulator, "DescribeNetworkInterfaces:latency=300ms");
    let started = performance.now();
    await describeEnis();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    started = performance.now();
    await create();
    expect(performance.now() - started).toBeLessThan(250);
    await clearFaults(fx.emulator);
  });

  it("commits, then answers too late for the client's timeout (timeout-after-commit)", async () => {
    committed.length = 0;
    await clearRequestLog(fx.emulator);
    await setFaults(fx.emulator, "CreateNetworkInterface:timeout-after-commit=1500ms#1");
    const impatient = ecsClient(fx.emulator, { readTimeout: 400 });
    const error = await failure(create(impatient));
    expect(error).not.toHaveProperty("statusCode");
    expect(error.message).toMatch(/timeout/i);
    expect(committed).toEqual(["eni-fake0"]);
    await eventually(async () => (await requestLog(fx.emulator, "CreateNetworkInterface")).length === 1, "the delayed call to be logged");
    expect((await requestLog(fx.emulator, "CreateNetworkInterface"))[0]).toMatchObject({
      status: 0,
      code: "ClientClosedRequest",
      fault: "timeout-after-commit",
    });
  });

  it("cuts the connection before committing (reset)", async () => {
    committed.length = 0;
    await setFaults(fx.emulator, "CreateNetworkInterface:reset#1");
    const error = await failure(create());
    expect(error).not.toHaveProperty("statusCode");
    expect(committed).toEqual([]);
    expect((await create()).statusCode).toBe(200);
  });

  it("cuts the connection after committing (reset-after-commit)", async () => {
    committed.length = 0;
    await setFaults(fx.emulator, "CreateNetworkInterface:reset-after-commit#1");
    const error = await failure(create());
    expect(error).not.toHaveProperty("statusCode");
    expect(committed).toEqual(["eni-fake0"]);
  });

  it("throttles a seeded fraction of calls, reproducibly", async () => {
    const run = async (): Promise<boolean[]> => {
      await setFaults(fx.emulator, "seed=3;DescribeNetworkInterfaces:throttle@0.5");
      const outcomes: boolean[] = [];
      for (let i = 0; i < 20; i++) outcomes.push(await describeEnis().then(() => true, () => false));
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const passed = first.filter(Boolean).length;
    expect(passed).toBeGreaterThan(2);
    expect(passed).toBeLessThan(18);
    await clearFaults(fx.emulator);
  });

  it("refuses a bad --faults spec at start, naming the token", async () => {
    await expect(startEmulator({ actions: ACTIONS, faults: "*:latency=fast" })).rejects.toThrow(FaultSpecError);
    await expect(startEmulator({ actions: ACTIONS, faults: "*:latency=fast" })).rejects.toThrow('"fast"');
  });
});

describe("faults against the real store", () => {
  const real = withEmulator();
  const countEnis = async (): Promise<number> =>
    Object.keys((await stateSnapshot(real.emulator))["networkInterfaces"] as Record<string, unknown>).length;

  it("timeout-after-commit: the SDK times out but /__emulator/state shows the ENI", async () => {
    const before = await countEnis();
    await setFaults(real.emulator, "CreateNetworkInterface:timeout-after-commit=1500ms#1");
    const error = await failure(create(ecsClient(real.emulator, { readTimeout: 400 })));
    expect(error.message).toMatch(/timeout/i);
    expect(await countEnis()).toBe(before + 1);
    const listed = await real.ecs.describeNetworkInterfaces(new $Ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, vSwitchId: VSWITCH }));
    expect(listed.body?.networkInterfaceSets?.networkInterfaceSet?.length).toBe(before + 1);
  });

  it("reset before commit leaves the store untouched", async () => {
    const before = await countEnis();
    await setFaults(real.emulator, "CreateNetworkInterface:reset#1");
    const error = await failure(create(real.ecs));
    expect(error).not.toHaveProperty("statusCode");
    expect(await countEnis()).toBe(before);
    // The same call without the fault does create one: the reset, not the request, kept it out.
    expect((await create(real.ecs)).body?.networkInterfaceId).toMatch(/^eni-/);
    expect(await countEnis()).toBe(before + 1);
  });
});
