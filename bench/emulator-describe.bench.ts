/**
 * Signed DescribeNetworkInterfaces against 1,000 ENIs, next to a bare node:http server.
 *
 *   npx tsx bench/emulator-describe.bench.ts [--rounds 3] [--duration 5] [--connections 10] [--emulator compiled|tsx]
 *
 * The emulator and the bare server each run in a child process pinned to CPU 0 with
 * `taskset -c 0` when available; this process (autocannon + signing) is pinned to CPU 1.
 * Every request is signed here with ACS3-HMAC-SHA256 and a fresh nonce, as the SDK does; they
 * are signed just before each run (see SignedPool), so the load generator keeps up.
 * Goal: >= 3,000 req/s, p99 < 25 ms, and >= 0.3x the bare server.
 * Both servers stay up and take turns for `--rounds` rounds (emulator, then bare, `--duration`
 * seconds each); every round's ratio is printed, and the goal must hold in each of them.
 *
 * `--emulator compiled` (the default) measures what the packaged `eni-sim emulator` runs: the
 * emulator is compiled with the package's own settings (tsconfig.build.json, emulator/ only)
 * into a temporary folder under bench/out/ (~5 s, removed afterwards) and started with plain
 * node. `--emulator tsx` runs the sources through tsx (`--import tsx emulator/main.ts`), as
 * `npm run emulator` does in a checkout: no build step, ~10-15% more server CPU per request.
 * The output names which one was measured.
 * The same page is asked for on every request, so after the first one the emulator answers
 * from its page cache (emulator/actions/page-cache.ts), as it would a polling controller.
 */
import * as $Ecs from "@alicloud/ecs20140526";
import EcsClient from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEV_ACCESS_KEY } from "../emulator/http/credentials";
import { startEmulator } from "../emulator/server";
import { DEFAULT_SEED } from "../emulator/state/seed";
import type { Seed } from "../emulator/state/seed";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as Autocannon;

const REPO = resolve(__dirname, "..");
const REGION = "cn-hangzhou";
const VSWITCH = "vsw-bp1private4j9n3r6u0y2c";
const SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";
const ENI_COUNT = 1000;

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    emulator: { type: "string", default: "compiled" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number >= 1, got "${args.rounds}"`);
type EmulatorBuild = "compiled" | "tsx";
const emulatorBuild = ((): EmulatorBuild => {
  if (args.emulator === "compiled" || args.emulator === "tsx") return args.emulator;
  throw new Error(`--emulator must be "compiled" or "tsx", got "${args.emulator}"`);
})();

const hasTaskset = ((): boolean => {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return true;
  } catch {
    return false;
  }
})();

/** A seed with room for 1,000 ENIs in one vSwitch. */
function benchSeed(): Seed {
  return {
    ...DEFAULT_SEED,
    eniQuotaPerRegion: 10_000,
    vSwitches: DEFAULT_SEED.vSwitches.map((v) => (v.id === VSWITCH ? { ...v, cidrBlock: "10.0.16.0/20" } : v)),
  };
}

/** Builds a state file holding 1,000 ENIs, created through the official SDK. */
async function buildState(stateFile: string): Promise<void> {
  const emulator = await startEmulator({ seed: benchSeed() });
  const client = new EcsClient(
    new $OpenApiUtil.Config({ ...DEV_ACCESS_KEY, endpoint: emulator.endpoint, protocol: "http", regionId: REGION }),
  );
  for (let i = 0; i < ENI_COUNT; i++) {
    await client.createNetworkInterface(
      new $Ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSWITCH, securityGroupId: SECURITY_GROUP, networkInterfaceName: `bench-${i}` }),
    );
  }
  writeFileSync(stateFile, JSON.stringify(emulator.store.snapshot()));
  await emulator.close();
}

/**
 * Compiles emulator/ with the package's build settings into `dir` and returns the command line
 * that starts it (after the node executable). Only the include differs from tsconfig.build.json.
 */
function compileEmulator(dir: string): string[] {
  const config = join(dir, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({ extends: join(REPO, "tsconfig.build.json"), compilerOptions: { outDir: join(dir, "dist"), rootDir: REPO }, include: [join(REPO, "emulator")] }),
  );
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", config], { cwd: REPO, stdio: "inherit" });
  return [join(dir, "dist", "emulator", "main.js")];
}

function pinned(command: string, commandArgs: string[]): ChildProcess {
  const [file, argv] = hasTaskset ? ["taskset", ["-c", "0", command, ...commandArgs]] : [command, commandArgs];
  return spawn(file, argv, { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
}

/** Waits for the child to print its address (`http://127.0.0.1:PORT`). */
function addressOf(child: ChildProcess): Promise<string> {
  return new Promise((resolveAddress, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`child did not start: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/(127\.0\.0\.1:\d+)/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolveAddress(match[1]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
}

const QUERY = `MaxResults=10&RegionId=${REGION}&VSwitchId=${VSWITCH}`;
const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");
const SIGNED_HEADERS = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";

/** One ACS3-HMAC-SHA256 request, signed the way @alicloud/openapi-core does it. */
function signedRequest(host: string): AutocannonRequest {
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const nonce = randomBytes(16).toString("hex");
  const headers: Record<string, string> = {
    host,
    "x-acs-action": "DescribeNetworkInterfaces",
    "x-acs-content-sha256": EMPTY_SHA256,
    "x-acs-date": date,
    "x-acs-signature-nonce": nonce,
    "x-acs-version": "2014-05-26",
  };
  const canonicalHeaders = SIGNED_HEADERS.split(";").map((h) => `${h}:${headers[h]}\n`).join("");
  const canonical = `POST\n/\n${QUERY}\n${canonicalHeaders}\n${SIGNED_HEADERS}\n${EMPTY_SHA256}`;
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", DEV_ACCESS_KEY.accessKeySecret).update(stringToSign).digest("hex");
  headers["authorization"] = `ACS3-HMAC-SHA256 Credential=${DEV_ACCESS_KEY.accessKeyId},SignedHeaders=${SIGNED_HEADERS},Signature=${signature}`;
  return { method: "POST", path: `/?${QUERY}`, headers };
}

/**
 * Requests signed before a run starts, each with its own nonce and a date well inside the
 * signature window: signing on the fly made the load generator (one core, signing ~10 us per
 * request) the bottleneck, so the emulator's req/s measured the client, not the server.
 * `take` signs on the fly once the pool runs dry, so a run is never cut short.
 */
class SignedPool {
  private readonly pool: AutocannonRequest[] = [];
  private next = 0;

  constructor(private readonly host: string, size: number) {
    for (let i = 0; i < size; i++) this.pool.push(signedRequest(host));
  }

  take(): AutocannonRequest {
    return this.next < this.pool.length ? this.pool[this.next++]! : signedRequest(this.host);
  }
}

/** Enough for a run at 25,000 req/s, the most one core of this load generator sends. */
const poolSize = (): number => Math.ceil(duration * 25_000);

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used, from /proc; undefined where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

interface Measured extends AutocannonResult {
  /** Server CPU time per answered request; robust when other work shares the machine. */
  cpuMicrosPerRequest: number | undefined;
  /** Share of its core the load generator (this process) used: near 1, it set the pace, not the server. */
  loadGeneratorBusy: number | undefined;
}

async function measure(child: ChildProcess, host: string, signed: boolean): Promise<Measured> {
  const pool = signed ? new SignedPool(host, poolSize()) : undefined;
  const before = cpuSeconds(child.pid);
  const ownBefore = cpuSeconds(process.pid);
  const result = await load(host, pool);
  const after = cpuSeconds(child.pid);
  const ownAfter = cpuSeconds(process.pid);
  const cpu = before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / result.requests.total;
  const busy = ownBefore === undefined || ownAfter === undefined ? undefined : (ownAfter - ownBefore) / duration;
  return { ...result, cpuMicrosPerRequest: cpu, loadGeneratorBusy: busy };
}

/** Signed requests from `pool`, or the same request unsigned (for the bare server) without one. */
async function load(host: string, pool: SignedPool | undefined): Promise<AutocannonResult> {
  return autocannon({
    url: `http://${host}`,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request: AutocannonRequest) => (pool !== undefined ? { ...request, ...pool.take() } : { ...request, method: "POST", path: `/?${QUERY}` }),
      },
    ],
  });
}

const BARE_SERVER = `
const body = Buffer.from(process.argv[1]);
require("node:http").createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json;charset=utf-8", "content-length": body.length });
  res.end(body);
}).listen(0, "127.0.0.1", function () { console.log("bare http://127.0.0.1:" + this.address().port); });
`;

async function main(): Promise<void> {
  if (hasTaskset) execFileSync("taskset", ["-a", "-pc", "1", String(process.pid)], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "eni-bench-"));
  const stateFile = join(dir, "state.json");
  const children: ChildProcess[] = [];
  const cleanups = [dir];
  try {
    process.stdout.write(`building a state with ${ENI_COUNT} ENIs...\n`);
    await buildState(stateFile);

    // Inside the checkout, so the compiled code resolves node_modules as the package would.
    mkdirSync(join(REPO, "bench", "out"), { recursive: true });
    const buildDir = mkdtempSync(join(REPO, "bench", "out", "emulator-build-"));
    cleanups.push(buildDir);
    process.stdout.write(emulatorBuild === "compiled" ? "compiling the emulator (tsconfig.build.json)...\n" : "");
    const entry = emulatorBuild === "compiled" ? compileEmulator(buildDir) : ["--import", "tsx", "emulator/main.ts"];
    const emulator = pinned(process.execPath, [...entry, "--port", "0", "--state", stateFile]);
    children.push(emulator);
    const emulatorHost = await addressOf(emulator);
    const sample = await fetch(`http://${emulatorHost}/?${QUERY}`, { method: "POST", headers: signedRequest(emulatorHost).headers });
    const sampleBody = await sample.text();
    if (sample.status !== 200) throw new Error(`emulator answered ${sample.status}: ${sampleBody}`);

    // The bare server answers with a body of the same size, so only the emulator's work differs.
    const bare = pinned(process.execPath, ["-e", BARE_SERVER, sampleBody]);
    children.push(bare);
    const bareHost = await addressOf(bare);

    // Both stay up (the idle one costs nothing) and take turns: each round measures the emulator
    // and then the bare server, so a neighbour's load on this shared machine lands on both sides
    // of a round's ratio instead of on one whole side of the comparison.
    await load(emulatorHost, new SignedPool(emulatorHost, poolSize())); // warm-up runs, discarded
    await load(bareHost, undefined);
    const pairs: { emu: Measured; base: Measured; ratio: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const emu = await measure(emulator, emulatorHost, true);
      const base = await measure(bare, bareHost, false);
      pairs.push({ emu, base, ratio: emu.requests.average / base.requests.average });
    }

    const cpu = (r: Measured): string =>
      (r.cpuMicrosPerRequest === undefined ? "" : `   server CPU ${r.cpuMicrosPerRequest.toFixed(0)} us/req (${(1e6 / r.cpuMicrosPerRequest).toFixed(0)} req/s per core)`) +
      (r.loadGeneratorBusy === undefined ? "" : `   load generator ${(100 * r.loadGeneratorBusy).toFixed(0)}% busy`);
    const row = (name: string, r: Measured): string =>
      `${name.padEnd(44)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}  errors ${r.errors}${cpu(r)}`;
    const ratios = pairs.map((p) => p.ratio);
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    const met = pairs.every(({ emu, ratio }) => emu.requests.average >= 3000 && emu.latency.p99 < 25 && ratio >= 0.3 && emu.non2xx === 0 && emu.errors === 0);
    process.stdout.write(
      [
        "",
        `DescribeNetworkInterfaces (${QUERY}), ${ENI_COUNT} ENIs in state, response ${sampleBody.length} bytes`,
        `${connections} connections, ${rounds} rounds of ${duration} s per server, server on ${hasTaskset ? "CPU 0 (taskset -c 0)" : "an unpinned CPU (no taskset)"}`,
        ...pairs.flatMap(({ emu, base }, i) => [
          row(`${i + 1}: emulator, ${emulatorBuild === "compiled" ? "compiled JS" : "tsx"} (signed ACS3)`, emu),
          row(`${i + 1}: bare node:http (same body)`, base),
        ]),
        `ratio emulator / bare per round: ${ratios.map((r) => r.toFixed(2)).join(" ")} (median ${median.toFixed(2)}, lowest ${Math.min(...ratios).toFixed(2)})`,
        `goal: >= 3000 req/s, p99 < 25 ms, ratio >= 0.30, in every round -> ${met ? "met" : "NOT met"}`,
        "",
      ].join("\n"),
    );
  } finally {
    for (const child of children) child.kill("SIGKILL");
    for (const path of cleanups) rmSync(path, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
