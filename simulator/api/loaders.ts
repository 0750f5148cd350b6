/**
 * The two edges of every command: a plan source becomes a Topology (simulator/plan's loadPlan),
 * and traffic files stream into a sink (simulator/traffic's readTraffic). Both are injectable so
 * the API runs in tests and in embedders (the policy pack) without files or a live account.
 */
// Imported statically: vitest and tsx's CommonJS hook resolve TypeScript only through static
// imports; the plan adapters load Pulumi and the cloud SDKs lazily themselves.
import { UsageError } from "../errors";
import { loadPlan } from "../plan";
import { readTraffic } from "../traffic/read-traffic";
import type { Topology } from "../model/topology";
import type { ReadTrafficOptions, TrafficReadSummary, TrafficSink } from "../traffic/records";

/** A plan: a path (topology file, preview JSON, stack export, program directory), a live endpoint, or a topology already built. */
export type PlanSource = string | { readonly endpoint: string } | Topology;

export interface PlanLoadOptions {
  /** Elements a Pulumi plan references without declaring them (an existing vSwitch): the other plan of a diff. */
  readonly base?: Topology;
}

export type PlanLoader = (source: string | { readonly endpoint: string }, options?: PlanLoadOptions) => Promise<Topology>;
export type TrafficReader = (file: string, sink: TrafficSink, options: ReadTrafficOptions) => Promise<TrafficReadSummary>;

export interface Loaders {
  readonly loadPlan: PlanLoader;
  readonly readTraffic: TrafficReader;
}

export const defaultLoaders: Loaders = {
  loadPlan: (source, options = {}) => {
    const planOptions = options.base === undefined ? {} : { base: options.base };
    return typeof source === "string" ? loadPlan(source, planOptions) : loadPlan({ kind: "live", endpoint: source.endpoint }, planOptions);
  },
  readTraffic: (file, sink, options) => readTraffic(file, sink, options),
};

export function resolveLoaders(overrides: Partial<Loaders> | undefined): Loaders {
  return { ...defaultLoaders, ...overrides };
}

const isTopology = (source: PlanSource): source is Topology => typeof source === "object" && "networkInterfaces" in source;

export async function loadTopology(source: PlanSource, loaders: Loaders, option: string, options: PlanLoadOptions = {}): Promise<Topology> {
  if (isTopology(source)) return source;
  if (typeof source === "string" && source.trim() === "") throw new UsageError("MISSING_OPTION", `${option} needs a plan: a topology file, preview JSON, stack export, program directory or live:<endpoint>`);
  return loaders.loadPlan(source, options);
}

/** Names a plan source in reports and messages. */
export function describePlan(source: PlanSource): string {
  if (typeof source === "string") return source;
  if (isTopology(source)) return `topology (${source.region})`;
  return source.endpoint;
}
