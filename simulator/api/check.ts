/**
 * `check`: which packets this plan would drop, at which ENI, why, and what to change.
 */
import { buildCheckReport } from "../model/evaluate";
import type { CheckReport } from "../model/check-report";
import { ObservedTraffic } from "../model/observed-traffic";
import { indexTopology } from "../model/topology-index";
import type { Topology } from "../model/topology";
import { loadTopology, resolveLoaders, type Loaders, type PlanSource } from "./loaders";
import { observedOptions, readAllTraffic, trafficFiles, type ProgressListener } from "./traffic-input";

export interface CheckOptions {
  readonly plan: PlanSource;
  /** Capture, flow-log or declared-flow files (the format is detected from content). */
  readonly traffic?: string | readonly string[];
  /** Skip bad records (counted in `inputs[].skipped`) instead of failing on the first. */
  readonly lenient?: boolean;
  readonly onProgress?: ProgressListener;
  /** The ENI a capture without MACs (Linux cooked, raw IP) was taken on. */
  readonly captureEni?: string;
  /** Largest drop rows kept in the report (default 1000). */
  readonly maxDropRows?: number;
  readonly loaders?: Partial<Loaders>;
}

export interface CheckResult {
  readonly report: CheckReport;
  /** The plan as evaluated (the HTML report draws it). */
  readonly topology: Topology;
}

export async function checkPlan(options: CheckOptions): Promise<CheckResult> {
  const loaders = resolveLoaders(options.loaders);
  const files = trafficFiles(options.traffic);
  const topology = await loadTopology(options.plan, loaders, "--plan");
  const index = indexTopology(topology);
  const observed = new ObservedTraffic(index, observedOptions(options, index));
  const inputs = await readAllTraffic(files, observed, loaders, options);
  const report = buildCheckReport(index, observed, { inputs, ...(options.maxDropRows !== undefined ? { maxDropRows: options.maxDropRows } : {}) });
  return { report, topology };
}

export async function check(options: CheckOptions): Promise<CheckReport> {
  return (await checkPlan(options)).report;
}
