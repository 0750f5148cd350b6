/**
 * The demo's "account as it is today", built through the unmodified official SDK against the
 * emulator: the NAT instance's ENI is created without SourceDestCheck, so the account's new
 * default turns the check on — the silent breakage the project exists to catch.
 */
import EcsClient, * as ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import VpcClient, * as vpc from "@alicloud/vpc20160428";
import type { RunningEmulator } from "../emulator/server";

const PUBLIC_VSWITCH = "vsw-bp1public0h7k2m5q8t1wx";
const PRIVATE_VSWITCH = "vsw-bp1private4j9n3r6u0y2c";
const PRIVATE_ROUTE_TABLE = "vtb-bp1private0c4g8k2o6sf";
const NAT_SECURITY_GROUP = "sg-bp1nat9q4w1e7r3t6y0ub2";
const APP_SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";
const NAT_ADDRESS = "10.0.0.10";
const IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
/** Polls are bounded: the emulator's transitions take a few hundred milliseconds here. */
const WAIT_LIMIT_MS = 15_000;

export interface DemoAccount {
  readonly natInstanceId: string;
  readonly natEniId: string;
  readonly natAddress: string;
  readonly appInstanceId: string;
}

function config(emulator: RunningEmulator): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: emulator.credentials.accessKeyId,
    accessKeySecret: emulator.credentials.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: "http",
    regionId: emulator.regionId,
  });
}

async function runInstance(client: EcsClient, regionId: string, name: string, vSwitchId: string, securityGroupId: string, ip: string, tags: Record<string, string>): Promise<string> {
  const response = await client.runInstances(
    new ecs.RunInstancesRequest({
      regionId,
      instanceName: name,
      instanceType: "ecs.g7.large",
      imageId: IMAGE,
      vSwitchId,
      securityGroupId,
      privateIpAddress: ip,
      httpTokens: "optional",
      tag: Object.entries(tags).map(([key, value]) => new ecs.RunInstancesRequestTag({ key, value })),
    }),
  );
  const id = response.body?.instanceIdSets?.instanceIdSet?.[0];
  if (id === undefined) throw new Error(`RunInstances ${name}: the response names no instance`);
  return id;
}

async function waitRunning(client: EcsClient, regionId: string, ids: readonly string[]): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const response = await client.describeInstances(new ecs.DescribeInstancesRequest({ regionId, instanceIds: JSON.stringify(ids) }));
    const statuses = (response.body?.instances?.instance ?? []).map((i) => i.status);
    if (statuses.length === ids.length && statuses.every((s) => s === "Running")) return;
    if (Date.now() > deadline) throw new Error(`instances ${ids.join(", ")} not Running after ${WAIT_LIMIT_MS / 1000} s (${statuses.join(", ")})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function buildDemoAccount(emulator: RunningEmulator, say: (line: string) => void): Promise<DemoAccount> {
  const client = new EcsClient(config(emulator));
  const vpcClient = new VpcClient(config(emulator));
  const regionId = emulator.regionId;

  const natInstanceId = await runInstance(client, regionId, "nat", PUBLIC_VSWITCH, NAT_SECURITY_GROUP, NAT_ADDRESS, { "eni-sim:forwarding": "snat", role: "nat" });
  const appInstanceId = await runInstance(client, regionId, "app", PRIVATE_VSWITCH, APP_SECURITY_GROUP, "10.0.1.5", { role: "app" });
  await waitRunning(client, regionId, [natInstanceId, appInstanceId]);

  const enis = await client.describeNetworkInterfaces(new ecs.DescribeNetworkInterfacesRequest({ regionId, instanceId: natInstanceId }));
  const natEni = enis.body?.networkInterfaceSets?.networkInterfaceSet?.find((e) => e.type === "Primary");
  if (natEni?.networkInterfaceId === undefined) throw new Error(`DescribeNetworkInterfaces: no primary ENI for ${natInstanceId}`);
  say(`   RunInstances nat ${natInstanceId} at ${NAT_ADDRESS} (no SourceDestCheck given): ENI ${natEni.networkInterfaceId} has SourceDestCheck=${natEni.sourceDestCheck}`);
  say(`   RunInstances app ${appInstanceId} at 10.0.1.5`);

  await vpcClient.createRouteEntry(
    new vpc.CreateRouteEntryRequest({
      regionId,
      routeTableId: PRIVATE_ROUTE_TABLE,
      destinationCidrBlock: "0.0.0.0/0",
      nextHopType: "NetworkInterface",
      nextHopId: natEni.networkInterfaceId,
    }),
  );
  say(`   CreateRouteEntry ${PRIVATE_ROUTE_TABLE} 0.0.0.0/0 -> ${natEni.networkInterfaceId} (the private vSwitch's way out)`);
  return { natInstanceId, natEniId: natEni.networkInterfaceId, natAddress: NAT_ADDRESS, appInstanceId };
}
