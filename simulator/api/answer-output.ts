/**
 * Turns an answer into the bytes the user asked for (--format table|json|html). Check reports go
 * through the report renderers (simulator/report); diff and assess answers, which those do not
 * know, are laid out here from their declared columns.
 */
import { UsageError } from "../errors";
import { FINDING_COLUMNS } from "../model/answer-columns";
import type { AssessReport } from "../model/assessment";
import type { CheckReport } from "../model/check-report";
import { DROP_DIFF_COLUMNS, FLOW_DIFF_COLUMNS, type DiffReport } from "../model/diff-report";
import type { Topology } from "../model/topology";
import { renderHtml } from "../report/html";
import { renderJson } from "../report/json";
import { renderTable } from "../report/table";
import { textTable } from "./text-table";

export const OUTPUT_FORMATS = ["table", "json", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(text: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((f) => f === text);
  if (!format) throw new UsageError("INVALID_OPTION", `--format "${text}" is not supported; allowed: ${OUTPUT_FORMATS.join(", ")}`);
  return format;
}

export interface RenderOptions {
  readonly color: boolean;
  readonly width?: number;
}

export async function renderCheckOutput(report: CheckReport, topology: Topology, format: OutputFormat, options: RenderOptions): Promise<string> {
  switch (format) {
    case "table": {
      return renderTable(report, { color: options.color, ...(options.width !== undefined ? { width: options.width } : {}) });
    }
    case "json": {
      return renderJson(report);
    }
    case "html": {
      return renderHtml(report, topology);
    }
    default: {
      const never: never = format;
      throw new UsageError("INVALID_OPTION", `unknown format ${String(never)}`);
    }
  }
}

export function renderDiffOutput(report: DiffReport, format: OutputFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "table": {
      const s = report.summary;
      const head =
        `diff ${report.plans.base} -> ${report.plans.delta}: ${s.startsDropping} start dropping, ${s.stopsDropping} stop dropping` +
        ` (base drops ${s.base.dropped} of ${s.base.flows}, delta drops ${s.delta.dropped} of ${s.delta.flows})\n\n`;
      return [head, textTable("Declared flows that change", FLOW_DIFF_COLUMNS, report.flows), textTable("Observed traffic that changes", DROP_DIFF_COLUMNS, report.drops), textTable("Findings for the delta plan", FINDING_COLUMNS, report.findings)].join("\n");
    }
    case "html":
      throw new UsageError("INVALID_OPTION", "--format html is not available for diff; use table or json (or run check on each plan for its picture)");
    default: {
      const never: never = format;
      throw new UsageError("INVALID_OPTION", `unknown format ${String(never)}`);
    }
  }
}

export async function renderAssessOutput(report: AssessReport, topology: Topology, format: OutputFormat, options: RenderOptions): Promise<string> {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "html":
      // The page of the account as it is; the assessment's criteria lead its findings.
      return renderCheckOutput(report.current, topology, "html", options);
    case "table": {
      const c = report.criteria;
      const lines = [
        `New default for ENIs created in this account (region ${report.region.id}): ${report.newDefault}`,
        ...report.reasons.map((r) => `  - ${r}`),
        ...report.caveats.map((c) => `  ! ${c}`),
        `Routes with an ENI or instance as next hop: ${c.routesToEniOrInstance.length}`,
        `Traffic with mismatched addresses: ${c.mismatchedTraffic.flows} flows, ${c.mismatchedTraffic.packets} packets at ${c.mismatchedTraffic.enis.join(", ") || "no ENI"}`,
        `Drops today: ${report.current.summary.dropped} of ${report.current.summary.flows}`,
        "",
      ];
      return [lines.join("\n"), textTable("Would break if recreated under the new default", FINDING_COLUMNS, report.wouldBreak), "", await renderCheckOutput(report.current, topology, "table", options)].join("\n");
    }
    default: {
      const never: never = format;
      throw new UsageError("INVALID_OPTION", `unknown format ${String(never)}`);
    }
  }
}
