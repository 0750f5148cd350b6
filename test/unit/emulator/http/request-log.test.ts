import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallFacts, RequestLogEntry } from "../../../../emulator/http/request-log";
import { RequestLog } from "../../../../emulator/http/request-log";

type Op = { kind: "record"; action: string | null; status: number; fault: string | null } | { kind: "clear" } | { kind: "list"; action?: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("record" as const), action: fc.constantFrom("A", "B", null), status: fc.constantFrom(200, 400, 0), fault: fc.constantFrom(null, "throttle") }), weight: 8 },
  fc.constant({ kind: "clear" as const }),
  fc.constantFrom<Op>({ kind: "list" }, { kind: "list", action: "A" }, { kind: "list", action: "B" }),
);

describe("RequestLog (parallel-array ring)", () => {
  it("lists exactly what a plain keep-the-last-N list of entries would", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const log = new RequestLog(capacity);
        let reference: RequestLogEntry[] = [];
        let seq = 0;
        for (const [n, step] of ops.entries()) {
          if (step.kind === "record") {
            const startedAt = Date.UTC(2026, 0, 1) + n * 1000;
            const facts: CallFacts = { product: step.action === null ? null : "Ecs", action: step.action, fault: step.fault, params: new Map([["N", String(n)]]) };
            const code = step.status === 200 ? null : "Code";
            log.record(startedAt, n + 0.123456, step.status, code, facts);
            reference.push({
              seq: ++seq, time: new Date(startedAt).toISOString(), product: facts.product, action: step.action, status: step.status,
              code, durationMs: Math.round((n + 0.123456) * 1000) / 1000, fault: step.fault, params: { N: String(n) },
            });
            reference = reference.slice(-capacity);
          } else if (step.kind === "clear") {
            log.clear();
            reference = [];
          } else {
            expect(log.list(step.action)).toEqual(reference.filter((e) => step.action === undefined || e.action === step.action));
          }
        }
        expect(log.list()).toEqual(reference);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
