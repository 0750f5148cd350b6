/**
 * `lab exec`: a command run inside an instance's namespace, its output passed through. Unlike the
 * probes it is the user's command, so it is not cut short; it ends when the command does.
 */
import { spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { LabError } from "./errors";
import { execArgv, findHost, requireLab, resolveEnvironment, type LabEnvironment } from "./lab-lifecycle";

export interface LabExecOptions extends LabEnvironment {
  readonly lab: string;
  /** Instance id, the id of an ENI it holds, or its namespace. */
  readonly instance: string;
  readonly command: readonly string[];
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Runs the command and resolves with its exit code (128 + signal number when killed). */
export async function labExec(options: LabExecOptions): Promise<number> {
  const env = resolveEnvironment(options);
  const state = await requireLab(env, options.lab);
  const host = findHost(state, options.instance);
  const [file, ...args] = execArgv(host, options.command);
  return new Promise((resolve, reject) => {
    const child = spawn(file!, args, { stdio: ["inherit", "pipe", "pipe"] });
    child.stdout.pipe(options.stdout, { end: false });
    child.stderr.pipe(options.stderr, { end: false });
    child.on("error", (e) => reject(new LabError("COMMAND_FAILED", `lab exec ${options.instance}: cannot start ${options.command[0] ?? ""}: ${e.message}`)));
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
const signalNumber = (signal: string): number => SIGNALS[signal] ?? 0;
