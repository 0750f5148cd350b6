import type * as pulumi from "@pulumi/pulumi";
import type { NetworkInterfaceRecord } from "../ecs/api";
import type { EcsClient } from "../ecs/client";
import { connect } from "../ecs/connect";
import { currentRegionOrUndefined, rememberPulumiConfig } from "../ecs/credentials";
import { isAmbiguous, isEcsError, providerError } from "../ecs/errors";
import { MAX_TOKEN_GENERATIONS, tokenForGeneration } from "../shared/client-token";
import { rollBackOrReport } from "../shared/initialization-error";
import { lookupVSwitchCidr } from "../shared/vswitch-lookup";
import { normalizeOptionalId } from "../shared/field-compare";
import { supportsSourceDestCheck } from "../shared/source-dest-check-regions";
import { tagChanges } from "../shared/tags";
import { checkNetworkInterface } from "./check";
import { changedNetworkInterfaceFields, diffNetworkInterface } from "./diff";
import { networkInterfaceOutputs } from "./outputs";
import type { NetworkInterfaceInputs, NetworkInterfaceOutputs } from "./types";

/**
 * In regions without the feature the check is off anyway; sending SourceDestCheck=false there
 * could only be refused, so only a value the region can honour is sent.
 */
function sourceDestCheckToSend(value: boolean | undefined, region: string): boolean | undefined {
  return value === false && !supportsSourceDestCheck(region) ? undefined : value;
}

/**
 * Create (ClientToken from check), then attach when asked. Create ENI = CreateNetworkInterface plus
 * one describe (or the attach) that proves the returned id is alive: see tokenForGeneration.
 */
export async function createNetworkInterface(client: EcsClient, inputs: NetworkInterfaceInputs): Promise<{ id: string; outs: NetworkInterfaceOutputs }> {
  for (let generation = 0; ; generation++) {
    const token = tokenForGeneration(inputs.__clientToken, generation);
    const canRetryToken = token !== undefined && generation < MAX_TOKEN_GENERATIONS;
    const created = await client.createNetworkInterface({
      vSwitchId: inputs.vSwitchId,
      securityGroupIds: inputs.securityGroupIds,
      primaryIpAddress: inputs.primaryIpAddress,
      privateIpAddresses: inputs.privateIpAddresses,
      secondaryPrivateIpAddressCount: inputs.secondaryPrivateIpAddressCount,
      sourceDestCheck: sourceDestCheckToSend(inputs.sourceDestCheck, client.region),
      name: inputs.name,
      description: inputs.description,
      tags: inputs.tags,
      clientToken: token,
    });
    const id = created.networkInterfaceId;
    if (inputs.instanceId === undefined) {
      const live = await client.getNetworkInterface(id);
      if (live !== undefined) return { id, outs: networkInterfaceOutputs(inputs, live, client.region) };
      if (canRetryToken) continue;
      throw providerError("ResourceVanished", `CreateNetworkInterface returned ${id}, which does not exist (a replayed ClientToken of a deleted ENI)`, id);
    }
    try {
      const attached = await client.attachNetworkInterface(id, inputs.instanceId);
      return { id, outs: networkInterfaceOutputs(inputs, attached, client.region) };
    } catch (error) {
      if (isEcsError(error) && error.code === "InvalidEniId.NotFound" && canRetryToken) continue;
      // Roll back: a half-made ENI must not outlive the failed create. The next attempt's token
      // finds this one gone and moves to the next generation.
      return rollBackOrReport(id, "ENI", networkInterfaceOutputs(inputs, created, client.region) as unknown as Record<string, unknown>, error,
        () => client.deleteNetworkInterface(id));
    }
  }
}

export async function readNetworkInterface(client: EcsClient, id: string, props: NetworkInterfaceOutputs): Promise<{ id?: string; props?: NetworkInterfaceOutputs }> {
  const record = await client.getNetworkInterface(id);
  // No id: the engine drops a resource that no longer exists.
  if (record === undefined) return {};
  return { id, props: networkInterfaceOutputs(props, record, props.regionId ?? client.region) };
}

/** The fewest calls for what changed: one ModifyNetworkInterfaceAttribute carries every attribute. */
export async function updateNetworkInterface(client: EcsClient, id: string, olds: NetworkInterfaceOutputs, news: NetworkInterfaceInputs): Promise<{ outs: NetworkInterfaceOutputs }> {
  const changed = new Set(changedNetworkInterfaceFields(olds, news));
  if (changed.size === 0) return { outs: { ...olds, ...news } as NetworkInterfaceOutputs };
  const region = olds.regionId ?? client.region;
  const oldInstance = normalizeOptionalId(olds.instanceId);
  const newInstance = normalizeOptionalId(news.instanceId);
  if (changed.has("instanceId") && oldInstance !== undefined) await client.detachNetworkInterface(id, oldInstance);

  const modify = {
    securityGroupIds: changed.has("securityGroupIds") ? news.securityGroupIds : undefined,
    name: changed.has("name") ? news.name : undefined,
    description: changed.has("description") ? news.description : undefined,
    sourceDestCheck: changed.has("sourceDestCheck") ? news.sourceDestCheck : undefined,
  };
  if (Object.values(modify).some((value) => value !== undefined)) {
    await client.modifyNetworkInterface({ networkInterfaceId: id, ...modify });
  }
  await updatePrivateIps(client, id, olds, news, changed);
  if (changed.has("tags") && news.tags !== undefined) {
    const { set, remove } = tagChanges(olds.tags ?? {}, news.tags);
    await client.setTags("eni", id, set, remove);
  }
  let record: NetworkInterfaceRecord | undefined;
  if (changed.has("instanceId") && newInstance !== undefined) record = await client.attachNetworkInterface(id, newInstance);
  // The attach wait already described the ENI last; otherwise one read makes the outputs exact.
  record ??= await client.getNetworkInterface(id);
  if (record === undefined) throw providerError("ResourceVanished", `ENI ${id} disappeared during the update`, id);
  return { outs: networkInterfaceOutputs(news, record, region) };
}

async function updatePrivateIps(client: EcsClient, id: string, olds: NetworkInterfaceOutputs, news: NetworkInterfaceInputs, changed: ReadonlySet<string>): Promise<void> {
  const actual = olds.privateIpAddresses ?? [];
  if (changed.has("privateIpAddresses") && news.privateIpAddresses !== undefined) {
    const desired = news.privateIpAddresses;
    const remove = actual.filter((ip) => !desired.includes(ip));
    const add = desired.filter((ip) => !actual.includes(ip));
    if (remove.length > 0) await unassignOrConfirm(client, id, remove);
    if (add.length > 0) {
      await assignOrConfirm(client, id, { privateIpAddresses: add }, (now) => add.every((ip) => now.includes(ip)));
    }
    return;
  }
  if (changed.has("secondaryPrivateIpAddressCount") && news.secondaryPrivateIpAddressCount !== undefined) {
    const delta = news.secondaryPrivateIpAddressCount - actual.length;
    // Growing lets the cloud pick; shrinking gives back the most recently listed addresses.
    const wanted = news.secondaryPrivateIpAddressCount;
    if (delta > 0) await assignOrConfirm(client, id, { secondaryPrivateIpAddressCount: delta }, (now) => now.length >= wanted);
    if (delta < 0) await unassignOrConfirm(client, id, actual.slice(actual.length + delta));
  }
}

/**
 * Assign, and when the answer is lost (timeout, dropped connection) look instead of resending: a
 * resent count-based assign would add a second batch of addresses.
 */
async function assignOrConfirm(client: EcsClient, id: string, request: { privateIpAddresses?: string[]; secondaryPrivateIpAddressCount?: number }, done: (secondaries: string[]) => boolean): Promise<void> {
  try {
    await client.assignPrivateIpAddresses(id, request);
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const now = await client.getNetworkInterface(id);
    if (now === undefined || !done(now.secondaryIpAddresses)) throw error;
  }
}

async function unassignOrConfirm(client: EcsClient, id: string, addresses: string[]): Promise<void> {
  try {
    await client.unassignPrivateIpAddresses(id, addresses);
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const now = await client.getNetworkInterface(id);
    if (now === undefined || addresses.some((ip) => now.secondaryIpAddresses.includes(ip))) throw error;
  }
}

export async function deleteNetworkInterface(client: EcsClient, id: string): Promise<void> {
  // Detaches first when attached; an ENI that is already gone counts as deleted.
  await client.deleteNetworkInterface(id);
}

/**
 * The provider object Pulumi serializes into the state. Every method builds its client at call
 * time (connect), so no SDK client, credential or config is captured.
 */
export const networkInterfaceProvider = {
  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    rememberPulumiConfig(request.config);
  },
  async check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult<NetworkInterfaceInputs>> {
    const region = currentRegionOrUndefined();
    const vSwitchCidr = await lookupVSwitchCidr(news, ["primaryIpAddress", "privateIpAddresses"]);
    return checkNetworkInterface(olds, news, { region, vSwitchCidr });
  },
  async diff(_id: string, olds: NetworkInterfaceOutputs, news: NetworkInterfaceInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffNetworkInterface(olds, news);
  },
  async create(inputs: NetworkInterfaceInputs): Promise<pulumi.dynamic.CreateResult<NetworkInterfaceOutputs>> {
    return createNetworkInterface(connect(), inputs);
  },
  async read(id: string, props?: NetworkInterfaceOutputs): Promise<pulumi.dynamic.ReadResult<NetworkInterfaceOutputs>> {
    return readNetworkInterface(connect(), id, props ?? ({} as NetworkInterfaceOutputs));
  },
  async update(id: string, olds: NetworkInterfaceOutputs, news: NetworkInterfaceInputs): Promise<pulumi.dynamic.UpdateResult<NetworkInterfaceOutputs>> {
    return updateNetworkInterface(connect(), id, olds, news);
  },
  async delete(id: string): Promise<void> {
    await deleteNetworkInterface(connect(), id);
  },
} satisfies pulumi.dynamic.ResourceProvider<NetworkInterfaceInputs, NetworkInterfaceOutputs>;
