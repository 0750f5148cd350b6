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
import { buildMetadataFindings } from "./metadata-findings";
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

function dropRows(index: TopologyIndex, observed: ObservedTraffic, traces: readonly Trace[]): DropRow[] {
  const rows: DropRow[] = [];
  for (const c of observed.conversations.entries()) {
    const eni = index.enis[c.slot >> 1]!;
    if (!eni.checkEffective) continue;
    const egress = (c.slot & 1) === 1;
    rows.push({
      eni: eni.eni.id,
      direction: egress ? "egress" : "ingress",
      reason: egress ? "spoofed-source" : "not-destination",
      src: formatIpv4(c.src),
      dst: formatIpv4(c.dst),
      count: c.packets,
      bytes: c.bytes,
    });
  }
  for (const [slot, o] of observed.conversations.overflow) {
    const eni = index.enis[slot >> 1]!;
    if (!eni.checkEffective) continue;
    const egress = (slot & 1) === 1;
    // Conversations past the table's cap keep their totals but not their addresses.
    rows.push({ eni: eni.eni.id, direction: egress ? "egress" : "ingress", reason: egress ? "spoofed-source" : "not-destination", src: "*", dst: "*", count: o.packets, bytes: o.bytes });
  }
  for (const t of traces) {
    if (!t.denial) continue;
    rows.push({
      eni: index.enis[t.denial.eni]!.eni.id,
      direction: t.denial.direction,
      reason: t.denial.reason,
      src: formatIpv4(t.denial.src),
      dst: formatIpv4(t.denial.dst),
      count: 1,
      bytes: 0,
      flow: t.flow.name,
    });
  }
  return rows.sort((a, b) => b.count - a.count || b.bytes - a.bytes || a.eni.localeCompare(b.eni) || a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst) || a.direction.localeCompare(b.direction) || a.reason.localeCompare(b.reason));
}

export function buildCheckReport(index: TopologyIndex, observed: ObservedTraffic, options: BuildReportOptions = {}): CheckReport {
  const traces = observed.declared.map((f) => traceFlow(index, f));
  const flows = traces.map(flowRow);
  const evidence = gatherEvidence(index, { conversations: observed.conversations, vpnTraffic: observed.vpnTraffic, traces });
  const findings = [...buildFindings(index, evidence), ...buildMetadataFindings(index, observed.metadataRequests)];
  const drops = dropRows(index, observed, traces);
  const maxRows = options.maxDropRows ?? DEFAULT_MAX_DROP_ROWS;
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
    drops: drops.slice(0, maxRows),
    findings,
    flows,
    observed: { ...t },
    ...(options.inputs ? { inputs: options.inputs } : {}),
    region: { id: index.topology.region, sourceDestCheckSupported: index.regionSupported },
    dropRowsTotal: drops.length,
  };
}
