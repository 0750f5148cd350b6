/**
 * Launches Pulumi's Node.js dynamic-provider host the way the engine launches the
 * `pulumi-resource-pulumi-nodejs` plugin: plain `node` (no TypeScript loader: the host only ever
 * sees serialized JavaScript), the engine's gRPC address as the argument, the stack's whole
 * configuration in PULUMI_CONFIG with namespaces kept, and the port read from the first line the
 * host prints on stdout.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import { HostStartError } from "./errors";
import { REPO_ROOT, childBaseEnv } from "./serialize-provider";

export const HOST_ENTRY = path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/cmd/dynamic-provider");

export interface HostProcessOptions {
  readonly engineAddress: string;
  /** Plain (decrypted) config values, keys with namespace: "alicloud:region". */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly project: string;
  readonly stack: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
}

export interface HostProcess {
  readonly port: number;
  readonly pid: number;
  /** Everything the host wrote after its port line, stdout and stderr interleaved (bounded). */
  output(): string;
  /** Resolves with the exit code once the process is gone. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 1024 * 1024;

export function launchHost(options: HostProcessOptions): Promise<HostProcess> {
  const child = spawn(process.execPath, [HOST_ENTRY, options.engineAddress], {
    cwd: REPO_ROOT,
    env: {
      ...childBaseEnv(),
      PULUMI_CONFIG: JSON.stringify(options.config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys),
      PULUMI_NODEJS_PROJECT: options.project,
      PULUMI_NODEJS_STACK: options.stack,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: string): void => {
    output = (output + chunk).slice(-OUTPUT_LIMIT);
  };
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stderr.setEncoding("utf8").on("data", append);
  return new Promise<HostProcess>((resolve, reject) => {
    let stdoutBuffer = "";
    let port: number | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new HostStartError(`no port on stdout within ${options.startTimeoutMs ?? 20_000} ms`, output));
    }, options.startTimeoutMs ?? 20_000);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new HostStartError(`spawn failed: ${err.message}`, output));
    });
    void exited.then((code) => {
      if (port !== undefined) return;
      clearTimeout(timer);
      reject(new HostStartError(`host exited with code ${code} before printing its port`, output));
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (port !== undefined) {
        append(chunk);
        return;
      }
      stdoutBuffer += chunk;
      const newline = stdoutBuffer.indexOf("\n");
      if (newline < 0) return;
      const first = stdoutBuffer.slice(0, newline).trim();
      append(stdoutBuffer.slice(newline + 1));
      const parsed = Number(first);
      clearTimeout(timer);
      if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535) {
        child.kill("SIGKILL");
        reject(new HostStartError(`first stdout line is not a port: ${JSON.stringify(first)}`, output));
        return;
      }
      port = parsed;
      resolve(hostHandle(child, parsed, exited, () => output));
    });
  });
}

function hostHandle(child: ChildProcess, port: number, exited: Promise<number | null>, output: () => string): HostProcess {
  return {
    port,
    pid: child.pid ?? -1,
    output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      // The host keeps serving until killed; give it a moment, then make sure.
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
