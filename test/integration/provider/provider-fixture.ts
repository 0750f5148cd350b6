import { createEcsClient, type EcsClient } from "../../../provider/ecs/client";
import { resolveSettings, sdkConfig, type ConfigSource } from "../../../provider/ecs/credentials";
import { createSdkEcsApi } from "../../../provider/ecs/sdk-ecs-api";
import type { RunningEmulator } from "../../../emulator/server";
import { clearRequestLog, requestLog } from "../../support/emulator-control";

/** Seed ids of the emulator's default seed (emulator/state/default-seed.ts). */
export const SEED = {
  region: "cn-hangzhou",
  vpc: "vpc-bp1k2t7e9xqm4h3v5n8wa",
  publicVSwitch: "vsw-bp1public0h7k2m5q8t1wx",
  privateVSwitch: "vsw-bp1private4j9n3r6u0y2c",
  privateCidr: "10.0.1.0/24",
  zoneIVSwitch: "vsw-bp1zonei8e5g1k4o7s0v3d",
  webSg: "sg-bp1web3x8c2v6b0n4m7qa1",
  natSg: "sg-bp1nat9q4w1e7r3t6y0ub2",
  privateRouteTable: "vtb-bp1private0c4g8k2o6sf",
  image: "aliyun_3_x64_20G_alibase_20240819.vhd",
  image2: "ubuntu_22_04_x64_20G_alibase_20240130.vhd",
  instanceType: "ecs.g7.large",
} as const;

/** Pulumi config as the dynamic-provider host would hand it to configure. */
export function pulumiConfigFor(emulator: RunningEmulator): ConfigSource {
  const values: Record<string, string> = {
    "alicloud:region": emulator.regionId,
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:ecsEndpoint": emulator.endpoint,
  };
  return { get: (key) => values[key] };
}

/**
 * The provider's own client stack (SDK api, retries, waits) against the emulator, with a short
 * SDK read timeout and quick retries so fault tests stay fast.
 */
export function testClient(emulator: RunningEmulator, readMs = 1500): EcsClient {
  const settings = resolveSettings(pulumiConfigFor(emulator), {});
  const timeouts = { readMs, connectMs: 1000 };
  return createEcsClient({
    api: createSdkEcsApi(sdkConfig(settings, settings.ecsEndpoint, timeouts), sdkConfig(settings, settings.vpcEndpoint, timeouts)),
    region: settings.region,
    retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200, maxTotalMs: 15_000 },
    wait: { timeoutMs: 10_000, intervalMs: 20, maxIntervalMs: 100 },
  });
}

/** Counts API calls made by `work`, by action, from the emulator's request log. */
export async function countCalls<T>(emulator: RunningEmulator, work: () => Promise<T>): Promise<{ result: T; calls: Record<string, number>; total: number }> {
  await clearRequestLog(emulator);
  const result = await work();
  const log = await requestLog(emulator);
  const calls: Record<string, number> = {};
  for (const entry of log) {
    const action = entry.action ?? "(unrouted)";
    calls[action] = (calls[action] ?? 0) + 1;
  }
  return { result, calls, total: log.length };
}
