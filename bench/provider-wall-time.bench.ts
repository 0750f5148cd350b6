/**
 * Wall time of a large deployment through the real dynamic-provider host, against its critical
 * path, measured in the same run:
 *
 *   npx tsx bench/provider-wall-time.bench.ts [--enis 50] [--instances 10] [--latency-ms 200] [--attach-ms 2000] [--parallel 0]
 *
 * The emulator adds `--latency-ms` to every API call (fault `*:latency=`) and takes `--attach-ms`
 * for each ENI attach transition. After a warm-up (the host loads each provider and the SDKs on
 * first use), one instance and then one ENI attached to it are created alone: that chain (instance, then ENI create + attach) is the longest any single resource of
 * the deployment has to wait for, i.e. the critical path. Then all instances and ENIs are created
 * the way the engine schedules them: every instance at once, each ENI as soon as the instance it
 * attaches to exists. Goal (issue 3): wall / critical ≤ 1.3. The ratio shows whether the
 * providers serialize, retry needlessly or poll too slowly under concurrency.
 */
import { startEmulator } from "../emulator/server";
import { DEFAULT_SEED } from "../emulator/state/default-seed";
import type { Seed } from "../emulator/state/seed";
import { INSTANCE, NETWORK_INTERFACE, programInputs, startAlicloudHost } from "../test/support/provider-host/alicloud-host";
import { destroy, up } from "../test/support/provider-host/engine-steps";
import type { ResourceState } from "../test/support/provider-host/engine-steps";
import type { ProviderHost } from "../test/support/provider-host/provider-host";

export interface WallTimeOptions {
  readonly enis: number;
  readonly instances: number;
  readonly latencyMs: number;
  readonly attachMs: number;
  /** Most provider calls in flight at once, like `pulumi up --parallel`; 0 = unbounded. */
  readonly parallel: number;
}

export interface WallTimeResult {
  readonly criticalMs: number;
  readonly criticalInstanceMs: number;
  readonly criticalEniMs: number;
  readonly wallMs: number;
  readonly ratio: number;
  readonly apiCalls: number;
  /** API calls of the parallel deployment by action, and errors by code (why the ratio is what it is). */
  readonly callsByAction: Readonly<Record<string, number>>;
  readonly errorsByCode: Readonly<Record<string, number>>;
  readonly failures: number;
}

const VSWITCH = "vsw-bp1public0h7k2m5q8t1wx";
const SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";
const IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
/** Six ENIs (primary + five), like the real ecs.g7.2xlarge, so 50 ENIs fit on 10 instances. */
const WIDE_TYPE = "ecs.g7.2xlarge";

export const DEFAULT_OPTIONS: WallTimeOptions = { enis: 50, instances: 10, latencyMs: 200, attachMs: 2000, parallel: 0 };

function benchSeed(enis: number, instances: number): Seed {
  return {
    ...DEFAULT_SEED,
    eniQuotaPerRegion: Math.max(DEFAULT_SEED.eniQuotaPerRegion, 2 * (enis + instances) + 10),
    instanceTypes: [
      ...DEFAULT_SEED.instanceTypes,
      { id: WIDE_TYPE, cpu: 8, memoryGiB: 32, eniQuantity: 6, eniPrivateIpAddressQuantity: 15, secondaryEniAtCreation: true, attachRequiresStopped: false },
    ],
  };
}

/** A counting semaphore: the engine's --parallel bound on concurrent resource operations. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (max <= 0) return (task) => task();
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

const instanceArgs = { vSwitchId: VSWITCH, securityGroupIds: [SECURITY_GROUP], instanceType: WIDE_TYPE, imageId: IMAGE };
const eniArgs = (instanceId: string) => ({ vSwitchId: VSWITCH, securityGroupIds: [SECURITY_GROUP], instanceId, sourceDestCheck: false });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function criticalPath(host: ProviderHost, tag: string): Promise<{ instanceMs: number; eniMs: number; made: ResourceState[] }> {
  const instanceUrn = host.urn(INSTANCE, `${tag}-i`);
  const instance = await timed(() => up(host, instanceUrn, programInputs(instanceUrn, instanceArgs)));
  const urn = host.urn(NETWORK_INTERFACE, `${tag}-eni`);
  const eni = await timed(() => up(host, urn, programInputs(urn, eniArgs(instance.value.state.id))));
  return { instanceMs: instance.ms, eniMs: eni.ms, made: [eni.value.state, instance.value.state] };
}

async function deployment(host: ProviderHost, options: WallTimeOptions): Promise<{ ms: number; made: ResourceState[]; failures: number }> {
  const run = limiter(options.parallel);
  const made: ResourceState[] = [];
  let failures = 0;
  const perInstance = Math.ceil(options.enis / options.instances);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: options.instances }, async (_, i) => {
      const urn = host.urn(INSTANCE, `i-${i}`);
      const instance = await run(() => up(host, urn, programInputs(urn, instanceArgs)));
      made.push(instance.state);
      const count = Math.min(perInstance, options.enis - i * perInstance);
      await Promise.all(
        Array.from({ length: Math.max(0, count) }, async (_, j) => {
          const eniUrn = host.urn(NETWORK_INTERFACE, `eni-${i}-${j}`);
          try {
            const eni = await run(() => up(host, eniUrn, programInputs(eniUrn, eniArgs(instance.state.id))));
            made.unshift(eni.state);
          } catch (err) {
            failures += 1;
            process.stderr.write(`${eniUrn}: ${(err as Error).message}\n`);
          }
        }),
      );
    }),
  );
  return { ms: performance.now() - start, made, failures };
}

export async function runProviderWallTimeBench(options: WallTimeOptions = DEFAULT_OPTIONS): Promise<WallTimeResult> {
  const emulator = await startEmulator({
    port: 0,
    seed: benchSeed(options.enis, options.instances),
    transitions: { eniAttachMs: options.attachMs },
    faults: `*:latency=${options.latencyMs}ms`,
    requestLogSize: 100_000,
  });
  const host = await startAlicloudHost(emulator, { callTimeoutMs: 600_000 });
  try {
    // The host loads each provider and the SDKs on first use: warm up, as a long deployment would be.
    const warmUp = await criticalPath(host, "warm-up");
    const critical = await criticalPath(host, "critical");
    critical.made.push(...warmUp.made);
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    const deployed = await deployment(host, options);
    const log = await requestEntries(emulator.url);
    const criticalMs = critical.instanceMs + critical.eniMs;
    // Clean up without latency: it is not measured.
    await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
    await Promise.all([...critical.made, ...deployed.made].filter((s) => s.urn.includes("NetworkInterface")).map((s) => destroy(host, s)));
    await Promise.all([...critical.made, ...deployed.made].filter((s) => s.urn.includes(":Instance::")).map((s) => destroy(host, s)));
    return {
      criticalMs,
      criticalInstanceMs: critical.instanceMs,
      criticalEniMs: critical.eniMs,
      wallMs: deployed.ms,
      ratio: deployed.ms / criticalMs,
      apiCalls: log.length,
      callsByAction: tally(log.map((e) => e.action ?? "(unrouted)")),
      errorsByCode: tally(log.flatMap((e) => (e.code === null ? [] : [e.code]))),
      failures: deployed.failures,
    };
  } finally {
    await host.close();
    await emulator.close();
  }
}

interface LoggedCall {
  readonly action: string | null;
  readonly code: string | null;
}

async function requestEntries(url: string): Promise<LoggedCall[]> {
  const res = await fetch(`${url}/__emulator/requests`);
  const body = (await res.json()) as { requests: LoggedCall[] };
  return body.requests;
}

function tally(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function parseArgs(argv: readonly string[]): WallTimeOptions {
  const names: Record<string, keyof WallTimeOptions> = {
    "--enis": "enis", "--instances": "instances", "--latency-ms": "latencyMs", "--attach-ms": "attachMs", "--parallel": "parallel",
  };
  const options: Record<keyof WallTimeOptions, number> = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const key = names[flag];
    const value = Number(argv[i + 1]);
    if (key === undefined) throw new Error(`unknown option ${flag}; allowed: ${Object.keys(names).join(", ")}`);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a non-negative integer, got ${JSON.stringify(argv[i + 1])}`);
    options[key] = value;
  }
  if (options.instances === 0) throw new Error("--instances must be at least 1");
  return options;
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  runProviderWallTimeBench(options).then(
    (r) => {
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(`provider wall time: ${options.enis} ENIs + ${options.instances} instances, ${options.latencyMs} ms/call, ${options.attachMs} ms attach, parallel ${options.parallel || "unbounded"}`);
      console.log(`  critical path  ${s(r.criticalMs)}  (instance ${s(r.criticalInstanceMs)} + ENI create/attach ${s(r.criticalEniMs)})`);
      console.log(`  wall           ${s(r.wallMs)}  (${r.apiCalls} API calls, ${r.failures} failed resources)`);
      console.log(`  calls          ${Object.entries(r.callsByAction).map(([a, n]) => `${a} ${n}`).join(", ")}`);
      console.log(`  errors         ${Object.entries(r.errorsByCode).map(([c, n]) => `${c} ${n}`).join(", ") || "none"}`);
      console.log(`  wall/critical  ${r.ratio.toFixed(2)}  (goal <= 1.30: ${r.ratio <= 1.3 && r.failures === 0 ? "met" : "NOT met"})`);
      console.log(JSON.stringify({ bench: "provider-wall-time", options, ...r }));
      if (r.failures > 0) process.exitCode = 1;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
