import { optionalChanged, requiredChanged } from "../shared/field-compare";
import type { RouteEntryInputs, RouteEntryOutputs } from "./types";

export type RouteEntryField = "routeTableId" | "destinationCidrBlock" | "nextHopType" | "nextHopId" | "name";

/**
 * Every field replaces. A route entry is identified by its table and destination; the VPC API
 * can change a next hop only for some hop types (ModifyRouteEntry covers the name, and
 * UpdateRouteEntryAttribute is not offered for ENI/instance hops in every region), so a new entry
 * is the one predictable path. The replacement deletes first when table and destination stay the
 * same: two entries for one destination in one table are refused (InvalidCIDRBlock.Duplicate).
 */
export function diffRouteEntry(olds: RouteEntryOutputs, news: RouteEntryInputs): { changes: boolean; replaces: RouteEntryField[]; deleteBeforeReplace: boolean } {
  const replaces: RouteEntryField[] = [];
  if (requiredChanged(news.routeTableId, olds.routeTableId)) replaces.push("routeTableId");
  if (requiredChanged(news.destinationCidrBlock, olds.destinationCidrBlock)) replaces.push("destinationCidrBlock");
  if (requiredChanged(news.nextHopType, olds.nextHopType)) replaces.push("nextHopType");
  if (requiredChanged(news.nextHopId, olds.nextHopId)) replaces.push("nextHopId");
  if (optionalChanged(news.name, olds.name)) replaces.push("name");
  const sameSlot = !replaces.includes("routeTableId") && !replaces.includes("destinationCidrBlock");
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameSlot };
}
