/**
 * `lab run`: every declared flow sent for real through a lab that is up, one after another (the
 * counters are per ENI, so flows must not overlap), judged by the kernel, reported like `check`.
 */
import { resolveLoaders, type Loaders } from "../api/loaders";
import { trafficFiles } from "../api/traffic-input";
import { indexTopology } from "../model/topology-index";
import type { Topology } from "../model/topology";
import type { DeclaredFlow } from "../traffic/records";
import { LabError } from "./errors";
import { judgeProbe, type KernelVerdict } from "./kernel-verdict";
import { requireLab, resolveEnvironment, type LabEnvironment } from "./lab-lifecycle";
import { buildLabReport, type LabReport } from "./lab-report";
import { findOnPath } from "./lab-requirements";
import { planProbe } from "./probe-plan";
import { DEFAULT_PROBE_TIMINGS, runProbe, type ProbeTimings } from "./probe-runner";

export interface LabRunOptions extends LabEnvironment {
  readonly lab: string;
  /** Declared-flow files (YAML/JSON). */
  readonly traffic: string | readonly string[];
  readonly loaders?: Partial<Loaders>;
  readonly timings?: Partial<ProbeTimings>;
  /** Called after each flow (the CLI prints progress). */
  readonly onFlow?: (verdict: KernelVerdict, position: number, total: number) => void;
}

export interface LabRunResult {
  readonly report: LabReport;
  readonly topology: Topology;
}

export async function readDeclaredFlowFiles(files: readonly string[], loaders: Loaders): Promise<DeclaredFlow[]> {
  const flows: DeclaredFlow[] = [];
  for (const file of files) {
    const summary = await loaders.readTraffic(
      file,
      {
        declaredFlow: (flow) => flows.push(flow),
        packet: () => undefined,
        flowLog: () => undefined,
      },
      {},
    );
    if (summary.format !== "flows") {
      throw new LabError("NOT_DECLARED_FLOWS", `--traffic ${file}: is ${summary.format}; lab run sends declared flows (a YAML/JSON \`flows:\` list), it cannot replay captures or flow logs`);
    }
  }
  const seen = new Set<string>();
  for (const f of flows) {
    if (seen.has(f.name)) throw new LabError("NOT_DECLARED_FLOWS", `flow name "${f.name}" appears twice across --traffic files; names must be unique`);
    seen.add(f.name);
  }
  return flows;
}

export async function labRun(options: LabRunOptions): Promise<LabRunResult> {
  const env = resolveEnvironment(options);
  const state = await requireLab(env, options.lab);
  const files = trafficFiles(options.traffic);
  if (files.length === 0) throw new LabError("NOT_DECLARED_FLOWS", "lab run needs --traffic <declared flows file>");
  const flows = await readDeclaredFlowFiles(files, resolveLoaders(options.loaders));
  const index = indexTopology(state.topology);
  const plans = flows.map((f) => planProbe(state.blueprint, index, f));
  if (plans.some((p) => p.flow.protocol === "icmp") && options.checkRequirements !== false && findOnPath("python3") === undefined) {
    throw new LabError("MISSING_TOOL", "icmp flows are sent with python3 (raw sockets), which is not on PATH");
  }
  const timings = { ...DEFAULT_PROBE_TIMINGS, ...options.timings };
  const verdicts: KernelVerdict[] = [];
  for (const [position, plan] of plans.entries()) {
    const verdict = judgeProbe(plan, await runProbe(env.runner, state.blueprint, plan, timings));
    verdicts.push(verdict);
    options.onFlow?.(verdict, position, plans.length);
  }
  return { report: buildLabReport(index, verdicts, { lab: state.lab, plan: state.plan }), topology: state.topology };
}
