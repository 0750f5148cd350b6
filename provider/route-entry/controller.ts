import type * as pulumi from "@pulumi/pulumi";
import type { EcsClient } from "../ecs/client";
import { connect } from "../ecs/connect";
import { rememberPulumiConfig } from "../ecs/credentials";
import { isProviderError, providerError } from "../ecs/errors";
import { MAX_TOKEN_GENERATIONS, tokenForGeneration } from "../shared/client-token";
import { rollBackOrReport } from "../shared/initialization-error";
import { checkRouteEntry } from "./check";
import { diffRouteEntry } from "./diff";
import { routeEntryOutputs } from "./outputs";
import type { RouteEntryInputs, RouteEntryOutputs } from "./types";

export async function createRouteEntry(client: EcsClient, inputs: RouteEntryInputs): Promise<{ id: string; outs: RouteEntryOutputs }> {
  for (let generation = 0; ; generation++) {
    const token = tokenForGeneration(inputs.__clientToken, generation);
    const id = await client.createRouteEntry({
      routeTableId: inputs.routeTableId,
      destinationCidrBlock: inputs.destinationCidrBlock,
      nextHopType: inputs.nextHopType,
      nextHopId: inputs.nextHopId,
      routeEntryName: inputs.name,
      clientToken: token,
    });
    let record;
    try {
      record = await client.waitForRouteEntry(inputs.routeTableId, id, "Available");
    } catch (error) {
      // Gone even after the grace polls: a replayed token of an entry deleted since (tokenForGeneration).
      if (isProviderError(error, "UnexpectedStatus") && (await client.getRouteEntry(inputs.routeTableId, id)) === undefined
        && token !== undefined && generation < MAX_TOKEN_GENERATIONS) continue;
      return rollBackOrReport(id, "route entry", { ...inputs, routeEntryId: id, regionId: client.region }, error,
        () => client.deleteRouteEntry(inputs.routeTableId, id));
    }
    if (record === undefined) throw providerError("ResourceVanished", `route entry ${id} disappeared right after CreateRouteEntry`, id);
    return { id, outs: routeEntryOutputs(inputs, record, client.region) };
  }
}

export async function readRouteEntry(client: EcsClient, id: string, props: RouteEntryOutputs): Promise<{ id?: string; props?: RouteEntryOutputs }> {
  const record = await client.getRouteEntry(props.routeTableId, id);
  return record === undefined ? {} : { id, props: routeEntryOutputs(props, record, props.regionId ?? client.region) };
}

export async function deleteRouteEntry(client: EcsClient, id: string, props: RouteEntryOutputs): Promise<void> {
  await client.deleteRouteEntry(props.routeTableId, id);
}

/**
 * Every field replaces (see diff.ts), so the engine reaches update only without a replacing change
 * (for instance a state written by an earlier version of this provider): it changes nothing in the
 * cloud and re-reads the entry so the outputs are exact.
 */
export async function updateRouteEntry(client: EcsClient, id: string, olds: RouteEntryOutputs, news: RouteEntryInputs): Promise<{ outs: RouteEntryOutputs }> {
  const record = await client.getRouteEntry(olds.routeTableId, id);
  if (record === undefined) throw providerError("ResourceVanished", `route entry ${id} no longer exists in ${olds.routeTableId}; run \`pulumi refresh\``, id);
  return { outs: routeEntryOutputs(news, record, olds.regionId ?? client.region) };
}

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
  async update(id: string, olds: RouteEntryOutputs, news: RouteEntryInputs): Promise<pulumi.dynamic.UpdateResult<RouteEntryOutputs>> {
    return updateRouteEntry(connect(), id, olds, news);
  },
  async delete(id: string, props: RouteEntryOutputs): Promise<void> {
    await deleteRouteEntry(connect(), id, props);
  },
} satisfies pulumi.dynamic.ResourceProvider<RouteEntryInputs, RouteEntryOutputs>;
