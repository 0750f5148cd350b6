/**
 * `--format json`: the report contract of DESIGN.md (`summary`, `drops`, `findings`, then the
 * extensions `flows` and `metadata`), keys in a fixed order, two-space indent, trailing newline.
 */
import type { CheckReport } from "../model/check-report";
import type { KeyShape } from "./json-key-order";
import { orderKeys, SORTED } from "./json-key-order";

const SUMMARY: KeyShape = { keys: ["flows", "allowed", "dropped", "unexpected"] };
const DROP: KeyShape = { keys: ["eni", "direction", "reason", "src", "dst", "count", "bytes", "flow"] };
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

export function renderJsonWithShape(value: unknown, shape: KeyShape): string {
  return JSON.stringify(orderKeys(value, shape), null, 2) + "\n";
}

export function renderJson(report: CheckReport): string {
  return renderJsonWithShape(report, CHECK_REPORT_SHAPE);
}
