/**
 * A plain text table laid out from declared columns, for the answers the report renderers do
 * not know (diff, assess). Cells are cut to a width so one long hop list cannot wreck the layout.
 */
import type { TableColumns } from "../model/answer-columns";

const MAX_CELL = 48;

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = Array.isArray(value) ? value.join(" | ") : String(value);
  // Control characters from traffic files must not reach the terminal.
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length > MAX_CELL ? `${clean.slice(0, MAX_CELL - 1)}…` : clean;
}

export function textTable<Row>(title: string, columns: TableColumns<Row>, rows: readonly Row[], maxRows = 50): string {
  if (rows.length === 0) return `${title}: none\n`;
  const shown = rows.slice(0, maxRows);
  const grid = [columns.map((c) => c.name), ...shown.map((r) => columns.map((c) => cell(r[c.name])))];
  const widths = columns.map((_, i) => Math.max(...grid.map((line) => line[i]!.length)));
  const lines = grid.map((line) => line.map((v, i) => v.padEnd(widths[i]!)).join("  ").trimEnd());
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const more = rows.length > shown.length ? `… ${rows.length - shown.length} more rows (use --format json for all)\n` : "";
  return `${title} (${rows.length})\n${lines.join("\n")}\n${more}`;
}
