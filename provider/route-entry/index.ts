export { routeEntryProvider } from "./controller";
export { checkRouteEntry } from "./check";
export { diffRouteEntry } from "./diff";
export { ROUTE_ENTRY_KIND } from "./types";
export type { RouteEntryInputs, RouteEntryOutputs } from "./types";
