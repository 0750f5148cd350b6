/**
 * Declared table columns (Batfish's answer tables: columns are data, rows are built once) and the
 * width rules that fit them to a terminal. The HTML page renders the same definitions.
 */
import type { Tone } from "./ansi-style";
import { displayWidth } from "./terminal-text";

export type Align = "left" | "right";

export interface Column<Row> {
  /** Stable key, mirrors the JSON field the column shows. */
  readonly name: string;
  readonly header: string;
  readonly align: Align;
  /** Never narrower than this (the header is truncated if it is longer). */
  readonly minWidth: number;
  /** Never wider than this, however long the content. */
  readonly maxWidth: number;
  /**
   * How willingly the column gives up width when the table is too wide: 0 never shrinks below its
   * natural width; larger values shrink first (free text such as messages).
   */
  readonly shrink: number;
  /** Plain text of the cell, before sanitising and truncation. */
  readonly cell: (row: Row) => string;
  readonly tone?: (row: Row) => Tone;
}

/** Column separator: two spaces read better than bars and copy-paste cleanly. */
export const COLUMN_GAP = 2;

/**
 * Natural width = widest of header and cells, clamped to [minWidth, maxWidth]. When the sum is over
 * `totalWidth`, the columns with the highest `shrink` lose one cell at a time (ties: the one with
 * the most room above its minimum, then the leftmost), so the result is deterministic.
 */
export function fitColumnWidths<Row>(
  columns: readonly Column<Row>[],
  cells: readonly (readonly string[])[],
  totalWidth: number,
): number[] {
  const widths = columns.map((col, i) => {
    let natural = displayWidth(col.header);
    for (const row of cells) natural = Math.max(natural, displayWidth(row[i] ?? ""));
    return Math.min(col.maxWidth, Math.max(col.minWidth, natural));
  });
  let excess = widths.reduce((a, b) => a + b, 0) + COLUMN_GAP * (columns.length - 1) - totalWidth;
  while (excess > 0) {
    let pick = -1;
    for (let i = 0; i < columns.length; i += 1) {
      const col = columns[i]!;
      if (col.shrink <= 0 || widths[i]! <= col.minWidth) continue;
      if (pick < 0) {
        pick = i;
        continue;
      }
      const best = columns[pick]!;
      const room = widths[i]! - col.minWidth;
      const bestRoom = widths[pick]! - best.minWidth;
      if (col.shrink > best.shrink || (col.shrink === best.shrink && room > bestRoom)) pick = i;
    }
    if (pick < 0) break; // nothing left to shrink: the terminal wraps, better than losing columns
    widths[pick] = widths[pick]! - 1;
    excess -= 1;
  }
  return widths;
}
