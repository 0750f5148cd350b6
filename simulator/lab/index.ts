export { registerLabCommand, STATE_DIR_ENV, type LabCliIo } from "./command";
export { labUp, labDown, type LabEnvironment, type LabUpOptions, type LabDownResult } from "./lab-lifecycle";
export { labRun, type LabRunOptions, type LabRunResult } from "./lab-run";
export { labExec, type LabExecOptions } from "./lab-exec";
export { buildBlueprint, type LabBlueprint } from "./lab-blueprint";
export type { LabReport, LabSection, LabFlowComparison } from "./lab-report";
export { LabError, type LabErrorCode } from "./errors";
export { labUnavailableReason } from "./lab-requirements";
