import { describe, expect, it } from "vitest";
import { FaultSpecError, formatFaultRule, parseFaultSpec } from "../../../../emulator/faults/fault-spec";

describe("parseFaultSpec", () => {
  it("parses the documented example", () => {
    const spec = parseFaultSpec(
      "CreateNetworkInterface:throttle@0.3;*:latency=200ms;AttachNetworkInterface:timeout-after-commit=5000ms#1;DescribeInstances:reset#2;*:error500@0.05",
    );
    expect(spec.rules).toEqual([
      { actions: ["CreateNetworkInterface"], effect: { kind: "throttle", retryAfterMs: 1000 }, trigger: { kind: "probability", p: 0.3 } },
      { actions: "*", effect: { kind: "latency", ms: 200 }, trigger: { kind: "always" } },
      { actions: ["AttachNetworkInterface"], effect: { kind: "timeout-after-commit", ms: 5000 }, trigger: { kind: "next", count: 1 } },
      { actions: ["DescribeInstances"], effect: { kind: "reset" }, trigger: { kind: "next", count: 2 } },
      { actions: "*", effect: { kind: "error500" }, trigger: { kind: "probability", p: 0.05 } },
    ]);
    expect(spec.seed).toBeUndefined();
  });

  it.each([
    ["A,B:throttle=2s", { actions: ["A", "B"], effect: { kind: "throttle", retryAfterMs: 2000 }, trigger: { kind: "always" } }],
    [" * : reset-after-commit #3 ", { actions: "*", effect: { kind: "reset-after-commit" }, trigger: { kind: "next", count: 3 } }],
    ["X:timeout-after-commit@1", { actions: ["X"], effect: { kind: "timeout-after-commit", ms: 5000 }, trigger: { kind: "probability", p: 1 } }],
  ])("parses %j", (text, rule) => {
    expect(parseFaultSpec(text).rules).toEqual([rule]);
  });

  it("reads a seed, ignores blank items and accepts the empty spec", () => {
    expect(parseFaultSpec("seed=42;;*:error500;")).toEqual({ seed: 42, rules: [expect.objectContaining({ effect: { kind: "error500" } })] });
    expect(parseFaultSpec("")).toEqual({ rules: [] });
  });

  it.each([
    ["CreateNetworkInterface", "CreateNetworkInterface", "TARGETS:EFFECT"],
    ["*:explode", "explode", "unknown effect"],
    ["*:latency", "latency", "needs a duration"],
    ["*:latency=200", "200", "with a unit"],
    ["*:latency=2h", "2h", "with a unit"],
    ["*:latency=20m", "20m", "with a unit"],
    ["*:latency=3600s", "3600s", "at most"],
    ["*:throttle@1.5", "@1.5", "0 < p <= 1"],
    ["*:throttle@0", "@0", "0 < p <= 1"],
    ["*:throttle@x", "@x", "0 < p <= 1"],
    ["*:throttle#0", "#0", ">= 1"],
    ["*:throttle#-1", "#-1", ">= 1"],
    ["*:reset=5ms", "reset=5ms", "takes no value"],
    ["createNic:reset", "createNic", "PascalCase"],
    [":reset", ":reset", "target is missing"],
    ["seed=abc", "seed=abc", "seed must be"],
    ["*:", "(empty effect)", "unknown effect"],
  ])("rejects %j naming the bad token %j", (text, token, fragment) => {
    let error: unknown;
    try {
      parseFaultSpec(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FaultSpecError);
    expect(error).toMatchObject({ code: "EMULATOR_BAD_FAULT_SPEC", token });
    expect((error as Error).message).toContain(`"${token}"`);
    expect((error as Error).message).toContain(fragment);
  });

  it("formats rules back into the grammar", () => {
    const text = "A,B:throttle=2000ms@0.5;*:latency=10ms;C:timeout-after-commit=5000ms#1;*:reset;*:reset-after-commit;*:error500";
    expect(parseFaultSpec(text).rules.map(formatFaultRule).join(";")).toBe(text);
  });
});
