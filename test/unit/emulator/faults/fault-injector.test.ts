import { describe, expect, it } from "vitest";
import { FaultInjector } from "../../../../emulator/faults/fault-injector";
import { parseFaultSpec } from "../../../../emulator/faults/fault-spec";
import { seededRandom } from "../../../../emulator/faults/seeded-random";

const injector = (text: string): FaultInjector => new FaultInjector(parseFaultSpec(text));

describe("FaultInjector", () => {
  it("decides nothing without rules", () => {
    expect(new FaultInjector().decide("CreateNetworkInterface")).toBeNull();
  });

  it("applies a rule only to its actions", () => {
    const faults = injector("CreateNetworkInterface,DeleteNetworkInterface:error500");
    expect(faults.decide("DescribeNetworkInterfaces")).toBeNull();
    expect(faults.decide("DeleteNetworkInterface")?.outcome).toEqual({ kind: "error500" });
  });

  it("runs a scripted rule for exactly the next N matching calls and reports what is left", () => {
    const faults = injector("CreateNetworkInterface:throttle#2");
    expect(faults.decide("DescribeVpcs")).toBeNull();
    expect(faults.status().rules).toEqual([{ rule: "CreateNetworkInterface:throttle=1000ms#2", remaining: 2 }]);
    expect(faults.decide("CreateNetworkInterface")?.outcome).toEqual({ kind: "throttle", retryAfterMs: 1000 });
    expect(faults.decide("CreateNetworkInterface")?.outcome?.kind).toBe("throttle");
    expect(faults.decide("CreateNetworkInterface")).toBeNull();
    expect(faults.status().rules[0]?.remaining).toBe(0);
  });

  it("adds latencies and lets the first firing outcome win without spending later budgets", () => {
    const faults = injector("*:latency=10ms;*:reset#1;*:latency=5ms;*:error500#1");
    expect(faults.decide("A")).toEqual({ latencyMs: 15, outcome: { kind: "reset" }, label: "latency=10ms,reset,latency=5ms" });
    expect(faults.decide("A")).toEqual({ latencyMs: 15, outcome: { kind: "error500" }, label: "latency=10ms,latency=5ms,error500" });
    expect(faults.decide("A")).toEqual({ latencyMs: 15, outcome: null, label: "latency=10ms,latency=5ms" });
  });

  it("fires a probabilistic rule at about its rate, reproducibly from the seed", () => {
    const run = (): boolean[] => {
      const faults = injector("seed=7;*:throttle@0.3");
      return Array.from({ length: 2000 }, () => faults.decide("A") !== null);
    };
    const first = run();
    expect(run()).toEqual(first);
    const rate = first.filter(Boolean).length / first.length;
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.35);
    expect(injector("seed=7;*:throttle@0.3").status().seed).toBe(7);
  });

  it("replaces and clears its rules", () => {
    const faults = injector("*:error500");
    faults.set(parseFaultSpec("*:reset"));
    expect(faults.decide("A")?.outcome).toEqual({ kind: "reset" });
    faults.clear();
    expect(faults.decide("A")).toBeNull();
    expect(faults.status()).toMatchObject({ spec: "", rules: [] });
  });
});

describe("seededRandom", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const values = Array.from({ length: 100 }, () => a());
    expect(values).toEqual(Array.from({ length: 100 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom(2)()).not.toBe(values[0]);
  });
});
