/**
 * The tests' own view of the cloud, through the raw official SDK (never through provider code):
 * what exists, with which flag, and how many API calls a step made (from the emulator's request
 * log). Also the out-of-band changes a refresh must notice.
 */
import * as Ecs from "@alicloud/ecs20140526";
import type EcsClient from "@alicloud/ecs20140526";
import * as Vpc from "@alicloud/vpc20160428";
import type VpcClient from "@alicloud/vpc20160428";
import { clearRequestLog, requestLog } from "../emulator-control";

export interface ProbeTarget {
  readonly ecs: EcsClient;
  readonly emulator: { readonly url: string; readonly regionId: string };
}

export interface EniView {
  readonly id: string;
  readonly status: string;
  readonly sourceDestCheck: boolean | undefined;
  readonly instanceId: string | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly primaryIp: string | undefined;
  readonly secondaryIps: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly vSwitchId: string | undefined;
}

type EniSet = NonNullable<NonNullable<Ecs.DescribeNetworkInterfacesResponseBody["networkInterfaceSets"]>["networkInterfaceSet"]>[number];

function toView(s: EniSet): EniView {
  const primary = s.privateIpAddress;
  return {
    id: s.networkInterfaceId ?? "",
    status: s.status ?? "",
    sourceDestCheck: s.sourceDestCheck,
    instanceId: s.instanceId === "" ? undefined : s.instanceId,
    name: s.networkInterfaceName === "" ? undefined : s.networkInterfaceName,
    description: s.description === "" ? undefined : s.description,
    securityGroupIds: s.securityGroupIds?.securityGroupId ?? [],
    primaryIp: primary,
    secondaryIps: (s.privateIpSets?.privateIpSet ?? [])
      .filter((p) => p.primary !== true && p.privateIpAddress !== primary)
      .map((p) => p.privateIpAddress ?? ""),
    tags: Object.fromEntries((s.tags?.tag ?? []).map((t) => [t.tagKey ?? "", t.tagValue ?? ""])),
    vSwitchId: s.vSwitchId,
  };
}

/** The ENI as DescribeNetworkInterfaces reports it, or undefined when it does not exist. */
export async function describeEni(t: ProbeTarget, id: string): Promise<EniView | undefined> {
  const res = await t.ecs.describeNetworkInterfaces(
    new Ecs.DescribeNetworkInterfacesRequest({ regionId: t.emulator.regionId, networkInterfaceId: [id] }),
  );
  const set = res.body?.networkInterfaceSets?.networkInterfaceSet ?? [];
  return set[0] === undefined ? undefined : toView(set[0]);
}

/** Every ENI in a vSwitch (all pages), to catch duplicates and leaks. */
export async function enisInVSwitch(t: ProbeTarget, vSwitchId: string): Promise<EniView[]> {
  const all: EniView[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await t.ecs.describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: t.emulator.regionId, vSwitchId, pageNumber: page, pageSize: 100 }),
    );
    const set = res.body?.networkInterfaceSets?.networkInterfaceSet ?? [];
    all.push(...set.map(toView));
    if (set.length < 100) return all;
  }
  throw new Error(`more than 5000 ENIs in ${vSwitchId}: the probe stops here`);
}

export async function setEniAttribute(
  t: ProbeTarget,
  id: string,
  change: { sourceDestCheck?: boolean; name?: string; description?: string },
): Promise<void> {
  await t.ecs.modifyNetworkInterfaceAttribute(
    new Ecs.ModifyNetworkInterfaceAttributeRequest({
      regionId: t.emulator.regionId,
      networkInterfaceId: id,
      ...(change.sourceDestCheck === undefined ? {} : { sourceDestCheck: change.sourceDestCheck }),
      ...(change.name === undefined ? {} : { networkInterfaceName: change.name }),
      ...(change.description === undefined ? {} : { description: change.description }),
    }),
  );
}

export interface InstanceView {
  readonly id: string;
  readonly status: string;
  readonly instanceType: string | undefined;
  readonly httpTokens: string | undefined;
  readonly httpEndpoint: string | undefined;
  readonly hopLimit: number | undefined;
  readonly eniIds: readonly string[];
}

export async function describeInstance(t: ProbeTarget, id: string): Promise<InstanceView | undefined> {
  const res = await t.ecs.describeInstances(
    new Ecs.DescribeInstancesRequest({ regionId: t.emulator.regionId, instanceIds: JSON.stringify([id]) }),
  );
  const found = res.body?.instances?.instance?.[0];
  if (found === undefined) return undefined;
  return {
    id: found.instanceId ?? "",
    status: found.status ?? "",
    instanceType: found.instanceType,
    httpTokens: found.metadataOptions?.httpTokens,
    httpEndpoint: found.metadataOptions?.httpEndpoint,
    hopLimit: found.metadataOptions?.httpPutResponseHopLimit,
    eniIds: (found.networkInterfaces?.networkInterface ?? []).map((n) => n.networkInterfaceId ?? ""),
  };
}

/** Ids of every instance in a vSwitch (one page of 100 is plenty for tests). */
export async function instancesInVSwitch(t: ProbeTarget, vSwitchId: string): Promise<string[]> {
  const res = await t.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: t.emulator.regionId, vSwitchId, pageSize: 100 }));
  return (res.body?.instances?.instance ?? []).map((i) => i.instanceId ?? "");
}

/** An instance made behind Pulumi's back (to attach ENIs to), waited until Running. */
export async function runInstanceOutOfBand(
  t: ProbeTarget,
  args: { vSwitchId: string; securityGroupId: string; instanceType: string; imageId: string },
): Promise<string> {
  const res = await t.ecs.runInstances(new Ecs.RunInstancesRequest({ regionId: t.emulator.regionId, amount: 1, ...args }));
  const id = res.body?.instanceIdSets?.instanceIdSet?.[0];
  if (id === undefined) throw new Error(`RunInstances returned no instance id: ${JSON.stringify(res.body)}`);
  for (let i = 0; i < 100; i++) {
    if ((await describeInstance(t, id))?.status === "Running") return id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`instance ${id} not Running after 5 s`);
}

export async function setMetadataOptionsOutOfBand(t: ProbeTarget, id: string, httpTokens: "optional" | "required"): Promise<void> {
  await t.ecs.modifyInstanceMetadataOptions(
    new Ecs.ModifyInstanceMetadataOptionsRequest({ regionId: t.emulator.regionId, instanceId: id, httpTokens }),
  );
}

export interface RouteView {
  readonly id: string;
  readonly destination: string;
  readonly status: string;
  readonly nextHopType: string | undefined;
  readonly nextHopId: string | undefined;
}

/** Route entries of a table (DescribeRouteEntryList through the raw VPC SDK). */
export async function routeEntries(t: ProbeTarget & { readonly vpc: VpcClient }, routeTableId: string): Promise<RouteView[]> {
  const res = await t.vpc.describeRouteEntryList(new Vpc.DescribeRouteEntryListRequest({ regionId: t.emulator.regionId, routeTableId }));
  return (res.body?.routeEntrys?.routeEntry ?? []).map((e) => ({
    id: e.routeEntryId ?? "",
    destination: e.destinationCidrBlock ?? "",
    status: e.status ?? "",
    nextHopType: e.nextHops?.nextHop?.[0]?.nextHopType,
    nextHopId: e.nextHops?.nextHop?.[0]?.nextHopId,
  }));
}

export interface ApiCallCount {
  readonly total: number;
  readonly reads: number;
  readonly writes: number;
  readonly byAction: Readonly<Record<string, number>>;
}

const READ_ACTION = /^(Describe|List|Get)/;

/** Runs `step` and counts the API calls it made; the log is cleared first. */
export async function countApiCalls<T>(t: ProbeTarget, step: () => Promise<T>): Promise<{ value: T; calls: ApiCallCount }> {
  await clearRequestLog(t.emulator);
  const value = await step();
  const entries = await requestLog(t.emulator);
  const byAction: Record<string, number> = {};
  let reads = 0;
  for (const e of entries) {
    const action = e.action ?? "(unrouted)";
    byAction[action] = (byAction[action] ?? 0) + 1;
    if (READ_ACTION.test(action)) reads += 1;
  }
  return { value, calls: { total: entries.length, reads, writes: entries.length - reads, byAction } };
}
