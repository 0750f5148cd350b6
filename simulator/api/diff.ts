/**
 * `diff`: flows that start or stop being dropped between two plans (e.g. the live account and
 * the program), with each traffic file read once and judged against both.
 */
import { buildCheckReport } from "../model/evaluate";
import { diffReports, type DiffReport } from "../model/diff-report";
import { FanOutSink } from "../model/fan-out-sink";
import { ObservedTraffic } from "../model/observed-traffic";
import { indexTopology } from "../model/topology-index";
import type { Topology } from "../model/topology";
import { describePlan, loadTopology, resolveLoaders, type Loaders, type PlanSource } from "./loaders";
import { observedOptions, readAllTraffic, trafficFiles, type ProgressListener } from "./traffic-input";

export interface DiffOptions {
  readonly from: PlanSource;
  readonly to: PlanSource;
  readonly traffic?: string | readonly string[];
  readonly lenient?: boolean;
  readonly onProgress?: ProgressListener;
  /** The ENI a capture without MACs (Linux cooked, raw IP) was taken on. */
  readonly captureEni?: string;
  readonly loaders?: Partial<Loaders>;
}

export interface DiffResult {
  readonly report: DiffReport;
  readonly from: Topology;
  /** The --to plan (the HTML report draws it). */
  readonly to: Topology;
}

export async function diff(options: DiffOptions): Promise<DiffReport> {
  return (await diffPlans(options)).report;
}

export async function diffPlans(options: DiffOptions): Promise<DiffResult> {
  const loaders = resolveLoaders(options.loaders);
  const files = trafficFiles(options.traffic);
  const fromTopology = await loadTopology(options.from, loaders, "--from");
  // The base plan (often the live account) supplies what the new plan references without declaring.
  const toTopology = await loadTopology(options.to, loaders, "--to", { base: fromTopology });
  const base = indexTopology(fromTopology);
  const delta = indexTopology(toTopology);
  const baseSink = new ObservedTraffic(base, observedOptions(options, base));
  const deltaSink = new ObservedTraffic(delta, observedOptions(options, delta));
  const inputs = await readAllTraffic(files, new FanOutSink([baseSink, deltaSink]), loaders, options);
  // Uncut on both sides: a row cut from one side only would read as a change.
  const all = { inputs, maxDropRows: Number.POSITIVE_INFINITY };
  const report = diffReports(buildCheckReport(base, baseSink, all), buildCheckReport(delta, deltaSink, all), {
    base: describePlan(options.from),
    delta: describePlan(options.to),
  });
  return { report, from: fromTopology, to: toTopology };
}
