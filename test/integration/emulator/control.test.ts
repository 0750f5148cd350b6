import * as $Ecs from "@alicloud/ecs20140526";
import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../../emulator/actions/action";
import { clearFaults, clearRequestLog, getFaults, requestLog, setFaults, stateSnapshot } from "../../support/emulator-control";
import { withEmulator } from "../../support/sdk-clients";

const ACTIONS: ActionDefinition[] = [
  { product: "Ecs", name: "DescribeNetworkInterfaces", mutates: false, handle: () => ({ TotalCount: 0, NetworkInterfaceSets: { NetworkInterfaceSet: [] } }) },
  { product: "Ecs", name: "DescribeSecurityGroups", mutates: false, handle: () => ({ TotalCount: 0, SecurityGroups: { SecurityGroup: [] } }) },
];

const fx = withEmulator({ actions: ACTIONS, faults: "seed=5;DescribeSecurityGroups:latency=1ms" });
const REGION = "cn-hangzhou";

const describeEnis = () => fx.ecs.describeNetworkInterfaces(new $Ecs.DescribeNetworkInterfacesRequest({ regionId: REGION }));
const describeSgs = () => fx.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: REGION }));

describe("GET/PUT/DELETE /__emulator/faults", () => {
  it("shows the --faults given at start, with its seed", async () => {
    expect(await getFaults(fx.emulator)).toEqual({
      spec: "DescribeSecurityGroups:latency=1ms",
      seed: 5,
      rules: [{ rule: "DescribeSecurityGroups:latency=1ms", remaining: null }],
    });
  });

  it("replaces the rules from JSON and shows scripted budgets counting down", async () => {
    await setFaults(fx.emulator, "DescribeNetworkInterfaces:error500#2");
    await expect(describeEnis()).rejects.toMatchObject({ code: "InternalError", statusCode: 500 });
    expect((await getFaults(fx.emulator)).rules).toEqual([{ rule: "DescribeNetworkInterfaces:error500#2", remaining: 1 }]);
    await clearFaults(fx.emulator);
    expect((await describeEnis()).statusCode).toBe(200);
  });

  it("accepts the spec as plain text too", async () => {
    const response = await fetch(`${fx.emulator.url}/__emulator/faults`, { method: "PUT", body: "*:latency=1ms#1" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { spec: string }).spec).toBe("*:latency=1ms#1");
    await clearFaults(fx.emulator);
  });

  it("refuses a bad spec with 400 naming the token, and keeps the old rules", async () => {
    await setFaults(fx.emulator, "*:latency=1ms");
    const response = await fetch(`${fx.emulator.url}/__emulator/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ spec: "*:throttle@2" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { status: 400, code: "EMULATOR_BAD_FAULT_SPEC", token: "@2", message: expect.stringContaining('"@2"') },
    });
    expect((await getFaults(fx.emulator)).spec).toBe("*:latency=1ms");
    await clearFaults(fx.emulator);
  });

  it("refuses JSON without a spec field", async () => {
    const response = await fetch(`${fx.emulator.url}/__emulator/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [] }),
    });
    expect(response.status).toBe(400);
  });
});

describe("GET/DELETE /__emulator/requests", () => {
  it("logs every API call, filters by action and clears", async () => {
    await clearRequestLog(fx.emulator);
    await describeEnis();
    await describeSgs();
    await describeEnis();
    const all = await requestLog(fx.emulator);
    expect(all.map((e) => e.action)).toEqual(["DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeNetworkInterfaces"]);
    expect(all[0]).toEqual({
      seq: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      product: "Ecs",
      action: "DescribeNetworkInterfaces",
      status: 200,
      code: null,
      durationMs: expect.any(Number),
      fault: null,
      params: { RegionId: REGION },
    });
    expect(all[0]!.seq).toBeLessThan(all[1]!.seq);
    expect((await requestLog(fx.emulator, "DescribeNetworkInterfaces")).length).toBe(2);
    await clearRequestLog(fx.emulator);
    expect(await requestLog(fx.emulator)).toEqual([]);
  });

  it("logs failed calls with their code and the fault that caused them", async () => {
    await clearRequestLog(fx.emulator);
    await setFaults(fx.emulator, "DescribeNetworkInterfaces:throttle#1");
    await expect(describeEnis()).rejects.toMatchObject({ code: "Throttling.User" });
    await clearFaults(fx.emulator);
    const [entry] = await requestLog(fx.emulator);
    expect(entry).toMatchObject({ status: 400, code: "Throttling.User", fault: "throttle" });
  });
});

describe("GET /__emulator/state", () => {
  it("returns the store snapshot", async () => {
    const state = await stateSnapshot(fx.emulator);
    expect(state).toEqual(fx.emulator.store.snapshot());
    expect(state).toHaveProperty("seed.region", fx.emulator.regionId);
  });
});

describe("control endpoint hygiene", () => {
  it("answers an unknown control path with 404 listing the endpoints", async () => {
    const response = await fetch(`${fx.emulator.url}/__emulator/nothing`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain("/__emulator/requests");
  });

  it("does not put control calls in the request log", async () => {
    await clearRequestLog(fx.emulator);
    await getFaults(fx.emulator);
    expect(await requestLog(fx.emulator)).toEqual([]);
  });
});

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a !== undefined && a.family === "IPv4" && !a.internal)?.address;

describe("loopback only", () => {
  const wide = withEmulator({ actions: ACTIONS, host: "0.0.0.0" });
  it.skipIf(externalAddress === undefined)("refuses control calls from a non-loopback address", async () => {
    const response = await fetch(`http://${externalAddress}:${wide.emulator.port}/__emulator/state`);
    expect(response.status).toBe(403);
    expect(await fetch(`http://127.0.0.1:${wide.emulator.port}/__emulator/health`)).toHaveProperty("status", 200);
  });
});
