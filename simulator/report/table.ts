/**
 * `--format table`: the verdict line, then the drops, findings and flows tables, each fitted to
 * the terminal width and capped in rows while the section titles keep the true totals.
 */
import type { CheckReport, DropRow } from "../model/check-report";
import type { Tone } from "./ansi-style";
import { paint } from "./ansi-style";
import type { Column } from "./columns";
import { COLUMN_GAP, fitColumnWidths } from "./columns";
import { ReportOptionError } from "./errors";
import { formatCount } from "./number-format";
import { DROP_COLUMNS, FINDING_COLUMNS, FLOW_COLUMNS, METADATA_COLUMNS, metadataRows } from "./report-columns";
import { summaryLines } from "./summary-lines";
import { pad, sanitizeTerminalText, truncate } from "./terminal-text";
import { computeVerdict } from "./verdict";

export interface TableOptions {
  /** ANSI colour; the CLI passes true only on a TTY with NO_COLOR unset. */
  readonly color: boolean;
  /** Terminal width in cells (default 120). */
  readonly width?: number;
  /** Rows shown per table before "… N more rows" (default 20). */
  readonly maxRows?: number;
}

export const DEFAULT_TABLE_WIDTH = 120;
export const DEFAULT_MAX_ROWS = 20;
const MIN_WIDTH = 40;

export interface TableSection<Row> {
  readonly title: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /** True number of rows when `rows` was already cut upstream (the evaluator caps drop rows). */
  readonly total?: number;
}

/** Checks width and row cap once, for every terminal renderer (check, diff, assess). */
export function tableSettings(options: TableOptions): { color: boolean; width: number; maxRows: number } {
  return { color: options.color, ...validate(options) };
}

function validate(options: TableOptions): { width: number; maxRows: number } {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (!Number.isInteger(width) || width < 1) throw new ReportOptionError("width", width, "a positive integer");
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new ReportOptionError("maxRows", maxRows, "an integer >= 1");
  // A very narrow terminal is real, not bad input: lay out for MIN_WIDTH and let the terminal wrap.
  return { width: Math.max(width, MIN_WIDTH), maxRows };
}

/** Renders one section; `shown` rows are fitted, the title and the tail line keep the true count. */
export function renderSection<Row>(
  section: TableSection<Row>,
  opts: { color: boolean; width: number; maxRows: number },
): string[] {
  const { columns, rows } = section;
  const total = Math.max(section.total ?? rows.length, rows.length);
  const lines = [paint(`${section.title} (${formatCount(total)})`, "strong", opts.color)];
  const shown = rows.slice(0, opts.maxRows);
  const cells = shown.map((row) => columns.map((col) => sanitizeTerminalText(col.cell(row))));
  const widths = fitColumnWidths(columns, cells, opts.width);
  const gap = " ".repeat(COLUMN_GAP);
  const joinRow = (parts: string[]): string => parts.join(gap).trimEnd();

  lines.push(joinRow(columns.map((col, i) => paint(pad(truncate(col.header, widths[i]!), widths[i]!, col.align), "muted", opts.color))));
  shown.forEach((row, r) => {
    const parts = columns.map((col, i) => {
      const text = pad(truncate(cells[r]![i]!, widths[i]!), widths[i]!, col.align);
      const tone: Tone = col.tone?.(row) ?? "plain";
      return paint(text, tone, opts.color);
    });
    lines.push(joinRow(parts));
  });
  const hidden = total - shown.length;
  if (hidden > 0) {
    lines.push(paint(`… ${formatCount(hidden)} more ${hidden === 1 ? "row" : "rows"} (see --format json)`, "muted", opts.color));
  }
  return lines;
}

/** Most packets first so a capped table still shows the drops that matter; ties keep report order. */
function dropsForTable(drops: readonly DropRow[]): DropRow[] {
  return drops
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.count - a.d.count || a.i - b.i)
    .map((x) => x.d);
}

/** The verdict line (✗ red / ✓ green), its indented details, then muted summary lines. */
export function verdictLines(tone: "bad" | "good", headline: string, details: readonly string[], summary: readonly string[], color: boolean): string[] {
  const mark = tone === "bad" ? "✗" : "✓";
  const out = [paint(sanitizeTerminalText(`${mark} ${headline}`), tone, color)];
  for (const d of details) out.push(`  ${sanitizeTerminalText(d)}`);
  for (const line of summary) out.push(paint(sanitizeTerminalText(line), "muted", color));
  return out;
}

export function renderTable(report: CheckReport, options: TableOptions): string {
  const opts = tableSettings(options);
  const verdict = computeVerdict(report);
  const out = verdictLines(verdict.tone, verdict.headline, verdict.details, summaryLines(report), opts.color);

  if (report.drops.length > 0) {
    out.push("", ...renderSection({ title: "Drops", columns: DROP_COLUMNS, rows: dropsForTable(report.drops), total: report.dropRowsTotal }, opts));
  }
  if (report.findings.length > 0) {
    out.push("", ...renderSection({ title: "Findings", columns: FINDING_COLUMNS, rows: report.findings }, opts));
  }
  if (report.flows !== undefined && report.flows.length > 0) {
    out.push("", ...renderSection({ title: "Declared flows", columns: FLOW_COLUMNS, rows: report.flows }, opts));
  }
  const metadata = metadataRows(report);
  if (metadata.length > 0) {
    out.push("", ...renderSection({ title: "Metadata service reads", columns: METADATA_COLUMNS, rows: metadata }, opts));
  }
  return out.join("\n") + "\n";
}
