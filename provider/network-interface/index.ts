export { networkInterfaceProvider } from "./controller";
export { checkNetworkInterface } from "./check";
export { diffNetworkInterface } from "./diff";
export { NETWORK_INTERFACE_KIND } from "./types";
export type { NetworkInterfaceInputs, NetworkInterfaceOutputs } from "./types";
