import { describe, expect, it } from "vitest";
import type { CheckReport } from "../../../../simulator/model/check-report";
import { renderJson } from "../../../../simulator/report/json";
import { natReport } from "./report-fixtures";

/** The report with every object's keys reversed, as an evaluator might build it. */
function scrambled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrambled);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, scrambled(v)]),
  );
}

describe("renderJson", () => {
  it("round-trips the report exactly", () => {
    expect(JSON.parse(renderJson(natReport()))).toEqual(natReport());
  });

  it("emits the DESIGN.md keys in a fixed order, 2-space indent, newline at the end", () => {
    const text = renderJson(natReport());
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toMatch(/^\{\n {2}"summary": \{\n {4}"flows": 5,\n {4}"allowed": 2,\n {4}"dropped": 3\n {2}\},\n {2}"drops": \[/);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["summary", "drops", "findings", "flows"]);
    const drop = (parsed.drops as Record<string, unknown>[])[0]!;
    expect(Object.keys(drop)).toEqual(["eni", "direction", "reason", "src", "dst", "count", "bytes"]);
    const finding = (parsed.findings as Record<string, unknown>[])[0]!;
    expect(Object.keys(finding)).toEqual(["eni", "kind", "scenario", "message", "evidence", "fix"]);
    expect(Object.keys(finding.evidence as object)).toEqual(["flows", "packets", "bytes", "routes"]);
    const flow = (parsed.flows as Record<string, unknown>[])[0]!;
    expect(Object.keys(flow)).toEqual(["name", "src", "dst", "protocol", "dstPort", "disposition", "expect", "asExpected", "hops"]);
  });

  it("does not depend on the order the report's objects were built in", () => {
    expect(renderJson(scrambled(natReport()) as CheckReport)).toBe(renderJson(natReport()));
  });

  it("keeps compatible extensions, sorted after the declared keys, and sorts free-form metadata", () => {
    const report = {
      ...natReport(),
      zeta: 1,
      alpha: { b: 2, a: 1 },
      metadata: { tool: "eni-sim", inputs: { traffic: ["a.pcap"], plan: "topology.yaml" } },
    } as unknown as CheckReport;
    const parsed = JSON.parse(renderJson(report)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["summary", "drops", "findings", "flows", "metadata", "alpha", "zeta"]);
    expect(Object.keys(parsed.alpha as object)).toEqual(["a", "b"]);
    expect(Object.keys(parsed.metadata as object)).toEqual(["inputs", "tool"]);
    expect(Object.keys((parsed.metadata as { inputs: object }).inputs)).toEqual(["plan", "traffic"]);
  });

  it("omits absent optional fields rather than writing null", () => {
    const report: CheckReport = { summary: { flows: 0, allowed: 0, dropped: 0 }, drops: [], findings: [{ eni: "eni-a", kind: "can-enable", message: "m" }] };
    const text = renderJson(report);
    expect(text).not.toContain("null");
    expect(text).not.toContain("scenario");
    expect(text).not.toContain('"flows": [');
  });
});
