/**
 * Shared by the throughput benches: the judging sink (the model's streaming evaluator when it is
 * built, else the inline equivalent), the child-process side of a measurement (so peak RSS is one
 * input's alone), and timing of child processes and external tools, best of N runs.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";

import { readTraffic } from "../simulator/traffic/read-traffic";
import type { TrafficSink } from "../simulator/traffic/records";
import { OUT_DIR } from "./generate-capture";
import { InlineMismatchSink, natTopology } from "./nat-eni-scenario";

export type SinkKind = "model" | "inline" | "null";
export const SINK_KINDS: readonly SinkKind[] = ["model", "inline", "null"];

export interface JudgingSink {
  readonly sink: TrafficSink;
  readonly name: string;
  /** Records whose judged address is not the ENI's own (drops, with the check on). */
  mismatched(): number;
}

interface ModelModules {
  ObservedTraffic: new (index: unknown) => TrafficSink & { totals: { droppedRecords: number } };
  indexTopology: (topology: unknown) => unknown;
}

/**
 * The model's ObservedTraffic (simulator/model, the evaluator `eni-sim check` runs) if present;
 * loaded with require so this bench still runs, on the inline sink, in a tree without it.
 */
export function loadJudgingSink(kind: SinkKind): JudgingSink {
  if (kind === "null") {
    // The readers alone: what decoding costs before any judging.
    let records = 0;
    const count = (): void => void records++;
    const countBatch = (batch: { length: number }): void => void (records += batch.length);
    return { sink: { packet: count, packetBatch: countBatch, flowLog: count, declaredFlow: count }, name: "null sink (reader only)", mismatched: () => -1 };
  }
  if (kind === "model") {
    const modules = loadModel();
    if (modules !== undefined) {
      const observed = new modules.ObservedTraffic(modules.indexTopology(natTopology()));
      return { sink: observed, name: "model ObservedTraffic (simulator/model/observed-traffic.ts)", mismatched: () => observed.totals.droppedRecords };
    }
  }
  const inline = new InlineMismatchSink(natTopology());
  return { sink: inline, name: "inline Map/Set sink (bench/nat-eni-scenario.ts)", mismatched: () => inline.mismatched };
}

function loadModel(): ModelModules | undefined {
  // .ts through tsx, .js when this harness runs compiled (see prepareEngine).
  const ext = extname(__filename);
  const observedPath = join(__dirname, `../simulator/model/observed-traffic${ext}`);
  const indexPath = join(__dirname, `../simulator/model/topology-index${ext}`);
  if (!existsSync(observedPath) || !existsSync(indexPath)) return undefined;
  const observed = require(observedPath) as Partial<ModelModules>;
  const index = require(indexPath) as Partial<ModelModules>;
  if (typeof observed.ObservedTraffic !== "function" || typeof index.indexTopology !== "function") return undefined;
  return { ObservedTraffic: observed.ObservedTraffic, indexTopology: index.indexTopology };
}

export interface ChildResult {
  readonly records: number;
  readonly mismatched: number;
  readonly readMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly sink: string;
  /** Spawn to exit, measured by the parent: what a user waits for. */
  processMs: number;
}

/** The child's side: read one file through the sink and print the figures as one JSON line. */
export async function runChildMeasurement(file: string, kind: SinkKind): Promise<void> {
  const judging = loadJudgingSink(kind);
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const summary = await readTraffic(file, judging.sink);
  const readMs = Number(process.hrtime.bigint() - wall) / 1e6;
  const used = process.cpuUsage(cpu);
  const result: Omit<ChildResult, "processMs"> = {
    records: summary.records,
    mismatched: judging.mismatched(),
    readMs,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sink: judging.name,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const REPO = join(__dirname, "..");

export type EngineBuild = "compiled" | "tsx";

/** How the measuring children run: the bench script and the engine, through tsx or compiled. */
export interface BenchEngine {
  readonly build: EngineBuild;
  /** Node arguments that run the bench script (child mode arguments follow). */
  readonly childArgs: readonly string[];
  /** `eni-sim` as this build runs it: bin/eni-sim.js (tsx in a checkout) or the compiled cli.js. */
  readonly cli: string;
  cleanup(): void;
}

export function engineBuildArgument(): EngineBuild {
  const value = argument("engine") ?? "compiled";
  if (value !== "compiled" && value !== "tsx") throw new Error(`--engine must be "compiled" or "tsx", got "${value}"`);
  return value;
}

/**
 * `compiled` (the default) measures what the package ships: simulator/ and the bench script are
 * compiled with the package's own settings (tsconfig.build.json) into a folder under bench/out/
 * (removed by cleanup) and the children run with plain node. `tsx` runs the TypeScript sources,
 * as bin/eni-sim.js does in a checkout.
 */
export function prepareEngine(script: string, build: EngineBuild): BenchEngine {
  if (build === "tsx") return { build, childArgs: [...process.execArgv, script], cli: CHECK_CLI, cleanup: () => undefined };
  const dir = mkdtempSync(join(OUT_DIR, "engine-build-"));
  const config = join(dir, "tsconfig.json");
  const outDir = join(dir, "dist");
  writeFileSync(
    config,
    JSON.stringify({ extends: join(REPO, "tsconfig.build.json"), compilerOptions: { outDir, rootDir: REPO, declaration: false, sourceMap: false, inlineSources: false }, files: [script], include: [join(REPO, "simulator")] }),
  );
  process.stdout.write("compiling the engine (tsconfig.build.json)...\n");
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", config], { cwd: REPO, stdio: "inherit" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const compiled = (path: string): string => join(outDir, relative(REPO, path).replace(/\.ts$/, ".js"));
  return { build, childArgs: [compiled(script)], cli: compiled(join(REPO, "simulator", "cli.ts")), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the bench script as a child in child mode, through the engine's build. */
export async function measureInChild(engine: BenchEngine, file: string, kind: SinkKind): Promise<ChildResult> {
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await run(process.execPath, [...engine.childArgs, "--child", file, "--sink", kind]);
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`child measuring ${file} exited ${code}: ${stderr.trim()}`);
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ChildResult;
  result.processMs = processMs;
  return result;
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** User + system CPU time, when measured through /usr/bin/time. */
  readonly cpuMs?: number;
  /** Peak resident set size, when measured through /usr/bin/time. */
  readonly maxRssMb?: number;
}

const TIME = "/usr/bin/time";

/**
 * Runs an external tool under /usr/bin/time (when present) so its CPU time can be compared with
 * ours: on a shared machine wall time mostly measures the neighbours.
 */
export async function runTimed(command: string, args: readonly string[]): Promise<CommandResult> {
  if (!existsSync(TIME)) return run(command, args);
  const result = await run(TIME, ["-f", "@cpu %U %S %M", command, ...args]);
  const match = /@cpu ([0-9.]+) ([0-9.]+) ([0-9]+)\s*$/.exec(result.stderr);
  if (match === null) return result;
  return { ...result, stderr: result.stderr.slice(0, match.index), cpuMs: (Number(match[1]) + Number(match[2])) * 1000, maxRssMb: Number(match[3]) / 1024 };
}

/** Runs a command to completion (bounded by `timeoutMs`), capturing output and wall time. */
export function run(command: string, args: readonly string[], timeoutMs = 600_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

/** Best (lowest) of `repeat` runs: on a shared machine the minimum is the least disturbed. */
export async function bestOf<T>(repeat: number, measure: () => Promise<T>, key: (value: T) => number): Promise<T> {
  let best: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const value = await measure();
    if (best === undefined || key(value) < key(best)) best = value;
  }
  return best!;
}

export const CHECK_CLI = join(__dirname, "../bin/eni-sim.js");

export type CheckResult = CommandResult & { readonly dropped?: number };

/**
 * The real command, `eni-sim check --plan <the scenario's topology> --traffic FILE`, as a user
 * runs it (start-up, plan loading and the report included). Exit 1 is its verdict "drops traffic".
 */
export async function runCheck(file: string, cli: string = CHECK_CLI): Promise<CheckResult> {
  const plan = join(OUT_DIR, "nat-topology.json");
  const report = join(OUT_DIR, "check-report.json");
  writeFileSync(plan, JSON.stringify(natTopology(), null, 1));
  const result = await runTimed(process.execPath, [cli, "check", "--plan", plan, "--traffic", file, "--format", "json", "--out", report]);
  if (result.code !== 0 && result.code !== 1) throw new Error(`eni-sim check exited ${result.code}: ${result.stderr.trim()}`);
  const parsed = JSON.parse(readFileSync(report, "utf8")) as { summary?: { dropped?: number } };
  return parsed.summary?.dropped === undefined ? result : { ...result, dropped: parsed.summary.dropped };
}

export function lowest<T>(current: T | undefined, candidate: T, key: (value: T) => number): T {
  return current === undefined || key(candidate) < key(current) ? candidate : current;
}

export function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

export function firstExisting(paths: readonly string[]): string | undefined {
  return paths.find((path) => existsSync(path));
}

/**
 * "min-max (median)" of per-round ratios: on a shared machine one best-of figure hides how far
 * the rounds spread, and a ratio taken within one round compares runs under the same load.
 */
export function spread(values: readonly number[]): string {
  if (values.length === 0) return "none";
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return `${sorted[0]!.toFixed(2)}-${sorted[sorted.length - 1]!.toFixed(2)}x (median ${median.toFixed(2)}x, ${sorted.length} rounds)`;
}

export const rate = (count: number, ms: number): string => `${((count / ms) * 1000 / 1e6).toFixed(2)} M/s`;
export const ratio = (value: number): string => `${value.toFixed(2)}x`;
