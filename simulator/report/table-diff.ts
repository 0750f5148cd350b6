/** `diff --format table`: the verdict, then the flows and observed drops that change, then findings. */
import type { DiffReport } from "../model/diff-report";
import { DROP_DIFF_COLUMNS, FLOW_DIFF_COLUMNS } from "./report-columns-diff";
import { computeDiffVerdict } from "./diff-verdict";
import { FINDING_COLUMNS } from "./report-columns";
import type { TableOptions } from "./table";
import { renderSection, tableSettings, verdictLines } from "./table";

export function renderDiffTable(diff: DiffReport, options: TableOptions): string {
  const opts = tableSettings(options);
  const v = computeDiffVerdict(diff);
  const out = verdictLines(v.tone, v.headline, v.details, [], opts.color);
  if (diff.flows.length > 0) out.push("", ...renderSection({ title: "Declared flows that change", columns: FLOW_DIFF_COLUMNS, rows: diff.flows }, opts));
  if (diff.drops.length > 0) {
    const total = diff.summary.startsDropping + diff.summary.stopsDropping - diff.flows.length;
    out.push("", ...renderSection({ title: "Observed traffic that changes", columns: DROP_DIFF_COLUMNS, rows: diff.drops, total }, opts));
  }
  if (diff.findings.length > 0) {
    out.push("", ...renderSection({ title: `Findings for ${diff.plans.delta}`, columns: FINDING_COLUMNS, rows: diff.findings }, opts));
  }
  return out.join("\n") + "\n";
}
