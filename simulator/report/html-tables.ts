/** HTML tables from the same declared columns as the terminal table; every cell escaped. */
import type { DropRow, Finding, FlowRow } from "../model/check-report";
import type { Column } from "./columns";
import { escapeHtml as e } from "./html-escape";
import { formatCount, formatPackets } from "./number-format";
import { DROP_COLUMNS, FINDING_COLUMNS, FLOW_COLUMNS, METADATA_COLUMNS, type MetadataRow } from "./report-columns";

/** A page with tens of thousands of rows is unusable; the JSON report carries all of them. */
export const HTML_MAX_ROWS = 500;

const MONO_COLUMNS: ReadonlySet<string> = new Set(["eni", "flow", "protocol"]);

interface HtmlTableOptions<Row> {
  readonly maxRows: number;
  /** Extra HTML appended inside a cell (already escaped by the caller). */
  readonly extra?: (row: Row, column: string) => string;
  /** True number of rows when `rows` was already cut upstream. */
  readonly total?: number;
  /** Extra trailing column. */
  readonly tail?: { readonly header: string; readonly cell: (row: Row) => string };
}

function cellClass<Row>(col: Column<Row>, row: Row): string {
  const classes = [col.align === "right" ? "num" : "", MONO_COLUMNS.has(col.name) ? "mono" : ""];
  const tone = col.tone?.(row);
  if (tone !== undefined && tone !== "plain") classes.push(`tone-${tone}`);
  return classes.filter(Boolean).join(" ");
}

export function renderHtmlTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], options: HtmlTableOptions<Row>): string {
  const head = columns.map((c) => `<th${c.align === "right" ? ' class="num"' : ""} data-column="${e(c.name)}">${e(c.header)}</th>`);
  if (options.tail !== undefined) head.push(`<th>${e(options.tail.header)}</th>`);
  const shown = rows.slice(0, options.maxRows);
  const body = shown.map((row) => {
    const cells = columns.map((c) => {
      const cls = cellClass(c, row);
      return `<td${cls === "" ? "" : ` class="${cls}"`}>${e(c.cell(row))}${options.extra?.(row, c.name) ?? ""}</td>`;
    });
    if (options.tail !== undefined) cells.push(`<td>${options.tail.cell(row)}</td>`);
    return `<tr>${cells.join("")}</tr>`;
  });
  const hidden = Math.max(options.total ?? rows.length, rows.length) - shown.length;
  if (hidden > 0) {
    const span = columns.length + (options.tail === undefined ? 0 : 1);
    body.push(`<tr><td colspan="${span}" class="more-rows">… ${formatCount(hidden)} more ${hidden === 1 ? "row" : "rows"} (see --format json)</td></tr>`);
  }
  return `<table><thead><tr>${head.join("")}</tr></thead><tbody>${body.join("")}</tbody></table>`;
}

function evidence(f: Finding): string {
  if (f.evidence === undefined) return "";
  const ev = f.evidence;
  const parts = [`${formatCount(ev.flows)} ${ev.flows === 1 ? "flow" : "flows"}`, formatPackets(ev.packets)];
  if (ev.routes.length > 0) parts.push(`next hop of ${ev.routes.join("; ")}`);
  return `<div class="evidence">${e(parts.join(" · "))}</div>`;
}

const COMPACT_FINDING_COLUMNS = FINDING_COLUMNS.filter((c) => c.name === "eni" || c.name === "kind" || c.name === "message");

/**
 * Beside the picture the findings get three columns (scenario under the kind, fix under the
 * message) because five columns in a side panel wrap every word; below it they get all five.
 */
export function findingsTable(findings: readonly Finding[], compact: boolean, maxRows = HTML_MAX_ROWS): string {
  if (!compact) {
    return renderHtmlTable(FINDING_COLUMNS, findings, { maxRows, extra: (f, column) => (column === "message" ? evidence(f) : "") });
  }
  return renderHtmlTable(COMPACT_FINDING_COLUMNS, findings, {
    maxRows,
    extra: (f, column) => {
      if (column === "kind") return f.scenario === undefined ? "" : `<div class="evidence">${e(f.scenario)}</div>`;
      if (column !== "message") return "";
      return evidence(f) + (f.fix === undefined ? "" : `<div class="fix">Fix: ${e(f.fix)}</div>`);
    },
  });
}

export function dropsTable(drops: readonly DropRow[], total: number, maxRows = HTML_MAX_ROWS): string {
  return renderHtmlTable(DROP_COLUMNS, drops, { maxRows, total });
}

function hops(f: FlowRow): string {
  if (f.hops.length === 0) return "";
  const items = f.hops.map((h) => `<li>${e(h)}</li>`).join("");
  return `<details><summary>${f.hops.length} ${f.hops.length === 1 ? "hop" : "hops"}</summary><ol class="hops">${items}</ol></details>`;
}

/** Who reads the metadata service, and whether each would break once tokens are required. */
export function metadataTable(rows: readonly MetadataRow[], maxRows = HTML_MAX_ROWS): string {
  return renderHtmlTable(METADATA_COLUMNS, rows, { maxRows });
}

export function flowsTable(flows: readonly FlowRow[], maxRows = HTML_MAX_ROWS): string {
  return renderHtmlTable(FLOW_COLUMNS, flows, { maxRows, tail: { header: "TRACE", cell: hops } });
}
