/**
 * Wall time of a large deployment through the real dynamic-provider host, against its critical
 * path, measured in the same run:
 *
 *   npx tsx bench/provider-wall-time.bench.ts [--enis 50] [--instances 10] [--latency-ms 200] [--attach-ms 2000] [--parallel 0] [--provider-code installed|serialized|reference]
 *
 * The emulator adds `--latency-ms` to every API call (fault `*:latency=`) and takes `--attach-ms`
 * for each ENI attach transition. After a warm-up (the host loads each provider and the SDKs on
 * first use), one instance and then one ENI attached to it are created alone: that chain (instance, then ENI create + attach) is the longest any single resource of
 * the deployment has to wait for, i.e. the critical path. Then all instances and ENIs are created
 * the way the engine schedules them: every instance at once, each ENI as soon as the instance it
 * attaches to exists. Goal (issue 3): wall / critical ≤ 1.3. The ratio shows whether the
 * providers serialize, retry needlessly or poll too slowly under concurrency.
 *
 * "Where each ENI's time went" splits every ENI's create (harness spans + the emulator's request
 * log): toCreate (harness start to CreateNetworkInterface arriving: Check and Create through gRPC
 * and the host), toAttach, transition (attach latency + --attach-ms), pollLag (InUse until the poll
 * that saw it answered), tail (that answer until the harness has the result). What it showed
 * (Nov 2026, 2 shared cores): pollLag and the number of polls (5 per ENI) are the same alone and
 * in the deployment, and every call takes its 200 ms at 50 in flight (the latency fault and the
 * SDK's sockets are concurrent). The whole difference is toCreate and tail (~0.8-1.1 s and
 * ~0.15-0.3 s instead of ~30 ms and ~5 ms) plus slower instances: CPU spent in google-protobuf
 * (de)serializing `__provider`, which with "serialized" code is ~125 KB and travels in each Check
 * and Create request and response, in the harness and again in the host, queued when 50 ENIs
 * start within ~0.4 s. With "reference" code (as from an installed package) the ratio is ~1.1.
 */
import { startEmulator } from "../emulator/server";
import { DEFAULT_SEED } from "../emulator/state/default-seed";
import type { Seed } from "../emulator/state/seed";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import * as path from "path";
import { serializeProviders } from "../test/support/provider-host/serialize-provider";
import { INSTANCE, NETWORK_INTERFACE, PROVIDER_EXPORTS, programInputs, startAlicloudHost } from "../test/support/provider-host/alicloud-host";
import type { AlicloudHostOptions, AlicloudProviders } from "../test/support/provider-host/alicloud-host";
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
  readonly providerCode: ProviderCode;
}

/**
 * How `__provider` carries the provider's code (it travels in every Check/Create request and
 * response, through protobuf in the harness and in the host):
 * - "serialized": Pulumi's closure serialization of this checkout's sources, ~125 KB per resource
 *   type, the code itself (what a program run from the repo sends);
 * - "installed" (the default): the package built as `npm pack` builds it and placed under
 *   bench/out/installed/node_modules/alicloud-eni, serialized from there by Pulumi's own
 *   serializer. Code in node_modules is captured as `require("alicloud-eni/dist/…")`, so the text
 *   is ~13 KB, not ~125 KB: what a user's program (which installs the package) really sends;
 * - "reference": a few bytes that `require` the provider module (an upper bound on how small the
 *   text can get). The host then needs tsx to load the .ts sources.
 */
export type ProviderCode = "installed" | "serialized" | "reference";
const PROVIDER_CODES: readonly ProviderCode[] = ["installed", "serialized", "reference"];
const INSTALLED = path.join(__dirname, "out", "installed", "node_modules");

/** Builds the package into a node_modules folder and serializes each provider from the build. */
async function installedProviders(): Promise<Pick<AlicloudHostOptions, "providers" | "env">> {
  const root = path.join(__dirname, "..");
  const pkg = path.join(INSTALLED, "alicloud-eni");
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json"), "--outDir", path.join(pkg, "dist")], { stdio: "inherit" });
  copyFileSync(path.join(root, "package.json"), path.join(pkg, "package.json"));
  const types = Object.keys(PROVIDER_EXPORTS) as (keyof typeof PROVIDER_EXPORTS)[];
  const serialized = await serializeProviders(
    types.map((t) => ({ modulePath: path.join(pkg, "dist", PROVIDER_EXPORTS[t].modulePath.replace(/\.ts$/, ".js")), exportName: PROVIDER_EXPORTS[t].exportName })),
  );
  const providers: AlicloudProviders = Object.fromEntries(types.map((t, i) => [t, serialized[i]!]));
  // The host resolves `require("alicloud-eni/…")` from its own cwd; NODE_PATH adds the install.
  return { providers, env: { NODE_PATH: INSTALLED } };
}

async function hostProviders(code: ProviderCode): Promise<Pick<AlicloudHostOptions, "providers" | "env">> {
  switch (code) {
    case "installed":
      return installedProviders();
    case "serialized":
      return {};
    case "reference": {
      const providers: AlicloudProviders = Object.fromEntries(Object.entries(PROVIDER_EXPORTS).map(([type, where]) => {
        const modulePath = path.join(__dirname, "..", where.modulePath);
        return [type, { containsSecrets: false, text: `exports.handler = () => require(${JSON.stringify(modulePath)}).${where.exportName};` }];
      }));
      return { providers, env: { NODE_OPTIONS: "--require tsx/cjs" } };
    }
    default: {
      const never: never = code;
      return never;
    }
  }
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
  /** Per ENI of the deployment, and of the critical path's ENI: where the time went. */
  readonly timelines: readonly EniTimeline[];
  readonly criticalTimeline: EniTimeline | undefined;
  /** How long each instance of the deployment took. */
  readonly instanceMs: readonly number[];
}

const VSWITCH = "vsw-bp1public0h7k2m5q8t1wx";
const SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";
const IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
/** Six ENIs (primary + five), like the real ecs.g7.2xlarge, so 50 ENIs fit on 10 instances. */
const WIDE_TYPE = "ecs.g7.2xlarge";

export const DEFAULT_OPTIONS: WallTimeOptions = { enis: 50, instances: 10, latencyMs: 200, attachMs: 2000, parallel: 0, providerCode: "installed" };

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

async function criticalPath(host: ProviderHost, tag: string): Promise<{ instanceMs: number; eniMs: number; made: ResourceState[]; eniSpan: ResourceSpan }> {
  const instanceUrn = host.urn(INSTANCE, `${tag}-i`);
  const instance = await timed(() => up(host, instanceUrn, programInputs(instanceUrn, instanceArgs)));
  const urn = host.urn(NETWORK_INTERFACE, `${tag}-eni`);
  const startedAt = Date.now();
  const eni = await timed(() => up(host, urn, programInputs(urn, eniArgs(instance.value.state.id))));
  const eniSpan = { urn, id: eni.value.state.id, clientToken: clientTokenOf(eni.value.state), startedAt, endedAt: Date.now() };
  return { instanceMs: instance.ms, eniMs: eni.ms, made: [eni.value.state, instance.value.state], eniSpan };
}

/** When one resource's `up` ran, in the harness (epoch ms, like the emulator's request log). */
export interface ResourceSpan {
  readonly urn: string;
  readonly id: string;
  /** The create's ClientToken (from check), to find its CreateNetworkInterface in the log. */
  readonly clientToken: string | undefined;
  readonly startedAt: number;
  readonly endedAt: number;
}

const clientTokenOf = (state: ResourceState): string | undefined => {
  const token = state.inputs["__clientToken"];
  return typeof token === "string" ? token : undefined;
};

async function deployment(host: ProviderHost, options: WallTimeOptions): Promise<{ ms: number; made: ResourceState[]; failures: number; spans: ResourceSpan[] }> {
  const run = limiter(options.parallel);
  const made: ResourceState[] = [];
  const spans: ResourceSpan[] = [];
  const spanned = async (urn: string, step: () => Promise<{ state: ResourceState }>): Promise<{ state: ResourceState }> => {
    const startedAt = Date.now();
    const result = await step();
    spans.push({ urn, id: result.state.id, clientToken: clientTokenOf(result.state), startedAt, endedAt: Date.now() });
    return result;
  };
  let failures = 0;
  const perInstance = Math.ceil(options.enis / options.instances);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: options.instances }, async (_, i) => {
      const urn = host.urn(INSTANCE, `i-${i}`);
      const instance = await run(() => spanned(urn, () => up(host, urn, programInputs(urn, instanceArgs))));
      made.push(instance.state);
      const count = Math.min(perInstance, options.enis - i * perInstance);
      await Promise.all(
        Array.from({ length: Math.max(0, count) }, async (_, j) => {
          const eniUrn = host.urn(NETWORK_INTERFACE, `eni-${i}-${j}`);
          try {
            const eni = await run(() => spanned(eniUrn, () => up(host, eniUrn, programInputs(eniUrn, eniArgs(instance.state.id)))));
            made.unshift(eni.state);
          } catch (err) {
            failures += 1;
            process.stderr.write(`${eniUrn}: ${(err as Error).message}\n`);
          }
        }),
      );
    }),
  );
  return { ms: performance.now() - start, made, failures, spans };
}

export async function runProviderWallTimeBench(options: WallTimeOptions = DEFAULT_OPTIONS): Promise<WallTimeResult> {
  const emulator = await startEmulator({
    port: 0,
    seed: benchSeed(options.enis, options.instances),
    transitions: { eniAttachMs: options.attachMs },
    faults: `*:latency=${options.latencyMs}ms`,
    requestLogSize: 100_000,
  });
  const host = await startAlicloudHost(emulator, { callTimeoutMs: 600_000, ...(await hostProviders(options.providerCode)) });
  try {
    // The host loads each provider and the SDKs on first use: warm up, as a long deployment would be.
    const warmUp = await criticalPath(host, "warm-up");
    const critical = await criticalPath(host, "critical");
    critical.made.push(...warmUp.made);
    const criticalLog = await requestEntries(emulator.url);
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    const deployed = await deployment(host, options);
    const log = await requestEntries(emulator.url);
    const timelines = deployed.spans.flatMap((span) => eniTimeline(span, log, options) ?? []);
    const criticalTimeline = eniTimeline(critical.eniSpan, criticalLog, options);
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
      timelines,
      criticalTimeline,
      instanceMs: deployed.spans.filter((span) => span.urn.includes(":Instance::")).map((span) => span.endedAt - span.startedAt),
    };
  } finally {
    await host.close();
    await emulator.close();
  }
}

interface LoggedCall {
  readonly action: string | null;
  readonly code: string | null;
  readonly time: string;
  readonly durationMs: number;
  readonly params: Readonly<Record<string, string>>;
}

/** Where one ENI's time went, in ms, from the harness spans and the emulator's request log. */
export interface EniTimeline {
  readonly urn: string;
  /** Harness start until CreateNetworkInterface reaches the emulator (check, host, SDK). */
  readonly toCreate: number;
  /** Create arrival until AttachNetworkInterface reaches the emulator. */
  readonly toAttach: number;
  /** Attach call arrival until the ENI turns InUse in the emulator (latency + transition). */
  readonly transition: number;
  /** InUse until the answer of the poll that saw it (poll granularity + one call). */
  readonly pollLag: number;
  /** That answer until the harness has the result (host, gRPC). */
  readonly tail: number;
  readonly polls: number;
  /** Client-side gaps between one of this ENI's calls ending and the next starting, summed. */
  readonly gaps: number[];
  readonly callMs: number[];
}

function eniTimeline(span: ResourceSpan, log: readonly LoggedCall[], options: WallTimeOptions): EniTimeline | undefined {
  const ours = (e: LoggedCall): boolean =>
    e.params["NetworkInterfaceId"] === span.id || e.params["NetworkInterfaceId.1"] === span.id || (span.clientToken !== undefined && e.params["ClientToken"] === span.clientToken);
  const mine = log.filter(ours)
    .map((e) => ({ action: e.action, at: Date.parse(e.time), end: Date.parse(e.time) + e.durationMs, ms: e.durationMs }))
    .filter((e) => e.at >= span.startedAt - 5 && e.at <= span.endedAt)
    .sort((a, b) => a.at - b.at);
  const attach = mine.find((e) => e.action === "AttachNetworkInterface");
  const create = mine.find((e) => e.action === "CreateNetworkInterface");
  const last = mine[mine.length - 1];
  if (attach === undefined || last === undefined || create === undefined) return undefined;
  const inUseAt = attach.at + options.latencyMs + options.attachMs;
  const gaps = mine.slice(1).map((e, i) => e.at - (mine[i] as { end: number }).end);
  return {
    urn: span.urn, toCreate: create.at - span.startedAt, toAttach: attach.at - create.at, transition: inUseAt - attach.at, pollLag: last.end - inUseAt,
    tail: span.endedAt - last.end, polls: mine.filter((e) => e.action === "DescribeNetworkInterfaces").length, gaps, callMs: mine.map((e) => e.ms),
  };
}

async function requestEntries(url: string): Promise<LoggedCall[]> {
  const res = await fetch(`${url}/__emulator/requests`);
  const body = (await res.json()) as { requests: LoggedCall[] };
  return body.requests;
}

const PHASES = ["toCreate", "toAttach", "transition", "pollLag", "tail", "polls"] as const;

/** One line per phase: the critical path's ENI, then the deployment's ENIs (median / max). */
export function timelineSummary(timelines: readonly EniTimeline[], critical: EniTimeline | undefined): string[] {
  const pick = (values: number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  const lines = PHASES.map((phase) => {
    const values = timelines.map((t) => t[phase]);
    return `${phase.padEnd(11)} critical ${String(Math.round(critical?.[phase] ?? NaN)).padStart(5)}   deployment median ${String(Math.round(pick(values, 0.5))).padStart(5)}  max ${String(Math.round(pick(values, 1))).padStart(5)}`;
  });
  const gaps = timelines.flatMap((t) => t.gaps);
  const calls = timelines.flatMap((t) => t.callMs);
  lines.push(`call ms     critical ${critical?.callMs.map(Math.round).join("/") ?? "?"}   deployment median ${Math.round(pick(calls, 0.5))}  max ${Math.round(pick(calls, 1))}`);
  lines.push(`gaps ms     critical ${critical?.gaps.map(Math.round).join("/") ?? "?"}   deployment median ${Math.round(pick(gaps, 0.5))}  p90 ${Math.round(pick(gaps, 0.9))}  max ${Math.round(pick(gaps, 1))}`);
  return lines;
}

function tally(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

type NumericOption = Exclude<keyof WallTimeOptions, "providerCode">;

function parseArgs(argv: readonly string[]): WallTimeOptions {
  const names: Record<string, NumericOption> = {
    "--enis": "enis", "--instances": "instances", "--latency-ms": "latencyMs", "--attach-ms": "attachMs", "--parallel": "parallel",
  };
  const options: Record<NumericOption, number> = { ...DEFAULT_OPTIONS };
  let providerCode = DEFAULT_OPTIONS.providerCode;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const raw = argv[i + 1];
    if (flag === "--provider-code") {
      const code = PROVIDER_CODES.find((c) => c === raw);
      if (code === undefined) throw new Error(`--provider-code must be one of ${PROVIDER_CODES.join(", ")}, got ${JSON.stringify(raw)}`);
      providerCode = code;
      continue;
    }
    const key = names[flag];
    const value = Number(raw);
    if (key === undefined) throw new Error(`unknown option ${flag}; allowed: ${[...Object.keys(names), "--provider-code"].join(", ")}`);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    options[key] = value;
  }
  if (options.instances === 0) throw new Error("--instances must be at least 1");
  return { ...options, providerCode };
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  runProviderWallTimeBench(options).then(
    (r) => {
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(`provider wall time: ${options.enis} ENIs + ${options.instances} instances, ${options.latencyMs} ms/call, ${options.attachMs} ms attach, parallel ${options.parallel || "unbounded"}, provider code ${options.providerCode}`);
      console.log(`  critical path  ${s(r.criticalMs)}  (instance ${s(r.criticalInstanceMs)} + ENI create/attach ${s(r.criticalEniMs)})`);
      console.log(`  wall           ${s(r.wallMs)}  (${r.apiCalls} API calls, ${r.failures} failed resources)`);
      console.log(`  calls          ${Object.entries(r.callsByAction).map(([a, n]) => `${a} ${n}`).join(", ")}`);
      console.log(`  errors         ${Object.entries(r.errorsByCode).map(([c, n]) => `${c} ${n}`).join(", ") || "none"}`);
      console.log(`  wall/critical  ${r.ratio.toFixed(2)}  (goal <= 1.30: ${r.ratio <= 1.3 && r.failures === 0 ? "met" : "NOT met"})`);
      console.log("  where each ENI's time went (ms):");
      for (const line of timelineSummary(r.timelines, r.criticalTimeline)) console.log(`    ${line}`);
      console.log(`    instances   critical ${Math.round(r.criticalInstanceMs)}   deployment ${r.instanceMs.map(Math.round).join("/")}`);
      const { timelines: _t, criticalTimeline: _c, instanceMs: _i, ...figures } = r;
      console.log(JSON.stringify({ bench: "provider-wall-time", options, ...figures }));
      if (r.failures > 0) process.exitCode = 1;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
