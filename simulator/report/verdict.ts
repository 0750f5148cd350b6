/**
 * The one-line answer printed first by every format: what would be dropped, where, why, and the fix.
 * Pure: derived from the report only, so the table and the HTML page always agree.
 */
import type { CheckReport, DropRow, FlowRow } from "../model/check-report";
import { formatCount } from "./number-format";

export type VerdictTone = "bad" | "good";

export interface EniDrops {
  readonly eni: string;
  /** Distinct src -> dst pairs dropped at this ENI. */
  readonly flows: number;
  readonly packets: number;
  readonly bytes: number;
}

export interface Verdict {
  readonly tone: VerdictTone;
  readonly headline: string;
  /** Further lines: one per dropping ENI when there are several, unexpected flows, lock-down hints. */
  readonly details: readonly string[];
}

const CAUSE = "Source/Destination Check is on";
const FIX = "set sourceDestCheck: false";
/** Detail lists are cut here: the verdict is a summary, the tables below carry every row. */
const DETAIL_CAP = 5;

/**
 * A drop row that comes from a declared flow whose author expected it to be dropped: intended,
 * so it is neither counted in the verdict nor answered with "turn the check off".
 */
export function expectedDrops(report: CheckReport): Set<DropRow> {
  const intended = new Set((report.flows ?? []).filter((f: FlowRow) => f.expect === "dropped" && f.asExpected).map((f) => f.name));
  return new Set(report.drops.filter((d) => d.flow !== undefined && intended.has(d.flow)));
}

/** Drops grouped per ENI, most packets first (ties by ENI id) so the worst offender leads. */
export function dropsByEni(drops: readonly DropRow[]): EniDrops[] {
  const byEni = new Map<string, { pairs: Set<string>; packets: number; bytes: number }>();
  for (const d of drops) {
    let agg = byEni.get(d.eni);
    if (agg === undefined) {
      agg = { pairs: new Set(), packets: 0, bytes: 0 };
      byEni.set(d.eni, agg);
    }
    agg.pairs.add(`${d.src}\u0000${d.dst}`);
    // A declared flow's row counts 1 "packet" by convention; only observed packets are packets.
    if (d.flow === undefined) {
      agg.packets += d.count;
      agg.bytes += d.bytes;
    }
  }
  return [...byEni.entries()]
    .map(([eni, a]) => ({ eni, flows: a.pairs.size, packets: a.packets, bytes: a.bytes }))
    .sort((a, b) => b.packets - a.packets || (a.eni < b.eni ? -1 : a.eni > b.eni ? 1 : 0));
}

function flowsWord(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "flow" : "flows"}`;
}

function packetsNote(n: number): string {
  return n > 0 ? ` (${formatCount(n)} ${n === 1 ? "packet" : "packets"})` : "";
}

export function computeVerdict(report: CheckReport): Verdict {
  const expected = expectedDrops(report);
  const perEni = dropsByEni(report.drops.filter((d) => !expected.has(d)));
  const unexpected = (report.flows ?? []).filter((f) => !f.asExpected);
  const lockable = report.findings.filter((f) => f.kind === "can-enable").map((f) => f.eni);
  // Forwarders found from the plan alone (a route points at them): nothing observed, yet certain to drop.
  const routedInto = report.findings.filter((f) => f.kind === "must-disable" && (f.evidence?.routes.length ?? 0) > 0);
  const details: string[] = [];

  let headline: string;
  if (perEni.length === 1) {
    const only = perEni[0]!;
    headline = `${flowsWord(only.flows)}${packetsNote(only.packets)} would be dropped at ${only.eni}: ${CAUSE}; ${FIX}`;
  } else if (perEni.length > 1) {
    const flows = perEni.reduce((n, e) => n + e.flows, 0);
    const packets = perEni.reduce((n, e) => n + e.packets, 0);
    headline = `${flowsWord(flows)}${packetsNote(packets)} would be dropped at ${perEni.length} ENIs: ${CAUSE}; ${FIX} on each`;
    for (const e of perEni) details.push(`${e.eni}: ${flowsWord(e.flows)}${packetsNote(e.packets)}`);
  } else if (routedInto.length > 0) {
    const first = routedInto[0]!;
    const more = routedInto.length > 1 ? ` (and ${formatCount(routedInto.length - 1)} more ENIs)` : "";
    headline = `${first.eni}${more} would drop what is routed to it: ${CAUSE} while ${first.evidence?.routes[0] ?? "a route"} points at it; ${first.fix ?? FIX}`;
    for (const f of routedInto.slice(1, DETAIL_CAP + 1)) details.push(`${f.eni}: ${f.fix ?? FIX}`);
  } else if (unexpected.length > 0) {
    headline = `Nothing observed would be dropped, but ${flowsWord(unexpected.length)} did not behave as declared`;
  } else if (expected.size > 0) {
    headline = `Nothing unexpected would be dropped (${flowsWord(expected.size)} dropped as declared)`;
  } else {
    headline = "Nothing would be dropped";
  }

  if (unexpected.length > 0 && perEni.length > 0) {
    details.push(`${flowsWord(unexpected.length)} did not behave as declared`);
  }
  for (const f of unexpected.slice(0, DETAIL_CAP)) {
    details.push(`${f.name}: expected ${f.expect ?? "?"}, got ${f.disposition}`);
  }
  if (unexpected.length > DETAIL_CAP) details.push(`… ${formatCount(unexpected.length - DETAIL_CAP)} more`);
  if (lockable.length > 0) {
    const n = lockable.length;
    const names = lockable.slice(0, DETAIL_CAP).join(", ") + (n > DETAIL_CAP ? ", …" : "");
    details.push(`${formatCount(n)} ${n === 1 ? "ENI" : "ENIs"} could safely have the check on: ${names}`);
  }
  const tone: VerdictTone = perEni.length > 0 || unexpected.length > 0 || routedInto.length > 0 ? "bad" : "good";
  return { tone, headline, details };
}
