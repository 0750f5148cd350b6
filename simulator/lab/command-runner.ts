/**
 * The one place the lab starts processes: argv only (never a shell), stdin from a string, output
 * capped, and every run bounded by a timeout after which the process is killed. An interface, so
 * the lifecycle (including cleanup after a failure halfway through `up`) is unit-tested with a fake.
 */
import { spawn } from "node:child_process";

export interface CommandResult {
  /** The exit code; -1 when the process was killed (timeout) or could not start. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly stdin?: string;
  readonly timeoutMs?: number;
}

export interface CommandRunner {
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
/** ip/nft print little; a runaway command must not fill memory. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export const processRunner: CommandRunner = {
  run(argv, options = {}) {
    return new Promise((resolve) => {
      const [file, ...args] = argv;
      if (file === undefined) {
        resolve({ code: -1, stdout: "", stderr: "empty command", timedOut: false });
        return;
      }
      const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outBytes = 0;
      let timedOut = false;
      const keep = (into: Buffer[]) => (chunk: Buffer) => {
        if (outBytes >= MAX_OUTPUT_BYTES) return;
        outBytes += chunk.length;
        into.push(chunk);
      };
      child.stdout.on("data", keep(out));
      child.stderr.on("data", keep(err));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
      let settled = false;
      const finish = (code: number, extra = ""): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") + extra, timedOut });
      };
      child.on("error", (e) => finish(-1, e.message));
      child.on("close", (code) => finish(timedOut ? -1 : (code ?? -1)));
      // A child that exits before reading stdin must not crash us with EPIPE.
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.stdin ?? "");
    });
  },
};

/** `ip -n lab link add ...` for messages: argv joined, arguments with spaces quoted. */
export const describeArgv = (argv: readonly string[]): string => argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
