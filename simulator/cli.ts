/**
 * `eni-sim`: parses argv, calls the API, writes the answer, and maps the outcome to an exit code
 * (0 nothing unexpected dropped, 1 the plan drops traffic or an `expect` fails, 2 bad input or
 * usage). It does nothing else: every command's work is in simulator/api.
 *
 * Each command loads its implementation when it runs (lazy-module.ts): declaring all of them
 * eagerly loaded ~270 modules (the emulator, the lab, the YAML parser) before any command
 * started, ~0.3 s through tsx.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { Command, CommanderError, Option } from "commander";
import { exitCodeOf, type AnyReport, type ExitCode } from "./api/exit-code";
import { OUTPUT_FORMATS, parseOutputFormat, type OutputFormat } from "./api/output-format";
import { isInputError, UsageError } from "./errors";
import { loadModule } from "./lazy-module";
import { registerLabCommand } from "./lab/command";

// Each command's implementation, loaded when the command runs.
const checkApi = () => loadModule(() => require("./api/check") as typeof import("./api/check"), () => import("./api/check"));
const diffApi = () => loadModule(() => require("./api/diff") as typeof import("./api/diff"), () => import("./api/diff"));
const assessApi = () => loadModule(() => require("./api/assess") as typeof import("./api/assess"), () => import("./api/assess"));
const outputApi = () => loadModule(() => require("./api/answer-output") as typeof import("./api/answer-output"), () => import("./api/answer-output"));
const progressApi = () => loadModule(() => require("./api/progress-bar") as typeof import("./api/progress-bar"), () => import("./api/progress-bar"));
const emulatorApi = () => loadModule(() => require("../emulator/start-command") as typeof import("../emulator/start-command"), () => import("../emulator/start-command"));

export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

interface OutputOptions {
  format: string;
  captureEni?: string;
  out?: string;
  lenient?: boolean;
  traffic?: string[];
}

function addOutputOptions(command: Command): Command {
  return command
    .option("--traffic <files...>", "pcap, pcapng, flow-log (CSV/JSON lines) or declared-flow files; format detected from content")
    .addOption(new Option("--format <format>", "output format").choices([...OUTPUT_FORMATS]).default("table"))
    .option("--out <file>", "write the answer to this file instead of stdout")
    .option("--lenient", "skip bad traffic records (and count them) instead of failing on the first")
    .option("--capture-eni <eni-id|address>", "the ENI a capture without MACs (Linux cooked SLL/SLL2, raw IP) was taken on, by id or by an address it holds");
}

async function writeAnswer(text: string, options: OutputOptions, io: CliIo): Promise<void> {
  if (options.out === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(options.out, text);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new UsageError("INVALID_OPTION", `--out ${options.out}: cannot write the answer (${reason})`);
  }
  io.stderr.write(`eni-sim: wrote ${options.out}\n`);
}

function captureOption(options: OutputOptions): { captureEni?: string } {
  return options.captureEni === undefined ? {} : { captureEni: options.captureEni };
}

function renderOptions(options: OutputOptions, io: CliIo) {
  const color = options.out === undefined && io.stdout.isTTY === true && io.env["NO_COLOR"] === undefined;
  return { color, ...(io.stdout.columns ? { width: io.stdout.columns } : {}) };
}

/** The package's version: package.json sits one level up from the sources, two from dist/. */
function packageVersion(): string {
  for (const candidate of [join(__dirname, "..", "package.json"), join(__dirname, "..", "..", "package.json")]) {
    if (!existsSync(candidate)) continue;
    const parsed: unknown = JSON.parse(readFileSync(candidate, "utf8"));
    const version = (parsed as { version?: unknown }).version;
    if (typeof version === "string") return version;
  }
  return "unknown";
}

function buildProgram(io: CliIo, done: (answer: AnyReport) => void): Command {
  const program = new Command("eni-sim")
    .version(packageVersion())
    .description("Which packets would Source/Destination Check drop under this plan, where, why, and what to change")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();

  addOutputOptions(
    program
      .command("check")
      .description("judge traffic against a plan: drops, findings, fixes")
      .requiredOption("--plan <source>", "topology file, `pulumi preview --json`, `pulumi stack export`, program directory, or ECS endpoint URL"),
  ).action(async (options: OutputOptions & { plan: string }) => {
    const format: OutputFormat = parseOutputFormat(options.format);
    const files = options.traffic ?? [];
    const [{ checkPlan }, { renderCheckOutput }, { startProgress }] = await Promise.all([checkApi(), outputApi(), progressApi()]);
    const progress = startProgress(files, io.stderr);
    try {
      const { report, topology } = await checkPlan({ plan: options.plan, traffic: files, lenient: options.lenient === true, ...captureOption(options), ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
      progress.stop();
      await writeAnswer(renderCheckOutput(report, topology, format, renderOptions(options, io)), options, io);
      done({ kind: "check", report });
    } finally {
      progress.stop();
    }
  });

  addOutputOptions(
    program
      .command("diff")
      .description("flows that start or stop being dropped between two plans")
      .requiredOption("--from <source>", "the base plan (e.g. the live account's endpoint)")
      .requiredOption("--to <source>", "the plan to compare (e.g. the program directory)"),
  ).action(async (options: OutputOptions & { from: string; to: string }) => {
    const format = parseOutputFormat(options.format);
    const files = options.traffic ?? [];
    const [{ diffPlans }, { renderDiffOutput }, { startProgress }] = await Promise.all([diffApi(), outputApi(), progressApi()]);
    const progress = startProgress(files, io.stderr);
    try {
      const { report, to } = await diffPlans({ from: options.from, to: options.to, traffic: files, lenient: options.lenient === true, ...captureOption(options), ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
      progress.stop();
      await writeAnswer(renderDiffOutput(report, to, format, renderOptions(options, io)), options, io);
      done({ kind: "diff", report });
    } finally {
      progress.stop();
    }
  });

  addOutputOptions(
    program
      .command("assess")
      .description("would the 2025 default turn the check on for this account, and what would break")
      .option("--endpoint <url>", "the account's ECS API endpoint (the cloud, or the emulator)")
      .option("--plan <source>", "the account as a topology file or stack export, instead of --endpoint"),
  ).action(async (options: OutputOptions & { endpoint?: string; plan?: string }) => {
    const format = parseOutputFormat(options.format);
    const files = options.traffic ?? [];
    const [{ assessPlan }, { renderAssessOutput }, { startProgress }] = await Promise.all([assessApi(), outputApi(), progressApi()]);
    const progress = startProgress(files, io.stderr);
    try {
      const { report, topology } = await assessPlan({
        ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
        ...(options.plan !== undefined ? { topology: options.plan } : {}),
        traffic: files,
        lenient: options.lenient === true,
        ...captureOption(options),
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      });
      progress.stop();
      await writeAnswer(renderAssessOutput(report, topology, format, renderOptions(options, io)), options, io);
      done({ kind: "assess", report });
    } finally {
      progress.stop();
    }
  });

  program
    .command("emulator")
    .description("start the local ECS/VPC OpenAPI emulator")
    .option("--port <n>", "API port (0 picks a free one)")
    .option("--metadata-port <n>", "instance metadata service port")
    .option("--state <file>", "persist the emulator's state in this file")
    .option("--seed <file>", "seed the state from this file")
    .option("--faults <spec>", "inject errors and latency, e.g. 'CreateNetworkInterface:throttle@0.3;*:latency=200ms' (docs/emulator.md)")
    .action(async (options: { port?: string; metadataPort?: string; state?: string; seed?: string; faults?: string }) => {
      const { runEmulatorCommand } = await emulatorApi();
      const handle = await runEmulatorCommand({
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.metadataPort !== undefined ? { metadataPort: options.metadataPort } : {}),
        ...(options.state !== undefined ? { state: options.state } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.faults !== undefined ? { faults: options.faults } : {}),
        out: io.stdout,
      });
      await handle.stopped;
    });

  registerLabCommand(program, io, done);
  return program;
}

/** Runs one invocation (`argv` without node and script) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<ExitCode> {
  let answer: AnyReport | undefined;
  const program = buildProgram(io, (a) => {
    answer = a;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (isInputError(err)) {
      io.stderr.write(`eni-sim: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`eni-sim: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
  return answer === undefined ? 0 : exitCodeOf(answer);
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
