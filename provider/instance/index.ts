export { instanceProvider } from "./controller";
export { checkInstance } from "./check";
export { diffInstance } from "./diff";
export { INSTANCE_KIND } from "./types";
export type { InstanceInputs, InstanceOutputs } from "./types";
