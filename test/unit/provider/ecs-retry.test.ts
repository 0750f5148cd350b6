import { describe, expect, it } from "vitest";
import { backoffDelayMs, withRetries, type RetryPolicy } from "../../../provider/ecs/retry";
import { fakeClock, sdkError } from "./fake-ecs-api";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 5000 };

describe("backoffDelayMs", () => {
  it.each<[number, number, number | undefined, number]>([
    [1, 0, undefined, 50],
    [1, 0.999, undefined, 100],
    [3, 0.5, undefined, 300],
    [10, 1, undefined, 1000],
    [1, 0, 2500, 2500],
    [4, 1, 10, 800],
  ])("attempt %i, random %f, retry-after %s -> %i ms", (attempt, random, retryAfter, expected) => {
    expect(backoffDelayMs(attempt, policy, random, retryAfter)).toBe(Math.round(expected));
  });
});

function deps(logs: string[] = []) {
  const clock = fakeClock();
  return { clock, deps: { now: clock.now, sleep: clock.sleep, random: () => 1, log: (m: string) => logs.push(m) } };
}

describe("withRetries", () => {
  it("retries throttling and 5xx, then succeeds, logging attempt n of max", async () => {
    const logs: string[] = [];
    const { deps: d, clock } = deps(logs);
    const errors = [sdkError(400, "Throttling.User", { retryAfter: 700 }), sdkError(500, "InternalError"), sdkError(503, "ServiceUnavailable")];
    let calls = 0;
    const result = await withRetries("CreateNetworkInterface", "eni", async () => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return "ok";
    }, policy, d);
    expect(result).toBe("ok");
    expect(calls).toBe(4);
    expect(clock.slept).toEqual([700, 200, 400]);
    expect(logs[0]).toBe("CreateNetworkInterface eni: Throttling.User; attempt 1 of 5 failed, retrying in 700 ms");
  });

  it("does not retry a client error", async () => {
    const { deps: d } = deps();
    let calls = 0;
    await expect(withRetries("A", undefined, async () => {
      calls++;
      throw sdkError(400, "InvalidParameter");
    }, policy, d)).rejects.toMatchObject({ code: "InvalidParameter", action: "A" });
    expect(calls).toBe(1);
  });

  it("stops after maxAttempts with the last error", async () => {
    const { deps: d } = deps();
    let calls = 0;
    await expect(withRetries("A", undefined, async () => {
      calls++;
      throw sdkError(500, "InternalError");
    }, policy, d)).rejects.toMatchObject({ code: "InternalError" });
    expect(calls).toBe(5);
  });

  it("stops when the next sleep would pass the total time budget", async () => {
    const { deps: d, clock } = deps();
    let calls = 0;
    await expect(withRetries("A", undefined, async () => {
      calls++;
      throw sdkError(400, "Throttling.User", { retryAfter: 3000 });
    }, policy, d)).rejects.toMatchObject({ code: "Throttling.User" });
    expect(calls).toBe(2);
    expect(clock.now()).toBe(3000);
  });

  it("does not resend a non-idempotent call after a timeout, but does after throttling", async () => {
    const { deps: d } = deps();
    let calls = 0;
    const timeout = Object.assign(new Error("ReadTimeout"), { name: "RequestTimeoutError" });
    await expect(withRetries("AssignPrivateIpAddresses", "eni-1", async () => {
      calls++;
      throw timeout;
    }, policy, d, false)).rejects.toMatchObject({ code: "RequestTimeout" });
    expect(calls).toBe(1);
    const errors = [sdkError(400, "Throttling.User")];
    expect(await withRetries("AssignPrivateIpAddresses", "eni-1", async () => {
      const error = errors.shift();
      if (error) throw error;
      return "ok";
    }, policy, d, false)).toBe("ok");
  });
});
