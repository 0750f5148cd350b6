export { NetworkInterface } from "./network-interface";
export type { NetworkInterfaceArgs } from "./network-interface";
export { Instance } from "./instance";
export type { InstanceArgs, MetadataOptionsArgs, SecondaryNetworkInterfaceArgs } from "./instance";
export { RouteEntry } from "./route-entry";
export type { RouteEntryArgs } from "./route-entry";
export { NETWORK_INTERFACE_KIND } from "../provider/network-interface/types";
export { INSTANCE_KIND } from "../provider/instance/types";
export { ROUTE_ENTRY_KIND } from "../provider/route-entry/types";

// ---- Simulator API (check / diff / assess and their report types) ----
export * from "../simulator/api";
