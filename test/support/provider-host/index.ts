export * from "./errors";
export * from "./property-values";
export * from "./serialize-provider";
export * from "./provider-host";
export type { EngineLogEntry, EngineLogSeverity } from "./fake-engine";
export * from "./engine-steps";
export * from "./alicloud-host";
export * from "./serialization-hazards";
