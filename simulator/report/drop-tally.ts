/**
 * Totals of drop rows for one node or arrow of the picture. Observed rows count packets; a
 * declared flow's row is one flow, not one packet (the evaluator gives it count 1, bytes 0), so
 * the two are kept apart and labelled in their own words.
 */
import type { DropRow } from "../model/check-report";
import { formatCount, formatPackets } from "./number-format";

export interface DropTally {
  packets: number;
  bytes: number;
  /** Names of declared flows dropped. */
  readonly declared: string[];
  /** Distinct src -> dst pairs. */
  readonly pairs: Set<string>;
}

export function newTally(): DropTally {
  return { packets: 0, bytes: 0, declared: [], pairs: new Set() };
}

export function addDrop(tally: DropTally, d: DropRow): DropTally {
  tally.pairs.add(`${d.src}\u0000${d.dst}`);
  if (d.flow === undefined) {
    tally.packets += d.count;
    tally.bytes += d.bytes;
  } else if (!tally.declared.includes(d.flow)) {
    tally.declared.push(d.flow);
  }
  return tally;
}

export function hasDrops(t: DropTally): boolean {
  return t.packets > 0 || t.declared.length > 0;
}

/** `1,234 pkts`, `flow web-out`, `3 declared flows`, `1,234 pkts + 2 declared flows`. */
export function tallyText(t: DropTally): string {
  const parts: string[] = [];
  if (t.packets > 0) parts.push(formatPackets(t.packets));
  if (t.declared.length === 1 && t.packets === 0) parts.push(`flow ${t.declared[0]}`);
  else if (t.declared.length > 0) parts.push(`${formatCount(t.declared.length)} declared ${t.declared.length === 1 ? "flow" : "flows"}`);
  return parts.join(" + ");
}
