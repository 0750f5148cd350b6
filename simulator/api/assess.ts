/**
 * `assess`: would the 2025 default turn the check on for this account, and what would break.
 * The account comes from a live endpoint (the ECS API, or the emulator) or a topology; the
 * traffic is its flow logs.
 */
import { assessAccount, recreatedUnderNewDefault, type AssessReport } from "../model/assessment";
import { buildCheckReport } from "../model/evaluate";
import { FanOutSink } from "../model/fan-out-sink";
import { ObservedTraffic } from "../model/observed-traffic";
import { indexTopology } from "../model/topology-index";
import { UsageError } from "../errors";
import type { Topology } from "../model/topology";
import { loadTopology, resolveLoaders, type Loaders, type PlanSource } from "./loaders";
import { observedOptions, readAllTraffic, trafficFiles, type ProgressListener } from "./traffic-input";

export interface AssessOptions {
  /** The ECS API endpoint of the account (e.g. the emulator's URL). */
  readonly endpoint?: string;
  /** Or the account as a plan source (a topology file, a stack export, a Topology). */
  readonly topology?: PlanSource;
  readonly traffic?: string | readonly string[];
  readonly lenient?: boolean;
  readonly onProgress?: ProgressListener;
  /** The ENI a capture without MACs (Linux cooked, raw IP) was taken on. */
  readonly captureEni?: string;
  readonly loaders?: Partial<Loaders>;
}

export interface AssessResult {
  readonly report: AssessReport;
  readonly topology: Topology;
}

export async function assess(options: AssessOptions): Promise<AssessReport> {
  return (await assessPlan(options)).report;
}

export async function assessPlan(options: AssessOptions): Promise<AssessResult> {
  if ((options.endpoint === undefined) === (options.topology === undefined)) {
    throw new UsageError("CONFLICTING_OPTIONS", "assess needs exactly one of --endpoint <ecs api url> or --plan <topology>");
  }
  const loaders = resolveLoaders(options.loaders);
  const files = trafficFiles(options.traffic);
  const source: PlanSource = options.endpoint !== undefined ? { endpoint: options.endpoint } : options.topology!;
  const topology = await loadTopology(source, loaders, options.endpoint !== undefined ? "--endpoint" : "--plan");
  const current = indexTopology(topology);
  const recreated = indexTopology(recreatedUnderNewDefault(topology));
  const currentSink = new ObservedTraffic(current, observedOptions(options, current));
  const recreatedSink = new ObservedTraffic(recreated, observedOptions(options, recreated));
  const inputs = await readAllTraffic(files, new FanOutSink([currentSink, recreatedSink]), loaders, options);
  const report = assessAccount(current, buildCheckReport(current, currentSink, { inputs }), buildCheckReport(recreated, recreatedSink, { inputs }));
  return { report, topology };
}
