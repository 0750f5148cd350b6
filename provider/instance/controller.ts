import type * as pulumi from "@pulumi/pulumi";
import type { InstanceRecord } from "../ecs/api";
import type { EcsClient } from "../ecs/client";
import { connect } from "../ecs/connect";
import { currentRegionOrUndefined, rememberPulumiConfig } from "../ecs/credentials";
import { isProviderError, providerError } from "../ecs/errors";
import { MAX_TOKEN_GENERATIONS, tokenForGeneration } from "../shared/client-token";
import { rollBackOrReport } from "../shared/initialization-error";
import { supportsSourceDestCheck } from "../shared/source-dest-check-regions";
import { tagChanges } from "../shared/tags";
import { lookupVSwitchCidr } from "../shared/vswitch-lookup";
import { checkInstance } from "./check";
import { changedInstanceFields, diffInstance } from "./diff";
import { instanceOutputs, launchedSecondaryId } from "./outputs";
import { INSTANCE_KIND, type InstanceInputs, type InstanceOutputs } from "./types";

function flagToSend(value: boolean | undefined, region: string): boolean | undefined {
  return value === false && !supportsSourceDestCheck(region) ? undefined : value;
}

async function describeOutputs(client: EcsClient, inputs: InstanceInputs, id: string, regionId: string, secondaryId: string | undefined, launched: boolean, known?: InstanceRecord): Promise<InstanceOutputs | undefined> {
  const record = known ?? (await client.getInstance(id));
  if (record === undefined) return undefined;
  // DescribeInstances does not return SourceDestCheck: the ENIs are described for it.
  const enis = await client.listInstanceNetworkInterfaces(id);
  const secondary = launched ? launchedSecondaryId(enis, inputs.secondaryNetworkInterface !== undefined) : secondaryId;
  return instanceOutputs(inputs, record, enis, regionId, secondary);
}

export async function createInstance(client: EcsClient, inputs: InstanceInputs): Promise<{ id: string; outs: InstanceOutputs }> {
  const region = client.region;
  const secondary = inputs.secondaryNetworkInterface;
  const primaryFlag = flagToSend(inputs.primaryNetworkInterface?.sourceDestCheck, region);
  // NetworkInterface.1 is sent only when it says something (its flag, or to order a secondary);
  // vSwitch, groups and address stay top-level, where every RunInstances caller puts them.
  const needsPrimaryEntry = primaryFlag !== undefined || secondary !== undefined;
  for (let generation = 0; ; generation++) {
    const token = tokenForGeneration(inputs.__clientToken, generation);
    const id = await client.runInstance({
      zoneId: inputs.zoneId,
      vSwitchId: inputs.vSwitchId,
      securityGroupIds: inputs.securityGroupIds,
      instanceType: inputs.instanceType,
      imageId: inputs.imageId,
      instanceName: inputs.instanceName,
      privateIpAddress: inputs.privateIpAddress,
      primary: needsPrimaryEntry ? { sourceDestCheck: primaryFlag } : {},
      secondary: secondary === undefined ? undefined : secondary.networkInterfaceId !== undefined
        ? { networkInterfaceId: secondary.networkInterfaceId }
        : {
          vSwitchId: secondary.vSwitchId ?? inputs.vSwitchId,
          securityGroupIds: secondary.securityGroupIds ?? inputs.securityGroupIds,
          primaryIpAddress: secondary.primaryIpAddress,
          sourceDestCheck: flagToSend(secondary.sourceDestCheck, region),
        },
      httpEndpoint: inputs.metadataOptions?.httpEndpoint,
      httpTokens: inputs.metadataOptions?.httpTokens,
      httpPutResponseHopLimit: inputs.metadataOptions?.httpPutResponseHopLimit,
      tags: inputs.tags,
      clientToken: token,
    });
    let running: InstanceRecord | undefined;
    try {
      running = await client.waitForInstance(id, "Running", true);
    } catch (error) {
      // Gone even after the grace polls: a replayed token of an instance deleted since (tokenForGeneration).
      if (isProviderError(error, "UnexpectedStatus") && (await client.getInstance(id)) === undefined
        && token !== undefined && generation < MAX_TOKEN_GENERATIONS) continue;
      // The instance exists (and bills): roll it back, or report it by id so Pulumi keeps it.
      const { secondaryNetworkInterface: _secondary, ...plain } = inputs;
      return rollBackOrReport(id, "instance", { ...plain, kind: INSTANCE_KIND, instanceId: id, regionId: region }, error, () => client.deleteInstance(id));
    }
    // The wait's last describe is the instance as it is now: only its ENIs still need reading.
    const outs = await describeOutputs(client, inputs, id, region, undefined, true, running);
    if (outs === undefined) throw providerError("ResourceVanished", `instance ${id} disappeared right after RunInstances`, id);
    return { id, outs };
  }
}

export async function readInstance(client: EcsClient, id: string, props: InstanceOutputs): Promise<{ id?: string; props?: InstanceOutputs }> {
  const outs = await describeOutputs(client, props, id, props.regionId ?? client.region, props.secondaryNetworkInterfaceId, false);
  return outs === undefined ? {} : { id, props: outs };
}

/**
 * The fewest calls: one ModifyNetworkInterfaceAttribute per ENI whose groups or flag changed, one
 * ModifyInstanceMetadataOptions for all metadata fields, tags and name only when they changed,
 * nothing for `forwarding`. The cloud accepted exactly what was sent, so the outputs are derived
 * from the old outputs plus the writes instead of a re-read (a refresh reads).
 */
export async function updateInstance(client: EcsClient, id: string, stored: InstanceOutputs, news: InstanceInputs): Promise<{ outs: InstanceOutputs }> {
  // A state recorded from a failed initialization has no ENI ids yet: read them first.
  const olds = stored.primaryNetworkInterfaceId !== undefined ? stored
    : await describeOutputs(client, { ...stored, secondaryNetworkInterface: news.secondaryNetworkInterface }, id, stored.regionId ?? client.region, undefined, true);
  if (olds === undefined) throw providerError("ResourceVanished", `instance ${id} no longer exists; run \`pulumi refresh\``, id);
  const changed = new Set(changedInstanceFields(olds, news));
  const region = olds.regionId ?? client.region;
  const { secondaryNetworkInterface: _secondaryInput, ...plainNews } = news;
  const outs: InstanceOutputs = { ...olds, ...plainNews, kind: olds.kind, instanceId: olds.instanceId, status: olds.status, zoneId: olds.zoneId, vpcId: olds.vpcId, regionId: region,
    privateIpAddress: olds.privateIpAddress, primaryNetworkInterfaceId: olds.primaryNetworkInterfaceId,
    primaryNetworkInterface: { ...olds.primaryNetworkInterface }, metadataOptions: { ...olds.metadataOptions }, tags: olds.tags ?? {} };
  if (olds.secondaryNetworkInterface !== undefined) outs.secondaryNetworkInterface = { ...olds.secondaryNetworkInterface };
  else delete outs.secondaryNetworkInterface;

  const primaryFlag = changed.has("primarySourceDestCheck") ? news.primaryNetworkInterface?.sourceDestCheck : undefined;
  const primaryGroups = changed.has("securityGroupIds") ? news.securityGroupIds : undefined;
  if (primaryFlag !== undefined || primaryGroups !== undefined) {
    await client.modifyNetworkInterface({ networkInterfaceId: olds.primaryNetworkInterfaceId, sourceDestCheck: primaryFlag, securityGroupIds: primaryGroups });
    if (primaryFlag !== undefined) outs.primaryNetworkInterface.sourceDestCheck = primaryFlag;
    if (primaryGroups !== undefined) outs.primaryNetworkInterface.securityGroupIds = outs.securityGroupIds = primaryGroups;
  }
  const secondaryId = olds.secondaryNetworkInterfaceId;
  const secondaryFlag = changed.has("secondarySourceDestCheck") ? news.secondaryNetworkInterface?.sourceDestCheck : undefined;
  const secondaryGroups = changed.has("secondarySecurityGroupIds") ? news.secondaryNetworkInterface?.securityGroupIds : undefined;
  if (secondaryId !== undefined && outs.secondaryNetworkInterface !== undefined && (secondaryFlag !== undefined || secondaryGroups !== undefined)) {
    await client.modifyNetworkInterface({ networkInterfaceId: secondaryId, sourceDestCheck: secondaryFlag, securityGroupIds: secondaryGroups });
    if (secondaryFlag !== undefined) outs.secondaryNetworkInterface.sourceDestCheck = secondaryFlag;
    if (secondaryGroups !== undefined) outs.secondaryNetworkInterface.securityGroupIds = secondaryGroups;
  }
  if (changed.has("metadataOptions") && news.metadataOptions !== undefined) {
    await client.modifyInstanceMetadataOptions(id, news.metadataOptions);
    outs.metadataOptions = { ...outs.metadataOptions, ...news.metadataOptions };
  }
  if (changed.has("instanceName") && news.instanceName !== undefined) await client.renameInstance(id, news.instanceName);
  if (changed.has("tags") && news.tags !== undefined) {
    const { set, remove } = tagChanges(olds.tags ?? {}, news.tags);
    await client.setTags("instance", id, set, remove);
    outs.tags = { ...news.tags };
  }
  return { outs };
}

/** Stops if needed, deletes, waits until gone; then removes a secondary ENI the cloud kept. */
export async function deleteInstance(client: EcsClient, id: string, props: InstanceOutputs | undefined): Promise<void> {
  await client.deleteInstance(id);
  const secondaryId = props?.secondaryNetworkInterfaceId;
  // An existing ENI given by id belongs to someone else; one RunInstances made is ours to clean up
  // (normally the cloud releases it with the instance, and this finds it gone).
  if (secondaryId !== undefined && props?.secondaryNetworkInterfaceCreated === true) await client.deleteNetworkInterface(secondaryId);
}

export const instanceProvider = {
  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    rememberPulumiConfig(request.config);
  },
  async check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult<InstanceInputs>> {
    const vSwitchCidr = await lookupVSwitchCidr(news, ["privateIpAddress"]);
    return checkInstance(olds, news, { region: currentRegionOrUndefined(), vSwitchCidr });
  },
  async diff(_id: string, olds: InstanceOutputs, news: InstanceInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInstance(olds, news);
  },
  async create(inputs: InstanceInputs): Promise<pulumi.dynamic.CreateResult<InstanceOutputs>> {
    return createInstance(connect(), inputs);
  },
  async read(id: string, props?: InstanceOutputs): Promise<pulumi.dynamic.ReadResult<InstanceOutputs>> {
    return readInstance(connect(), id, props ?? ({} as InstanceOutputs));
  },
  async update(id: string, olds: InstanceOutputs, news: InstanceInputs): Promise<pulumi.dynamic.UpdateResult<InstanceOutputs>> {
    return updateInstance(connect(), id, olds, news);
  },
  async delete(id: string, props: InstanceOutputs): Promise<void> {
    await deleteInstance(connect(), id, props);
  },
} satisfies pulumi.dynamic.ResourceProvider<InstanceInputs, InstanceOutputs>;
