/**
 * API calls per provider operation, counted from the emulator's request log:
 *
 *   npx tsx bench/provider-api-calls.bench.ts
 *
 * Runs the provider objects in-process (configure → check → create/diff/update/read/delete, the
 * same code the dynamic-provider host runs) against a local emulator and prints one row per
 * operation with the calls it made, by action. Goals (issue 3): create ENI ≤ 2, update
 * sourceDestCheck = 1 write + ≤ 1 read, unchanged diff = 0, refresh = 1.
 */
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { forgetPulumiConfig } from "../provider/ecs/credentials";
import { instanceProvider } from "../provider/instance";
import type { InstanceInputs, InstanceOutputs } from "../provider/instance/types";
import { networkInterfaceProvider } from "../provider/network-interface";
import type { NetworkInterfaceInputs, NetworkInterfaceOutputs } from "../provider/network-interface/types";
import { routeEntryProvider } from "../provider/route-entry";
import type { RouteEntryInputs } from "../provider/route-entry/types";

const VSWITCH = "vsw-bp1private4j9n3r6u0y2c";
const SG = "sg-bp1web3x8c2v6b0n4m7qa1";
const ROUTE_TABLE = "vtb-bp1private0c4g8k2o6sf";
const URN = "urn:pulumi:bench::alicloud-eni::pulumi-nodejs:dynamic/alicloud-eni:";

interface Row {
  readonly operation: string;
  readonly goal: string;
  readonly calls: Record<string, number>;
  readonly total: number;
  readonly met: boolean | undefined;
}

async function log(emulator: RunningEmulator, method: "GET" | "DELETE"): Promise<Array<{ action: string | null }>> {
  const response = await fetch(`${emulator.url}/__emulator/requests`, { method });
  if (method === "DELETE") return [];
  return ((await response.json()) as { requests: Array<{ action: string | null }> }).requests;
}

async function measure(emulator: RunningEmulator, operation: string, goal: string, judge: ((calls: Record<string, number>, total: number) => boolean) | undefined, work: () => Promise<unknown>): Promise<Row> {
  await log(emulator, "DELETE");
  await work();
  const entries = await log(emulator, "GET");
  const calls: Record<string, number> = {};
  for (const entry of entries) calls[entry.action ?? "?"] = (calls[entry.action ?? "?"] ?? 0) + 1;
  return { operation, goal, calls, total: entries.length, met: judge?.(calls, entries.length) };
}

const writes = (calls: Record<string, number>): number =>
  Object.entries(calls).filter(([action]) => !action.startsWith("Describe")).reduce((sum, [, n]) => sum + n, 0);
const reads = (calls: Record<string, number>, total: number): number => total - writes(calls);

export async function measureProviderApiCalls(): Promise<Row[]> {
  const emulator = await startEmulator({ port: 0, transitions: { eniAttachMs: 50, eniDetachMs: 50, instanceCreateMs: 20, instanceStartMs: 20, instanceStopMs: 20, routeEntryMs: 20 } });
  const values: Record<string, string> = {
    "alicloud:region": emulator.regionId, "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret, "alicloud:ecsEndpoint": emulator.endpoint,
  };
  const config = { get: (key: string) => values[key], require: (key: string) => values[key] ?? "" };
  await networkInterfaceProvider.configure({ config });
  const rows: Row[] = [];
  try {
    const eniNews = { vSwitchId: VSWITCH, securityGroupIds: [SG], __urn: `${URN}NetworkInterface::bench` };
    const checked = (await networkInterfaceProvider.check({}, eniNews)).inputs as NetworkInterfaceInputs;
    let eni: { id: string; outs?: NetworkInterfaceOutputs } = { id: "" };
    rows.push(await measure(emulator, "create ENI", "≤ 2", (_c, t) => t <= 2, async () => {
      eni = await networkInterfaceProvider.create(checked);
    }));
    const state = eni.outs as NetworkInterfaceOutputs;
    rows.push(await measure(emulator, "diff ENI, unchanged", "0", (_c, t) => t === 0, () => networkInterfaceProvider.diff(eni.id, state, checked)));
    const flagged = (await networkInterfaceProvider.check(checked, { ...eniNews, sourceDestCheck: !state.sourceDestCheck })).inputs as NetworkInterfaceInputs;
    let updated: NetworkInterfaceOutputs = state;
    rows.push(await measure(emulator, "update ENI sourceDestCheck", "1 write + ≤ 1 read", (c, t) => writes(c) === 1 && reads(c, t) <= 1, async () => {
      updated = (await networkInterfaceProvider.update(eni.id, state, flagged)).outs as NetworkInterfaceOutputs;
    }));
    rows.push(await measure(emulator, "refresh ENI", "1", (_c, t) => t === 1, () => networkInterfaceProvider.read(eni.id, updated)));

    const instanceNews = {
      vSwitchId: VSWITCH, securityGroupIds: [SG], instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
      primaryNetworkInterface: { sourceDestCheck: false }, metadataOptions: { httpTokens: "required" }, __urn: `${URN}Instance::bench`,
    };
    const instanceInputs = (await instanceProvider.check({}, instanceNews)).inputs as InstanceInputs;
    let instance: { id: string; outs?: InstanceOutputs } = { id: "" };
    rows.push(await measure(emulator, "create instance (waits for Running)", "-", undefined, async () => {
      instance = await instanceProvider.create(instanceInputs);
    }));
    const instanceState = instance.outs as InstanceOutputs;
    rows.push(await measure(emulator, "diff instance, unchanged", "0", (_c, t) => t === 0, () => instanceProvider.diff(instance.id, instanceState, instanceInputs)));
    const instanceFlag = (await instanceProvider.check(instanceInputs, { ...instanceNews, primaryNetworkInterface: { sourceDestCheck: true } })).inputs as InstanceInputs;
    rows.push(await measure(emulator, "update instance primary ENI sourceDestCheck", "1 write + ≤ 1 read", (c, t) => writes(c) === 1 && reads(c, t) <= 1,
      () => instanceProvider.update(instance.id, instanceState, instanceFlag)));
    const instanceTokens = (await instanceProvider.check(instanceInputs, { ...instanceNews, metadataOptions: { httpTokens: "optional" } })).inputs as InstanceInputs;
    rows.push(await measure(emulator, "update instance httpTokens", "1 write", (c, t) => writes(c) === 1 && t === 1,
      () => instanceProvider.update(instance.id, instanceState, instanceTokens)));
    rows.push(await measure(emulator, "refresh instance (instance + its ENIs' flags)", "2", (_c, t) => t === 2, () => instanceProvider.read(instance.id, instanceState)));

    const attach = (await networkInterfaceProvider.check(flagged, { ...eniNews, sourceDestCheck: !state.sourceDestCheck, instanceId: instance.id })).inputs as NetworkInterfaceInputs;
    rows.push(await measure(emulator, "attach ENI (update, waits for InUse)", "-", undefined, async () => {
      updated = (await networkInterfaceProvider.update(eni.id, updated, attach)).outs as NetworkInterfaceOutputs;
    }));
    const routeInputs = (await routeEntryProvider.check({}, { routeTableId: ROUTE_TABLE, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: eni.id, __urn: `${URN}RouteEntry::bench` })).inputs as RouteEntryInputs;
    let route: { id: string; outs?: unknown } = { id: "" };
    rows.push(await measure(emulator, "create route entry (waits for Available)", "-", undefined, async () => {
      route = await routeEntryProvider.create(routeInputs);
    }));
    rows.push(await measure(emulator, "refresh route entry", "1", (_c, t) => t === 1, () => routeEntryProvider.read(route.id, route.outs as never)));
    rows.push(await measure(emulator, "delete route entry", "-", undefined, () => routeEntryProvider.delete(route.id, route.outs as never)));
    rows.push(await measure(emulator, "delete attached ENI (detach, wait, delete)", "-", undefined, () => networkInterfaceProvider.delete(eni.id)));
    rows.push(await measure(emulator, "delete instance (stop, wait, delete, wait gone)", "-", undefined, () => instanceProvider.delete(instance.id, instanceState)));
  } finally {
    forgetPulumiConfig();
    await emulator.close();
  }
  return rows;
}

function print(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((row) => row.operation.length));
  console.log(`${"operation".padEnd(width)}  calls  goal                 met   by action`);
  for (const row of rows) {
    const met = row.met === undefined ? "     " : row.met ? "yes  " : "NO   ";
    const byAction = Object.entries(row.calls).map(([action, n]) => `${action}×${n}`).join(", ");
    console.log(`${row.operation.padEnd(width)}  ${String(row.total).padStart(5)}  ${row.goal.padEnd(19)}  ${met} ${byAction}`);
  }
}

if (require.main === module) {
  measureProviderApiCalls().then((rows) => {
    print(rows);
    if (rows.some((row) => row.met === false)) process.exitCode = 1;
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
