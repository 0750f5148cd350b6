import { describe, expect, it } from "vitest";
import {
  classifyEniStatus, classifyInstanceStatus, classifyRouteEntryStatus, waitForStatus,
  type EniTarget, type InstanceTarget, type RouteEntryTarget,
} from "../../../provider/ecs/waiter";
import { fakeClock } from "./fake-ecs-api";

describe("classifiers", () => {
  it.each<[string | undefined, EniTarget, string]>([
    ["Available", "Available", "done"], ["Detaching", "Available", "wait"], ["InUse", "Available", "wait"],
    ["Deleting", "Available", "failed"], [undefined, "Available", "failed"],
    ["InUse", "InUse", "done"], ["Attaching", "InUse", "wait"], ["Available", "InUse", "wait"], ["Deleting", "InUse", "failed"],
    [undefined, "Deleted", "done"], ["Deleting", "Deleted", "wait"], ["Available", "Deleted", "wait"],
    ["Melting", "InUse", "unknown"],
  ])("ENI %s waiting for %s: %s", (status, target, kind) => {
    expect(classifyEniStatus(status, target).kind).toBe(kind);
  });
  it.each<[string | undefined, InstanceTarget, string]>([
    ["Running", "Running", "done"], ["Pending", "Running", "wait"], ["Starting", "Running", "wait"],
    ["Stopped", "Running", "failed"], ["Stopping", "Running", "failed"], [undefined, "Running", "failed"],
    ["Stopped", "Stopped", "done"], ["Stopping", "Stopped", "wait"], ["Running", "Stopped", "wait"],
    [undefined, "Deleted", "done"], ["Stopped", "Deleted", "wait"], ["Exploded", "Running", "unknown"],
  ])("instance %s waiting for %s: %s", (status, target, kind) => {
    expect(classifyInstanceStatus(status, target).kind).toBe(kind);
  });
  it.each<[string | undefined, RouteEntryTarget, string]>([
    ["Available", "Available", "done"], ["Pending", "Available", "wait"], ["Modifying", "Available", "wait"],
    [undefined, "Available", "failed"], [undefined, "Deleted", "done"], ["Deleting", "Deleted", "wait"], ["Odd", "Deleted", "unknown"],
  ])("route entry %s waiting for %s: %s", (status, target, kind) => {
    expect(classifyRouteEntryStatus(status, target).kind).toBe(kind);
  });
});

describe("waitForStatus", () => {
  const base = { what: "ENI eni-x", target: "InUse", timeoutMs: 120_000, intervalMs: 1000, maxIntervalMs: 4000 };
  it("polls with growing intervals until done", async () => {
    const clock = fakeClock();
    const statuses = ["Available", "Attaching", "Attaching", "InUse"];
    const result = await waitForStatus({ ...base, clock, describe: async () => statuses.shift(), classify: (s) => classifyEniStatus(s, "InUse") });
    expect(result).toBe("InUse");
    expect(clock.slept).toEqual([1000, 1500, 2250]);
  });
  it("fails clearly on timeout", async () => {
    const clock = fakeClock();
    await expect(waitForStatus({ ...base, clock, describe: async () => "Attaching", classify: (s) => classifyEniStatus(s, "InUse") }))
      .rejects.toMatchObject({ code: "WaitTimeout", message: "ENI eni-x still Attaching after 120 s (waiting for InUse)" });
    expect(clock.now()).toBe(120_000);
  });
  it("fails on a status that can no longer reach the target", async () => {
    await expect(waitForStatus({ ...base, clock: fakeClock(), describe: async () => "Deleting", classify: (s) => classifyEniStatus(s, "InUse") }))
      .rejects.toMatchObject({ code: "UnexpectedStatus", message: expect.stringMatching(/ENI eni-x will not become InUse: it is being deleted/) });
  });
  it("never spins on an unknown status", async () => {
    await expect(waitForStatus({ ...base, clock: fakeClock(), describe: async () => "Weird", classify: (s) => classifyEniStatus(s, "InUse") }))
      .rejects.toMatchObject({ code: "UnexpectedStatus", message: expect.stringMatching(/"Weird", which is not a known status/) });
  });
});
