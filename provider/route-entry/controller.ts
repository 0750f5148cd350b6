import type * as pulumi from "@pulumi/pulumi";
import type { EcsClient } from "../ecs/client";
import { connect } from "../ecs/connect";
import { rememberPulumiConfig } from "../ecs/credentials";
import { providerError } from "../ecs/errors";
import { initializationError } from "../shared/initialization-error";
import { checkRouteEntry } from "./check";
import { diffRouteEntry } from "./diff";
import { routeEntryOutputs } from "./outputs";
import type { RouteEntryInputs, RouteEntryOutputs } from "./types";

export async function createRouteEntry(client: EcsClient, inputs: RouteEntryInputs): Promise<{ id: string; outs: RouteEntryOutputs }> {
  const id = await client.createRouteEntry({
    routeTableId: inputs.routeTableId,
    destinationCidrBlock: inputs.destinationCidrBlock,
    nextHopType: inputs.nextHopType,
    nextHopId: inputs.nextHopId,
    routeEntryName: inputs.name,
    clientToken: inputs.__clientToken,
  });
  try {
    const record = await client.waitForRouteEntry(inputs.routeTableId, id, "Available");
    if (record === undefined) throw providerError("ResourceVanished", `route entry ${id} disappeared right after CreateRouteEntry`, id);
    return { id, outs: routeEntryOutputs(inputs, record, client.region) };
  } catch (error) {
    throw initializationError(id, { ...inputs, routeEntryId: id, regionId: client.region }, inputs as unknown as Record<string, unknown>, error);
  }
}

export async function readRouteEntry(client: EcsClient, id: string, props: RouteEntryOutputs): Promise<{ id?: string; props?: RouteEntryOutputs }> {
  const record = await client.getRouteEntry(props.routeTableId, id);
  return record === undefined ? {} : { id, props: routeEntryOutputs(props, record, props.regionId ?? client.region) };
}

export async function deleteRouteEntry(client: EcsClient, id: string, props: RouteEntryOutputs): Promise<void> {
  await client.deleteRouteEntry(props.routeTableId, id);
}

/** Every field replaces (see diff.ts), so there is no update. */
export const routeEntryProvider = {
  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    rememberPulumiConfig(request.config);
  },
  async check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult<RouteEntryInputs>> {
    return checkRouteEntry(olds, news);
  },
  async diff(_id: string, olds: RouteEntryOutputs, news: RouteEntryInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffRouteEntry(olds, news);
  },
  async create(inputs: RouteEntryInputs): Promise<pulumi.dynamic.CreateResult<RouteEntryOutputs>> {
    return createRouteEntry(connect(), inputs);
  },
  async read(id: string, props?: RouteEntryOutputs): Promise<pulumi.dynamic.ReadResult<RouteEntryOutputs>> {
    if (props?.routeTableId === undefined) throw providerError("ResourceVanished", `route entry ${id}: its routeTableId is not in the state, so it cannot be read`, id);
    return readRouteEntry(connect(), id, props);
  },
  async delete(id: string, props: RouteEntryOutputs): Promise<void> {
    await deleteRouteEntry(connect(), id, props);
  },
} satisfies pulumi.dynamic.ResourceProvider<RouteEntryInputs, RouteEntryOutputs>;
