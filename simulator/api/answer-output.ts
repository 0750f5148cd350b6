/**
 * Turns an answer into the bytes the user asked for (--format table|json|html), through the
 * report renderers (simulator/report) for each kind of answer.
 */
import { UsageError } from "../errors";
import type { AssessReport } from "../model/assessment";
import type { CheckReport } from "../model/check-report";
import type { DiffReport } from "../model/diff-report";
import type { Topology } from "../model/topology";
import { renderAssessHtml, renderAssessJson, renderAssessTable, renderDiffHtml, renderDiffJson, renderDiffTable, renderHtml, renderJson, renderTable } from "../report";

import { OUTPUT_FORMATS, type OutputFormat } from "./output-format";

export { OUTPUT_FORMATS, parseOutputFormat, type OutputFormat } from "./output-format";

export interface RenderOptions {
  readonly color: boolean;
  readonly width?: number;
}

const tableOptions = (options: RenderOptions) => ({ color: options.color, ...(options.width !== undefined ? { width: options.width } : {}) });

function unknownFormat(format: never): never {
  throw new UsageError("INVALID_OPTION", `--format "${String(format)}" is not supported; allowed: ${OUTPUT_FORMATS.join(", ")}`);
}

export function renderCheckOutput(report: CheckReport, topology: Topology, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case "table":
      return renderTable(report, tableOptions(options));
    case "json":
      return renderJson(report);
    case "html":
      return renderHtml(report, topology);
    default:
      return unknownFormat(format);
  }
}

/** `delta` is the --to plan: the page draws it with the flows that start or stop being dropped. */
export function renderDiffOutput(report: DiffReport, delta: Topology, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case "table":
      return renderDiffTable(report, tableOptions(options));
    case "json":
      return renderDiffJson(report);
    case "html":
      return renderDiffHtml(report, delta);
    default:
      return unknownFormat(format);
  }
}

export function renderAssessOutput(report: AssessReport, topology: Topology, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case "table":
      return renderAssessTable(report, tableOptions(options));
    case "json":
      return renderAssessJson(report);
    case "html":
      return renderAssessHtml(report, topology);
    default:
      return unknownFormat(format);
  }
}
