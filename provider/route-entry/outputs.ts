import type { RouteEntryRecord } from "../ecs/api";
import { NEXT_HOP_TYPES, ROUTE_ENTRY_KIND, type NextHopType, type RouteEntryInputs, type RouteEntryOutputs } from "./types";

function nextHopType(value: string | undefined, fallback: NextHopType): NextHopType {
  return (NEXT_HOP_TYPES as readonly string[]).includes(value ?? "") ? (value as NextHopType) : fallback;
}

/** Outputs from DescribeRouteEntryList: the inputs with the cloud's view of the hop, plus id and status. */
export function routeEntryOutputs(inputs: RouteEntryInputs, record: RouteEntryRecord, regionId: string): RouteEntryOutputs {
  const outputs: RouteEntryOutputs = {
    ...inputs,
    kind: ROUTE_ENTRY_KIND,
    routeEntryId: record.routeEntryId,
    status: record.status,
    regionId,
    routeTableId: record.routeTableId || inputs.routeTableId,
    destinationCidrBlock: record.destinationCidrBlock || inputs.destinationCidrBlock,
    nextHopType: nextHopType(record.nextHopType, inputs.nextHopType),
    nextHopId: record.nextHopId ?? inputs.nextHopId,
  };
  if (record.name !== undefined) outputs.name = record.name;
  return outputs;
}
