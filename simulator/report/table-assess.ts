/**
 * `assess --format table`: the account's new default and why, what would break if its ENIs were
 * created again under it, and the account as it is today.
 */
import type { AssessReport } from "../model/assessment";
import { computeAssessVerdict } from "./assess-verdict";
import { formatCount, formatPackets } from "./number-format";
import { DROP_COLUMNS, FINDING_COLUMNS } from "./report-columns";
import type { TableOptions } from "./table";
import { renderSection, tableSettings, verdictLines } from "./table";
import { computeVerdict } from "./verdict";

export function criteriaLines(a: AssessReport): string[] {
  const routes = a.criteria.routesToEniOrInstance;
  const m = a.criteria.mismatchedTraffic;
  return [
    `routes with an ENI or instance as next hop: ${routes.length === 0 ? "none" : routes.join("; ")}`,
    `traffic with mismatched addresses: ${m.flows === 0 ? "none" : `${formatCount(m.flows)} flows, ${formatPackets(m.packets)} at ${m.enis.join(", ")}`}`,
  ];
}

export function renderAssessTable(a: AssessReport, options: TableOptions): string {
  const opts = tableSettings(options);
  const v = computeAssessVerdict(a);
  const out = verdictLines(v.tone, v.headline, v.details, criteriaLines(a), opts.color);
  if (a.wouldBreak.length > 0) {
    out.push("", ...renderSection({ title: "Would break if created again under the new default", columns: FINDING_COLUMNS, rows: a.wouldBreak }, opts));
  }
  const recreated = a.ifRecreated;
  if (recreated.drops.length > 0) {
    out.push("", ...renderSection({ title: "Drops if created again", columns: DROP_COLUMNS, rows: recreated.drops, total: recreated.dropRowsTotal }, opts));
  }
  const today = computeVerdict(a.current);
  out.push("", `Today: ${today.headline}`);
  if (a.current.findings.length > 0) {
    out.push(...renderSection({ title: "Findings today", columns: FINDING_COLUMNS, rows: a.current.findings }, opts));
  }
  return out.join("\n") + "\n";
}
