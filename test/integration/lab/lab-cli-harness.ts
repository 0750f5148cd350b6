/**
 * Runs `eni-sim lab ...` the way simulator/cli.ts will once it registers the lab command (same
 * exitOverride, error → exit-code mapping and answer → exit code), capturing stdout and stderr.
 */
import { PassThrough } from "node:stream";
import { Command, CommanderError } from "commander";
import { exitCodeOf, type AnyReport, type ExitCode } from "../../../simulator/api/exit-code";
import { isInputError } from "../../../simulator/errors";
import { registerLabCommand } from "../../../simulator/lab/command";

export interface CliRun {
  readonly code: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runLabCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c: Buffer) => out.push(c.toString()));
  stderr.on("data", (c: Buffer) => err.push(c.toString()));
  const io = { stdout, stderr, env };
  let answer: AnyReport | undefined;
  const program = new Command("eni-sim")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerLabCommand(program, io, (a) => {
    answer = a;
  });
  let code: ExitCode;
  try {
    await program.parseAsync([...argv], { from: "user" });
    code = answer === undefined ? 0 : exitCodeOf(answer);
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
    else if (isInputError(error)) {
      io.stderr.write(`eni-sim: ${error.message}\n`);
      code = 2;
    } else throw error;
  }
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.join(""), stderr: err.join("") };
}
