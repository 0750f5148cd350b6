/**
 * The part of a check report a scenario fixture pins (examples/<scenario>/expected-verdict.json):
 * the exit code, the summary, every drop row, the findings' kind/scenario/fix, and each declared
 * flow's disposition. Messages are left out so wording can improve without touching fixtures.
 */
import { exitCodeOf } from "../../../../simulator/api/exit-code";
import type { CheckReport } from "../../../../simulator/model/check-report";

export function scenarioVerdict(report: CheckReport) {
  return {
    exitCode: exitCodeOf({ kind: "check", report }),
    summary: report.summary,
    drops: report.drops.map((d) => ({ eni: d.eni, direction: d.direction, reason: d.reason, src: d.src, dst: d.dst, count: d.count, bytes: d.bytes, ...(d.flow !== undefined ? { flow: d.flow } : {}) })),
    findings: report.findings.map((f) => ({ eni: f.eni, kind: f.kind, ...(f.scenario !== undefined ? { scenario: f.scenario } : {}), ...(f.fix !== undefined ? { fix: f.fix } : {}), ...(f.evidence ? { evidence: f.evidence } : {}) })),
    flows: (report.flows ?? []).map((f) => ({ name: f.name, disposition: f.disposition, asExpected: f.asExpected })),
  };
}
