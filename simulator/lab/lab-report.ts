/**
 * The kernel's answer in the shape of `eni-sim check`'s JSON report (summary, drops, findings,
 * flows), plus a `lab` section that sets it beside the model's answer for the same flows. Pure:
 * (index, kernel verdicts) → LabReport. Findings stay empty: they are the model's advice, and
 * this report says only what the kernel did.
 */
import type { CheckReport, DropRow, FlowRow } from "../model/check-report";
import type { Disposition } from "../model/disposition";
import { isSuccess } from "../model/disposition";
import { flowRowOf, isUnexpected } from "../model/evaluate";
import { traceFlow } from "../model/flow-tracer";
import type { TopologyIndex } from "../model/topology-index";
import { formatHops } from "../model/trace";
import type { KernelVerdict } from "./kernel-verdict";

export interface LabFlowComparison {
  readonly name: string;
  readonly kernel: Disposition;
  readonly model: Disposition;
  readonly agrees: boolean;
  readonly sender: string;
  readonly arrival: string;
  readonly arrivedPackets: number;
  /** Source addresses of what arrived (a NAT on the way shows as its own address). */
  readonly arrivedFrom: readonly string[];
  /** The model's trace, to read beside the kernel's hops when they disagree. */
  readonly modelHops: readonly string[];
}

export interface LabSection {
  readonly name: string;
  readonly plan: string;
  readonly agreements: number;
  readonly disagreements: number;
  readonly flows: readonly LabFlowComparison[];
}

export interface LabReport extends CheckReport {
  readonly lab: LabSection;
}

function flowRow(v: KernelVerdict): FlowRow {
  return flowRowOf(v.plan.flow, v.disposition, v.hops);
}

const byCount = (a: DropRow, b: DropRow): number =>
  b.count - a.count || b.bytes - a.bytes || a.eni.localeCompare(b.eni) || a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst) || a.direction.localeCompare(b.direction);

export function buildLabReport(index: TopologyIndex, verdicts: readonly KernelVerdict[], context: { readonly lab: string; readonly plan: string }): LabReport {
  const flows = verdicts.map(flowRow);
  const drops = verdicts.flatMap((v) => v.drops).sort(byCount);
  const comparisons: LabFlowComparison[] = verdicts.map((v) => {
    const trace = traceFlow(index, v.plan.flow);
    return {
      name: v.plan.flow.name,
      kernel: v.disposition,
      model: trace.disposition,
      agrees: trace.disposition === v.disposition,
      sender: v.plan.sender.label,
      arrival: v.plan.arrival.label,
      arrivedPackets: v.arrived.packets,
      arrivedFrom: v.arrivedFrom,
      modelHops: formatHops(trace.hops),
    };
  });
  const dropped = flows.filter((r) => !isSuccess(r.disposition)).length;
  const agreements = comparisons.filter((c) => c.agrees).length;
  return {
    summary: { flows: flows.length, allowed: flows.length - dropped, dropped, unexpected: flows.filter(isUnexpected).length },
    drops,
    findings: [],
    flows,
    region: { id: index.topology.region, sourceDestCheckSupported: index.regionSupported },
    dropRowsTotal: drops.length,
    lab: { name: context.lab, plan: context.plan, agreements, disagreements: comparisons.length - agreements, flows: comparisons },
  };
}
