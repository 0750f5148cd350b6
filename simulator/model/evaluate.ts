/**
 * Turns what the aggregator gathered into the check report: traces of declared flows become
 * flow rows, foreign conversations at ENIs with the check on become drop rows, and the evidence
 * per ENI becomes findings. Pure: (index, observed traffic) → CheckReport.
 */
import type { CheckReport, DropRow, FlowRow, InputSummary } from "./check-report";
import { isSuccess, type Disposition } from "./disposition";
import { buildFindings, gatherEvidence } from "./findings";
import { traceFlow } from "./flow-tracer";
import { formatIpv4 } from "./ipv4";
import { buildMetadataFindings, metadataReads } from "./metadata-findings";
import type { ObservedTraffic } from "./observed-traffic";
import type { TopologyIndex } from "./topology-index";
import { formatHops, type Trace } from "./trace";
import type { DeclaredFlow } from "../traffic/records";

export const DEFAULT_MAX_DROP_ROWS = 1000;

export interface BuildReportOptions {
  /** Largest drop rows kept; `dropRowsTotal` keeps the true number. */
  readonly maxDropRows?: number;
  readonly inputs?: readonly InputSummary[];
}

export function flowRow(trace: Trace): FlowRow {
  return flowRowOf(trace.flow, trace.disposition, formatHops(trace.hops));
}

/** A declared flow's answer row, whoever judged it (the model's tracer, or the live lab's kernel). */
export function flowRowOf(f: DeclaredFlow, disposition: Disposition, hops: readonly string[]): FlowRow {
  return {
    name: f.name,
    src: f.src,
    dst: f.dst,
    protocol: f.protocol,
    ...(f.dstPort !== undefined ? { dstPort: f.dstPort } : {}),
    disposition,
    ...(f.expect !== undefined ? { expect: f.expect } : {}),
    asExpected: f.expect === undefined ? true : (f.expect === "allowed") === isSuccess(disposition),
    hops,
  };
}

/** A declared flow fails the check run when it is dropped unasked, or its `expect` disagrees. */
export const isUnexpected = (row: FlowRow): boolean => (row.expect === undefined ? !isSuccess(row.disposition) : !row.asExpected);

/**
 * A drop row before its text is made: a capture of many conversations gives tens of thousands,
 * of which the report keeps the largest, so only those kept are formatted.
 */
interface DropCandidate {
  readonly eni: string;
  readonly egress: boolean;
  /** Addresses as uint32; undefined for the overflow bucket ("*"). */
  readonly src?: number;
  readonly dst?: number;
  readonly count: number;
  readonly bytes: number;
  readonly reason?: DropRow["reason"];
  readonly flow?: string;
  /** The row, made when first needed (by a tie-break or by the cut). */
  row?: DropRow;
}

/**
 * The candidates that can be among the `keep` largest (every one whose count reaches the
 * keep-th largest count, ties included), and how many candidates there are in all. The
 * conversations are visited twice without an object each: once for their counts (a native
 * numeric sort finds the threshold), once to make candidates of those that reach it.
 */
function dropCandidates(index: TopologyIndex, observed: ObservedTraffic, traces: readonly Trace[], keep: number): { candidates: DropCandidate[]; total: number } {
  const checked = (slot: number): boolean => index.enis[slot >> 1]!.checkEffective;
  const others: DropCandidate[] = [];
  for (const [slot, o] of observed.conversations.overflow) {
    // Conversations past the table's cap keep their totals but not their addresses.
    if (checked(slot)) others.push({ eni: index.enis[slot >> 1]!.eni.id, egress: (slot & 1) === 1, count: o.packets, bytes: o.bytes });
  }
  for (const t of traces) {
    if (!t.denial) continue;
    const d = t.denial;
    others.push({ eni: index.enis[d.eni]!.eni.id, egress: d.direction === "egress", src: d.src, dst: d.dst, count: 1, bytes: 0, reason: d.reason, flow: t.flow.name });
  }
  const counts: number[] = others.map((c) => c.count);
  observed.conversations.forEach((slot, _src, _dst, packets) => {
    if (checked(slot)) counts.push(packets);
  });
  const threshold = counts.length <= keep ? Number.NEGATIVE_INFINITY : keep <= 0 ? Number.POSITIVE_INFINITY : Float64Array.from(counts).sort()[counts.length - keep]!;
  const candidates = others.filter((c) => c.count >= threshold);
  observed.conversations.forEach((slot, src, dst, packets, bytes) => {
    if (packets >= threshold && checked(slot)) candidates.push({ eni: index.enis[slot >> 1]!.eni.id, egress: (slot & 1) === 1, src, dst, count: packets, bytes });
  });
  return { candidates, total: counts.length };
}

function rowOf(c: DropCandidate): DropRow {
  if (c.row !== undefined) return c.row;
  c.row = {
    eni: c.eni,
    direction: c.egress ? "egress" : "ingress",
    reason: c.reason ?? (c.egress ? "spoofed-source" : "not-destination"),
    src: c.src === undefined ? "*" : formatIpv4(c.src),
    dst: c.dst === undefined ? "*" : formatIpv4(c.dst),
    count: c.count,
    bytes: c.bytes,
    ...(c.flow !== undefined ? { flow: c.flow } : {}),
  };
  return c.row;
}

/** Largest first (packets, then bytes); ties by ENI, then the rows' text, so the order is stable. */
function byLargest(a: DropCandidate, b: DropCandidate): number {
  const numeric = b.count - a.count || b.bytes - a.bytes;
  if (numeric !== 0) return numeric;
  const x = rowOf(a);
  const y = rowOf(b);
  return x.eni.localeCompare(y.eni) || x.src.localeCompare(y.src) || x.dst.localeCompare(y.dst) || x.direction.localeCompare(y.direction) || x.reason.localeCompare(y.reason);
}

/** The largest `maxRows` drop rows in report order, and how many there are in all. */
function dropRows(index: TopologyIndex, observed: ObservedTraffic, traces: readonly Trace[], maxRows: number): { rows: DropRow[]; total: number } {
  const { candidates, total } = dropCandidates(index, observed, traces, maxRows);
  return { rows: candidates.sort(byLargest).slice(0, maxRows).map(rowOf), total };
}

export function buildCheckReport(index: TopologyIndex, observed: ObservedTraffic, options: BuildReportOptions = {}): CheckReport {
  const traces = observed.declared.map((f) => traceFlow(index, f));
  const flows = traces.map(flowRow);
  const evidence = gatherEvidence(index, { conversations: observed.conversations, vpnTraffic: observed.vpnTraffic, traces });
  const findings = [...buildFindings(index, evidence), ...buildMetadataFindings(index, observed)];
  const drops = dropRows(index, observed, traces, options.maxDropRows ?? DEFAULT_MAX_DROP_ROWS);
  const metadata = metadataReads(index, observed);
  const t = observed.totals;
  const declaredDropped = flows.filter((r) => !isSuccess(r.disposition)).length;
  const dropped = declaredDropped + t.droppedRecords;
  const total = flows.length + t.records;
  return {
    summary: {
      flows: total,
      allowed: total - dropped,
      dropped,
      unexpected: flows.filter(isUnexpected).length + t.droppedRecords,
    },
    drops: drops.rows,
    findings,
    flows,
    observed: { ...t },
    ...(options.inputs ? { inputs: options.inputs } : {}),
    region: { id: index.topology.region, sourceDestCheckSupported: index.regionSupported },
    dropRowsTotal: drops.total,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
