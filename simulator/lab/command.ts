/**
 * `eni-sim lab up|run|exec|down`: declares the subcommands and forwards to the lab API. The CLI
 * (simulator/cli.ts) calls `registerLabCommand(program, io, done)`; every error is typed, so the
 * CLI's mapping holds: 2 for bad input or a lab that cannot be built, 1 when `run` finds traffic
 * dropped unexpectedly (as `check`), 0 otherwise. Each subcommand loads the lab when it runs, so
 * declaring them costs the other commands nothing.
 */
import { writeFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { Option, type Command } from "commander";
import type { AnyReport } from "../api/exit-code";
import { OUTPUT_FORMATS, parseOutputFormat } from "../api/output-format";
import { UsageError } from "../errors";
import { LabError } from "./errors";
import { loadModule } from "../lazy-module";
import type { LabEnvironment } from "./lab-lifecycle";
import { DEFAULT_STATE_DIR } from "./lab-state";

// The lab, loaded when a subcommand runs.
const lifecycleApi = () => loadModule(() => require("./lab-lifecycle") as typeof import("./lab-lifecycle"), () => import("./lab-lifecycle"));
const textApi = () => loadModule(() => require("./lab-text") as typeof import("./lab-text"), () => import("./lab-text"));
const runApi = () => loadModule(() => require("./lab-run") as typeof import("./lab-run"), () => import("./lab-run"));
const outputApi = () => loadModule(() => require("../api/answer-output") as typeof import("../api/answer-output"), () => import("../api/answer-output"));
const execApi = () => loadModule(() => require("./lab-exec") as typeof import("./lab-exec"), () => import("./lab-exec"));

/** What the lab commands need from the CLI (a subset of cli.ts's CliIo). */
export interface LabCliIo {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** Where state files live: --state-dir, else $ENI_SIM_LAB_STATE_DIR, else /run/eni-sim/labs. */
export const STATE_DIR_ENV = "ENI_SIM_LAB_STATE_DIR";

interface CommonOptions {
  name: string;
  stateDir?: string;
}

function environment(options: CommonOptions, io: LabCliIo): LabEnvironment {
  return { stateDir: options.stateDir ?? io.env[STATE_DIR_ENV] ?? DEFAULT_STATE_DIR };
}

function withCommon(command: Command): Command {
  return command
    .option("--name <lab>", "the lab's name (a-z, 0-9, '-'; several labs can be up at once)", "default")
    .option("--state-dir <dir>", `where the lab's state file is kept (default $${STATE_DIR_ENV} or ${DEFAULT_STATE_DIR})`);
}

export function registerLabCommand(program: Command, io: LabCliIo, done: (answer: AnyReport) => void = () => undefined): Command {
  const lab = program
    .command("lab")
    .description("build the plan for real in network namespaces (root), enforce the check with nftables, and let the kernel judge declared flows");

  withCommon(lab.command("up").description("build the plan: a vpc router namespace, one namespace per instance, the check in nftables"))
    .requiredOption("--plan <source>", "topology file, `pulumi preview --json`, `pulumi stack export`, or program directory")
    .action(async (options: CommonOptions & { plan: string }) => {
      const [{ labUp }, { describeLabUp }] = await Promise.all([lifecycleApi(), textApi()]);
      const state = await labUp({ lab: options.name, plan: options.plan, ...environment(options, io) });
      io.stdout.write(describeLabUp(state));
    });

  withCommon(lab.command("run").description("send every declared flow for real and report what the kernel did, in `check`'s report shape"))
    .requiredOption("--traffic <files...>", "declared-flow files (YAML/JSON `flows:` lists)")
    .addOption(new Option("--format <format>", "output format").choices([...OUTPUT_FORMATS]).default("table"))
    .option("--out <file>", "write the answer to this file instead of stdout")
    .action(async (options: CommonOptions & { traffic: string[]; format: string; out?: string }) => {
      const format = parseOutputFormat(options.format);
      const [{ labRun }, { renderCheckOutput }, { describeComparison }] = await Promise.all([runApi(), outputApi(), textApi()]);
      const { report, topology } = await labRun({
        lab: options.name,
        traffic: options.traffic,
        ...environment(options, io),
        onFlow: (v, i, n) => io.stderr.write(`eni-sim lab: [${i + 1}/${n}] ${v.plan.flow.name}: ${v.disposition}\n`),
      });
      const color = options.out === undefined && io.stdout.isTTY === true && io.env["NO_COLOR"] === undefined;
      let text = renderCheckOutput(report, topology, format, { color, ...(io.stdout.columns ? { width: io.stdout.columns } : {}) });
      if (format === "table") text += `\n${describeComparison(report)}`;
      if (options.out === undefined) io.stdout.write(text);
      else {
        await writeFile(options.out, text).catch((cause: NodeJS.ErrnoException) => {
          throw new UsageError("INVALID_OPTION", `--out ${options.out}: cannot write the answer (${cause.code ?? String(cause)})`);
        });
        io.stderr.write(`eni-sim: wrote ${options.out}\n`);
      }
      if (report.lab.disagreements > 0) io.stderr.write(`eni-sim lab: the kernel and the model disagree on ${report.lab.disagreements} flow(s); see the lab section\n`);
      done({ kind: "check", report });
    });

  withCommon(lab.command("exec").description("run a command inside an instance's namespace: eni-sim lab exec <instance> -- <command...>"))
    .argument("<instance>", "instance id, the id of an ENI it holds, or its namespace")
    .argument("<command...>", "the command and its arguments (after --)")
    .action(async (instance: string, command: string[], options: CommonOptions) => {
      const { labExec } = await execApi();
      const code = await labExec({ lab: options.name, instance, command, stdout: io.stdout, stderr: io.stderr, ...environment(options, io) });
      // The CLI's exit codes are 0/1/2; a command that failed is reported, not passed through.
      if (code !== 0) throw new LabError("COMMAND_FAILED", `lab exec ${instance}: \`${command.join(" ")}\` exited with ${code}`);
    });

  withCommon(lab.command("down").description("remove everything the lab made (its namespaces and state file)")).action(async (options: CommonOptions) => {
    const [{ labDown }, { describeLabDown }] = await Promise.all([lifecycleApi(), textApi()]);
    io.stdout.write(describeLabDown(await labDown({ lab: options.name, ...environment(options, io) })));
  });

  return lab;
}
