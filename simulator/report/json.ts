/**
 * `--format json`: the report contract of DESIGN.md (`summary`, `drops`, `findings`, then the
 * extensions `flows` and `metadata`), keys in a fixed order, two-space indent, trailing newline.
 */
import type { AssessReport } from "../model/assessment";
import type { CheckReport } from "../model/check-report";
import type { DiffReport } from "../model/diff-report";
import type { KeyShape } from "./json-key-order";
import { orderKeys, SORTED } from "./json-key-order";

const SUMMARY: KeyShape = { keys: ["flows", "allowed", "dropped", "unexpected"] };
const DROP: KeyShape = { keys: ["eni", "direction", "reason", "src", "dst", "count", "bytes", "flow", "measured"] };
const EVIDENCE: KeyShape = { keys: ["flows", "packets", "bytes", "routes"] };
const FINDING: KeyShape = { keys: ["eni", "kind", "scenario", "message", "evidence", "fix"], nested: { evidence: EVIDENCE } };
const FLOW: KeyShape = {
  keys: ["name", "src", "dst", "protocol", "dstPort", "disposition", "expect", "asExpected", "hops"],
};

const OBSERVED: KeyShape = {
  keys: ["records", "packets", "bytes", "droppedRecords", "droppedPackets", "droppedBytes", "unattributed", "rejected"],
};
const INPUT: KeyShape = { keys: ["file", "format", "records", "skipped", "ignored"] };
const REGION: KeyShape = { keys: ["id", "sourceDestCheckSupported"] };

/** DESIGN.md's keys first (summary, drops, findings), then the extensions in a fixed order. */
export const CHECK_REPORT_SHAPE: KeyShape = {
  keys: ["summary", "drops", "dropRowsTotal", "findings", "flows", "observed", "inputs", "region", "metadata"],
  nested: {
    summary: SUMMARY,
    drops: DROP,
    findings: FINDING,
    flows: FLOW,
    observed: OBSERVED,
    inputs: INPUT,
    region: REGION,
    metadata: SORTED,
  },
};

const DIFF_SUMMARY: KeyShape = { keys: ["startsDropping", "stopsDropping", "base", "delta"], nested: { base: SUMMARY, delta: SUMMARY } };
const FLOW_DIFF: KeyShape = { keys: ["name", "src", "dst", "protocol", "dstPort", "baseDisposition", "deltaDisposition", "change", "hops"] };
const DROP_DIFF: KeyShape = {
  keys: ["eni", "direction", "reason", "src", "dst", "baseCount", "deltaCount", "baseBytes", "deltaBytes", "change"],
};

export const DIFF_REPORT_SHAPE: KeyShape = {
  keys: ["summary", "plans", "flows", "drops", "findings"],
  nested: { summary: DIFF_SUMMARY, plans: { keys: ["base", "delta"] }, flows: FLOW_DIFF, drops: DROP_DIFF, findings: FINDING },
};

export const ASSESS_REPORT_SHAPE: KeyShape = {
  keys: ["region", "newDefault", "reasons", "caveats", "criteria", "wouldBreak", "current", "ifRecreated"],
  nested: {
    region: REGION,
    criteria: {
      keys: ["routesToEniOrInstance", "mismatchedTraffic"],
      nested: { mismatchedTraffic: { keys: ["enis", "flows", "packets", "bytes"] } },
    },
    wouldBreak: FINDING,
    current: CHECK_REPORT_SHAPE,
    ifRecreated: CHECK_REPORT_SHAPE,
  },
};

export function renderJsonWithShape(value: unknown, shape: KeyShape): string {
  return JSON.stringify(orderKeys(value, shape), null, 2) + "\n";
}

export function renderJson(report: CheckReport): string {
  return renderJsonWithShape(report, CHECK_REPORT_SHAPE);
}

export function renderDiffJson(diff: DiffReport): string {
  return renderJsonWithShape(diff, DIFF_REPORT_SHAPE);
}

export function renderAssessJson(assessment: AssessReport): string {
  return renderJsonWithShape(assessment, ASSESS_REPORT_SHAPE);
}
