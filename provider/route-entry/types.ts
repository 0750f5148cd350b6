export const ROUTE_ENTRY_KIND = "alicloud-eni:RouteEntry";

export type NextHopType = "NetworkInterface" | "Instance";
export const NEXT_HOP_TYPES: readonly NextHopType[] = ["NetworkInterface", "Instance"];

export interface RouteEntryInputs {
  /** Route table (vtb-...). Replace. */
  routeTableId: string;
  /** IPv4 CIDR the route matches. Replace. */
  destinationCidrBlock: string;
  /** Replace (the entry is deleted first; see diff.ts). */
  nextHopType: NextHopType;
  /** eni-... or i-...; matches nextHopType. Replace. */
  nextHopId: string;
  /** Route entry name. Replace. */
  name?: string;
  __urn?: string;
  __clientToken?: string;
}

export interface RouteEntryOutputs extends RouteEntryInputs {
  kind: typeof ROUTE_ENTRY_KIND;
  routeEntryId: string;
  /** Pending, Available, Modifying */
  status: string;
  regionId: string;
}
