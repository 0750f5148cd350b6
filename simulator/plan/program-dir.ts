/**
 * A Pulumi TypeScript program directory as a plan: the program runs under mocks in a child
 * process (program-runner.ts) with the project's and stack's config, and the resources it
 * registers come back as PulumiResource records for the shared mapper.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { PlanError } from "./errors";
import { programConfig, readProjectFile, type ProjectFile } from "./program-config";
import type { CapturedResource, RunRequest, RunResult } from "./program-protocol";
import { RESULT_FD, RUN_REQUEST_ENV } from "./program-protocol";
import { normalizeRecord, type PulumiResource } from "./pulumi-values";

export interface ProgramOptions {
  readonly dir: string;
  /** Stack whose `Pulumi.<stack>.yaml` config applies; default "dev". */
  readonly stack?: string;
  /** Extra config (`ns:key` or `key` for the project namespace), over the stack file's. */
  readonly config?: Readonly<Record<string, string>>;
  /** Upper bound for the whole run, default 60 s. */
  readonly timeoutMs?: number;
}

export interface ProgramRun {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly PulumiResource[];
  readonly region?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_TAIL = 4_000;

export async function readProgramResources(options: ProgramOptions): Promise<ProgramRun> {
  const dir = path.resolve(options.dir);
  const stack = options.stack ?? "dev";
  const project = await readProjectFile(dir);
  const config = await programConfig(dir, project, stack, options.config ?? {});
  const request: RunRequest = { dir, main: mainModule(dir, project), project: project.name, stack, region: config["alicloud:region"] ?? process.env["ALIBABA_CLOUD_REGION"] ?? "unknown" };
  const result = await runChild(request, config, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // The provider's own fallback when the config has no region.
  const region = config["alicloud:region"] ?? process.env["ALIBABA_CLOUD_REGION"];
  return {
    project: project.name,
    stack,
    resources: result.map(toPulumiResource),
    ...(region === undefined ? {} : { region }),
  };
}

function mainModule(dir: string, project: ProjectFile): string {
  const main = path.resolve(dir, project.main ?? ".");
  if (!main.startsWith(dir)) {
    throw new PlanError("INVALID_VALUE", "`main` points outside the program directory", { file: path.join(dir, project.file), path: "main", value: project.main, allowed: "a file or directory inside the program" });
  }
  return main;
}

function toPulumiResource(c: CapturedResource): PulumiResource {
  return { urn: c.urn, type: c.type, ...(c.id === undefined ? {} : { id: c.id }), inputs: normalizeRecord(c.inputs), outputs: normalizeRecord(c.state) };
}

function runnerCommand(): { args: string[] } {
  const ts = path.join(__dirname, "program-runner.ts");
  const js = path.join(__dirname, "program-runner.js");
  // From sources (tsx, vitest) the runner is TypeScript and needs tsx's hook; built, it is plain JS.
  if (existsSync(js)) return { args: ["--require", require.resolve("tsx/cjs"), js] };
  return { args: ["--require", require.resolve("tsx/cjs"), ts] };
}

function runChild(request: RunRequest, config: Readonly<Record<string, string>>, timeoutMs: number): Promise<readonly CapturedResource[]> {
  const programFile = path.relative(process.cwd(), request.dir) || ".";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, runnerCommand().args, {
      cwd: request.dir,
      env: {
        ...process.env,
        [RUN_REQUEST_ENV]: JSON.stringify(request),
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_NODEJS_PROJECT: request.project,
        PULUMI_NODEJS_STACK: request.stack,
      },
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let output = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    (child.stdio[RESULT_FD] as NodeJS.ReadableStream).setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new PlanError("PROGRAM_TIMEOUT", `the program did not finish within ${timeoutMs} ms`, { file: programFile, allowed: "a program that completes under mocks (no waiting on real cloud calls)" }));
    }, timeoutMs);
    child.on("error", (cause) => {
      clearTimeout(timer);
      reject(new PlanError("PROGRAM_FAILED", "could not start the program runner", { file: programFile }, { cause }));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      let result: RunResult | undefined;
      try {
        result = output === "" ? undefined : (JSON.parse(output) as RunResult);
      } catch {
        result = undefined;
      }
      if (result?.ok === true) return resolve(result.resources);
      if (result?.ok === false) return reject(programError(request.dir, programFile, result.message, result.stack));
      reject(new PlanError("PROGRAM_FAILED", `the program exited with code ${code} before reporting its resources: ${stderr.trim().split("\n").slice(-5).join(" | ")}`, { file: programFile }));
    });
  });
}

/** The program's own message, located at the first stack frame inside the program (not its deps). */
function programError(dir: string, programFile: string, message: string, stack: string | undefined): PlanError {
  const frame = stack
    ?.split("\n")
    .map((line) => /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line))
    .find((m) => m !== null && m[1]!.replace("file://", "").startsWith(dir) && !m[1]!.includes(`${path.sep}node_modules${path.sep}`));
  const file = frame ? path.relative(process.cwd(), frame[1]!.replace("file://", "")) : programFile;
  return new PlanError("PROGRAM_FAILED", `the program failed: ${message}`, { file, ...(frame ? { line: Number(frame[2]) } : {}) });
}

