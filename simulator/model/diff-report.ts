/**
 * `eni-sim diff`: the same traffic judged against two plans, answered in Batfish's differential
 * style — rows paired by their key columns, with base (from) and delta (to) value columns, and
 * only the rows whose verdict changes: flows that start or stop being dropped.
 */
import { DROP_COLUMNS, FLOW_COLUMNS, rowKey, type TableColumns } from "./answer-columns";
import type { CheckReport, CheckSummary, Direction, DropReason, DropRow, Finding, FlowRow } from "./check-report";
import { isSuccess, type Disposition } from "./disposition";

export type DiffChange = "starts-dropping" | "stops-dropping";

export interface FlowDiffRow {
  readonly name: string;
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  readonly dstPort?: number;
  /** Missing when the flow was not declared against that plan. */
  readonly baseDisposition?: Disposition;
  readonly deltaDisposition?: Disposition;
  readonly change: DiffChange;
  /** The trace in the plan where it is dropped. */
  readonly hops: readonly string[];
}

export interface DropDiffRow {
  readonly eni: string;
  readonly direction: Direction;
  readonly reason: DropReason;
  readonly src: string;
  readonly dst: string;
  readonly baseCount: number;
  readonly deltaCount: number;
  readonly baseBytes: number;
  readonly deltaBytes: number;
  readonly change: DiffChange;
}

export interface DiffReport {
  readonly summary: {
    readonly startsDropping: number;
    readonly stopsDropping: number;
    readonly base: CheckSummary;
    readonly delta: CheckSummary;
  };
  readonly flows: readonly FlowDiffRow[];
  readonly drops: readonly DropDiffRow[];
  /** Findings about the `to` plan: what to change before applying it. */
  readonly findings: readonly Finding[];
  readonly plans: { readonly base: string; readonly delta: string };
}

export const FLOW_DIFF_COLUMNS: TableColumns<FlowDiffRow> = [
  { name: "name", schema: "string", description: "declared flow name", isKey: true },
  { name: "src", schema: "string", description: "source address", isKey: false },
  { name: "dst", schema: "string", description: "destination address", isKey: false },
  { name: "baseDisposition", schema: "disposition", description: "outcome with the base (--from) plan", isKey: false },
  { name: "deltaDisposition", schema: "disposition", description: "outcome with the delta (--to) plan", isKey: false },
  { name: "change", schema: "string", description: "starts-dropping or stops-dropping", isKey: false },
];

export const DROP_DIFF_COLUMNS: TableColumns<DropDiffRow> = [
  { name: "eni", schema: "string", description: "ENI whose check drops the traffic", isKey: true },
  { name: "direction", schema: "string", description: "ingress or egress", isKey: true },
  { name: "reason", schema: "string", description: "not-destination or spoofed-source", isKey: true },
  { name: "src", schema: "string", description: "source address", isKey: true },
  { name: "dst", schema: "string", description: "destination address", isKey: true },
  { name: "baseCount", schema: "integer", description: "packets dropped with the base plan", isKey: false },
  { name: "deltaCount", schema: "integer", description: "packets dropped with the delta plan", isKey: false },
  { name: "baseBytes", schema: "bytes", description: "bytes dropped with the base plan", isKey: false },
  { name: "deltaBytes", schema: "bytes", description: "bytes dropped with the delta plan", isKey: false },
  { name: "change", schema: "string", description: "starts-dropping or stops-dropping", isKey: false },
];

function diffFlows(base: readonly FlowRow[], delta: readonly FlowRow[]): FlowDiffRow[] {
  const baseByKey = new Map(base.map((r) => [rowKey(FLOW_COLUMNS, r), r]));
  const rows: FlowDiffRow[] = [];
  for (const d of delta) {
    const b = baseByKey.get(rowKey(FLOW_COLUMNS, d));
    if (!b) continue;
    const was = isSuccess(b.disposition);
    const is = isSuccess(d.disposition);
    if (was === is) continue;
    rows.push({
      name: d.name,
      src: d.src,
      dst: d.dst,
      protocol: d.protocol,
      ...(d.dstPort !== undefined ? { dstPort: d.dstPort } : {}),
      baseDisposition: b.disposition,
      deltaDisposition: d.disposition,
      change: is ? "stops-dropping" : "starts-dropping",
      hops: is ? b.hops : d.hops,
    });
  }
  return rows;
}

function diffDrops(base: readonly DropRow[], delta: readonly DropRow[]): DropDiffRow[] {
  // Declared flows are compared as flows; here only observed traffic.
  const observed = (rows: readonly DropRow[]) => new Map(rows.filter((r) => r.flow === undefined).map((r) => [rowKey(DROP_COLUMNS, r), r]));
  const b = observed(base);
  const d = observed(delta);
  const rows: DropDiffRow[] = [];
  const row = (r: DropRow, from: DropRow | undefined, to: DropRow | undefined): DropDiffRow => ({
    eni: r.eni,
    direction: r.direction,
    reason: r.reason,
    src: r.src,
    dst: r.dst,
    baseCount: from?.count ?? 0,
    deltaCount: to?.count ?? 0,
    baseBytes: from?.bytes ?? 0,
    deltaBytes: to?.bytes ?? 0,
    change: to ? "starts-dropping" : "stops-dropping",
  });
  for (const [key, r] of d) if (!b.has(key)) rows.push(row(r, undefined, r));
  for (const [key, r] of b) if (!d.has(key)) rows.push(row(r, r, undefined));
  return rows.sort((x, y) => Math.max(y.baseCount, y.deltaCount) - Math.max(x.baseCount, x.deltaCount));
}

export function diffReports(base: CheckReport, delta: CheckReport, plans: { base: string; delta: string }, maxRows = 1000): DiffReport {
  const flows = diffFlows(base.flows ?? [], delta.flows ?? []);
  const drops = diffDrops(base.drops, delta.drops);
  const count = (change: DiffChange) => flows.filter((r) => r.change === change).length + drops.filter((r) => r.change === change).length;
  return {
    summary: { startsDropping: count("starts-dropping"), stopsDropping: count("stops-dropping"), base: base.summary, delta: delta.summary },
    flows,
    drops: drops.slice(0, maxRows),
    findings: delta.findings,
    plans,
  };
}
