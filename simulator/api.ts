/**
 * The programmatic face of `eni-sim` (what the CLI calls and sdk/ re-exports): each function
 * works without argv, takes plan sources and traffic files, and returns a report value.
 */
export { check, checkPlan, type CheckOptions, type CheckResult } from "./api/check";
export { diff, diffPlans, type DiffOptions, type DiffResult } from "./api/diff";
export { assess, assessPlan, type AssessOptions, type AssessResult } from "./api/assess";
export { defaultLoaders, type Loaders, type PlanLoader, type PlanSource, type TrafficReader } from "./api/loaders";
export type { TrafficProgress, ProgressListener } from "./api/traffic-input";
export { exitCodeOf, type ExitCode } from "./api/exit-code";
export type { CheckReport, Finding, DropRow, FlowRow } from "./model/check-report";
export type { DiffReport, FlowDiffRow, DropDiffRow } from "./model/diff-report";
export type { AssessReport } from "./model/assessment";
export type { Topology } from "./model/topology";
export { SimulatorError, ModelError, UsageError, isInputError } from "./errors";
export type { FindingKind } from "./model/check-report";
// For embedders that hold Pulumi resources rather than files (the CrossGuard policy pack).
// (The light modules only: simulator/plan's index also pulls in the cloud SDKs for live plans.)
export { mapPulumiResources } from "./plan/pulumi-resource-mapper";
export { normalizeRecord, UNKNOWN_SENTINEL, type PulumiResource } from "./plan/pulumi-values";
export type { PlanResult } from "./plan/topology-builder";
