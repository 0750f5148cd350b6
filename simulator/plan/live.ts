/**
 * The live account (the cloud, or the emulator) as a plan, read through the official SDKs:
 * DescribeNetworkInterfaces, DescribeInstances (ECS), DescribeVSwitches, DescribeRouteTableList,
 * DescribeRouteEntryList (VPC), every list paged to the end. The API cannot say what an
 * instance's OS forwards: `forwarding` comes from the `eni-sim:forwarding` tag, else "none".
 */
import { PlanError } from "./errors";
import { liveAccountToTopology, type LiveAccount, type LiveInstance, type LiveNetworkInterface, type LiveRouteEntry, type LiveRouteTable, type LiveVSwitch } from "./live-mapping";
import type { Topology } from "../model/topology";
import type { PlanResult } from "./topology-builder";

export interface LiveCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export interface LiveOptions {
  /** ECS endpoint, `host:port` or a URL (`http://127.0.0.1:8080` for the emulator); default: the region's. */
  readonly endpoint?: string;
  /** VPC endpoint; default: `endpoint` when given (the emulator serves both), else the region's. */
  readonly vpcEndpoint?: string;
  /** Default: ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, else the @alicloud/credentials chain. */
  readonly credentials?: LiveCredentials;
  /** Default: ALIBABA_CLOUD_REGION. */
  readonly region?: string;
  /** Per-call timeout; the SDK's default of 3 s is short for big accounts. */
  readonly timeoutMs?: number;
  /** Items per page, capped at each API's maximum (default: the maximum); small values test paging. */
  readonly pageSize?: number;
}

const MAX_PAGES = 10_000;

export async function readLiveTopology(options: LiveOptions): Promise<Topology> {
  return (await readLivePlan(options)).topology;
}

export async function readLivePlan(options: LiveOptions): Promise<PlanResult> {
  const region = options.region ?? process.env["ALIBABA_CLOUD_REGION"];
  const where = `live:${options.endpoint ?? "(region endpoints)"}`;
  if (region === undefined || region === "") {
    throw new PlanError("MISSING_FIELD", "no region for the live account", { file: where, path: "region", allowed: "options.region, --region or ALIBABA_CLOUD_REGION" });
  }
  const account = await readLiveAccount({ ...options, region }, where);
  return liveAccountToTopology(account, where);
}

async function readLiveAccount(options: LiveOptions & { region: string }, where: string): Promise<LiveAccount> {
  const { default: EcsClient, DescribeInstancesRequest, DescribeNetworkInterfacesRequest } = await import("@alicloud/ecs20140526");
  const { default: VpcClient, DescribeRouteEntryListRequest, DescribeRouteTableListRequest, DescribeVSwitchesRequest } = await import("@alicloud/vpc20160428");
  const ecs = new EcsClient(await sdkConfig(options, options.endpoint));
  const vpc = new VpcClient(await sdkConfig(options, options.vpcEndpoint ?? options.endpoint));
  const { region } = options;
  const size = (max: number): number => Math.max(1, Math.min(max, options.pageSize ?? max));
  const call = <T>(action: string, run: () => Promise<T>): Promise<T> => run().catch((cause: unknown) => {
    const code = typeof cause === "object" && cause !== null && "code" in cause ? String((cause as { code: unknown }).code) : "unknown";
    throw new PlanError("LIVE_READ_FAILED", `${action} failed (${code}): ${cause instanceof Error ? cause.message : String(cause)}`, { file: where }, { cause });
  });

  const networkInterfaces = await byToken<LiveNetworkInterface>(async (nextToken) => {
    const r = await call("DescribeNetworkInterfaces", () => ecs.describeNetworkInterfaces(new DescribeNetworkInterfacesRequest({ regionId: region, maxResults: size(500), ...(nextToken ? { nextToken } : {}) })));
    return { items: r.body?.networkInterfaceSets?.networkInterfaceSet ?? [], next: r.body?.nextToken };
  });
  const instances = await byPage<LiveInstance>(async (pageNumber) => {
    const r = await call("DescribeInstances", () => ecs.describeInstances(new DescribeInstancesRequest({ regionId: region, pageNumber, pageSize: size(100) })));
    return { items: r.body?.instances?.instance ?? [], total: r.body?.totalCount };
  });
  const vswitches = await byPage<LiveVSwitch>(async (pageNumber) => {
    const r = await call("DescribeVSwitches", () => vpc.describeVSwitches(new DescribeVSwitchesRequest({ regionId: region, pageNumber, pageSize: size(50) })));
    return { items: r.body?.vSwitches?.vSwitch ?? [], total: r.body?.totalCount };
  });
  const routeTables = await byPage<LiveRouteTable>(async (pageNumber) => {
    const r = await call("DescribeRouteTableList", () => vpc.describeRouteTableList(new DescribeRouteTableListRequest({ regionId: region, pageNumber, pageSize: size(50) })));
    return { items: r.body?.routerTableList?.routerTableListType ?? [], total: r.body?.totalCount };
  });
  const routeEntries: LiveRouteEntry[] = [];
  for (const table of routeTables) {
    if (!table.routeTableId) continue;
    const routeTableId = table.routeTableId;
    const entries = await byToken<LiveRouteEntry>(async (nextToken) => {
      const r = await call("DescribeRouteEntryList", () => vpc.describeRouteEntryList(new DescribeRouteEntryListRequest({ regionId: region, routeTableId, maxResult: size(100), ...(nextToken ? { nextToken } : {}) })));
      return { items: r.body?.routeEntrys?.routeEntry ?? [], next: r.body?.nextToken };
    });
    // Entries carry their table id in the real API; make sure they do whatever the server sends.
    routeEntries.push(...entries.map((e) => ({ ...e, routeTableId: e.routeTableId || routeTableId })));
  }
  return { region, networkInterfaces, instances, vswitches, routeTables, routeEntries };
}

/** NextToken paging: until the server returns no token (bounded, in case a server repeats one). */
export async function byToken<T>(fetch: (token: string | undefined) => Promise<{ items: readonly T[]; next: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, next } = await fetch(token);
    all.push(...items);
    if (!next || next === token) return all;
    token = next;
  }
  return all;
}

/** PageNumber paging: until TotalCount is reached or a page comes back empty. */
export async function byPage<T>(fetch: (pageNumber: number) => Promise<{ items: readonly T[]; total: number | undefined }>): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const { items, total } = await fetch(pageNumber);
    all.push(...items);
    if (items.length === 0 || total === undefined || all.length >= total) return all;
  }
  return all;
}

async function sdkConfig(options: LiveOptions & { region: string }, endpoint: string | undefined) {
  const { $OpenApiUtil } = await import("@alicloud/openapi-core");
  const target = endpoint === undefined ? {} : splitEndpoint(endpoint);
  const envId = process.env["ALIBABA_CLOUD_ACCESS_KEY_ID"];
  const envSecret = process.env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"];
  const keys = options.credentials ?? (envId && envSecret ? { accessKeyId: envId, accessKeySecret: envSecret } : undefined);
  const auth = keys !== undefined
    ? { accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, ...(keys.securityToken ? { securityToken: keys.securityToken } : {}) }
    : { credential: new (await import("@alicloud/credentials")).default() };
  return new $OpenApiUtil.Config({
    regionId: options.region,
    ...target,
    ...auth,
    ...(options.timeoutMs === undefined ? {} : { readTimeout: options.timeoutMs, connectTimeout: options.timeoutMs }),
  });
}

/**
 * `http(s)://host:port` sets the protocol; a bare `host:port` on a loopback address is the local
 * emulator, which speaks plain HTTP (the cloud is never on loopback); other bare hosts use HTTPS.
 */
export function splitEndpoint(endpoint: string): { endpoint: string; protocol?: string } {
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint);
  if (match !== null) return { protocol: match[1]!, endpoint: match[2]! };
  return /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(endpoint) ? { protocol: "http", endpoint } : { endpoint };
}
