/**
 * `lab up`, `lab down` and `lab exec`: the blueprint built, removed, and entered. `up` records
 * what it will make before making it and removes what it made when a step fails, so a failure
 * leaks nothing; `down` deletes the lab's namespaces, which takes every veth, bridge, route and
 * nftables table inside with them (nothing of the lab lives in the host's namespace).
 */
import { loadTopology, resolveLoaders, describePlan, type Loaders, type PlanSource } from "../api/loaders";
import { UsageError } from "../errors";
import { LabError } from "./errors";
import { blueprintNamespaces, buildBlueprint, type LabHost } from "./lab-blueprint";
import { isLabNamespace, validateLabName } from "./lab-names";
import { assertLabRequirements } from "./lab-requirements";
import { claimState, DEFAULT_STATE_DIR, readState, removeState, writeState, STATE_VERSION, type LabState } from "./lab-state";
import { buildSteps, stepArgv } from "./lab-steps";
import { describeArgv, processRunner, type CommandRunner } from "./command-runner";

export interface LabEnvironment {
  /** Where state files live (default /run/eni-sim/labs). */
  readonly stateDir?: string;
  readonly runner?: CommandRunner;
  /** Off only for tests that drive a fake runner. */
  readonly checkRequirements?: boolean;
}

interface ResolvedEnvironment {
  readonly stateDir: string;
  readonly runner: CommandRunner;
}

export function resolveEnvironment(env: LabEnvironment = {}): ResolvedEnvironment {
  if (env.checkRequirements !== false) assertLabRequirements();
  return { stateDir: env.stateDir ?? DEFAULT_STATE_DIR, runner: env.runner ?? processRunner };
}

export async function listNamespaces(runner: CommandRunner): Promise<string[]> {
  const result = await runner.run(["ip", "netns", "list"]);
  if (result.code !== 0) throw new LabError("COMMAND_FAILED", `ip netns list failed: ${result.stderr.trim() || `exit ${result.code}`}`);
  return result.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0] ?? "")
    .filter((name) => name !== "");
}

export interface LabUpOptions extends LabEnvironment {
  readonly lab: string;
  readonly plan: PlanSource;
  readonly loaders?: Partial<Loaders>;
  readonly now?: () => Date;
}

export async function labUp(options: LabUpOptions): Promise<LabState> {
  const lab = validateLabName(options.lab);
  const env = resolveEnvironment(options);
  const topology = await loadTopology(options.plan, resolveLoaders(options.loaders), "--plan");
  const blueprint = buildBlueprint(lab, topology);
  const steps = buildSteps(blueprint);
  const namespaces = blueprintNamespaces(blueprint);

  const existing = (await listNamespaces(env.runner)).filter((n) => isLabNamespace(lab, n));
  if (existing.length > 0) {
    throw new LabError("LAB_EXISTS", `lab "${lab}" has namespaces already (${existing.join(", ")}); run \`eni-sim lab down --name ${lab}\` first`);
  }
  const building: LabState = {
    version: STATE_VERSION,
    lab,
    status: "building",
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    plan: describePlan(options.plan),
    namespaces,
    topology,
    blueprint,
  };
  await claimState(env.stateDir, building);
  try {
    for (const step of steps) {
      const argv = stepArgv(step);
      const result = await env.runner.run(argv, step.kind === "run" && step.stdin !== undefined ? { stdin: step.stdin } : {});
      if (result.code !== 0) {
        const why = result.timedOut ? "timed out" : result.stderr.trim() || `exit ${result.code}`;
        throw new LabError("COMMAND_FAILED", `lab up ${lab}: \`${describeArgv(argv)}\` failed: ${why}`);
      }
    }
  } catch (error) {
    // Leave nothing behind: the namespaces made so far, then the state file naming them.
    await removeNamespaces(env.runner, lab, namespaces);
    await removeState(env.stateDir, lab);
    throw error;
  }
  const up: LabState = { ...building, status: "up" };
  await writeState(env.stateDir, up);
  return up;
}

function killProcess(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch (cause) {
    // Gone already between `ip netns pids` and now: that is what we wanted.
    if ((cause as NodeJS.ErrnoException).code !== "ESRCH") throw cause;
  }
}

/** Kills what still runs inside (a process keeps a deleted namespace alive), then deletes it. */
async function removeNamespaces(runner: CommandRunner, lab: string, wanted: readonly string[]): Promise<string[]> {
  const present = new Set(await listNamespaces(runner));
  const removed: string[] = [];
  const failures: string[] = [];
  for (const namespace of [...wanted].reverse()) {
    if (!present.has(namespace) || !isLabNamespace(lab, namespace)) continue;
    const pids = await runner.run(["ip", "netns", "pids", namespace]);
    for (const pid of pids.stdout.split(/\s+/).filter((p) => /^[0-9]+$/.test(p))) killProcess(Number(pid));
    const result = await runner.run(["ip", "netns", "del", namespace]);
    if (result.code === 0) removed.push(namespace);
    else failures.push(`${namespace}: ${result.stderr.trim() || `exit ${result.code}`}`);
  }
  if (failures.length > 0) throw new LabError("COMMAND_FAILED", `could not delete ${failures.join("; ")}`);
  return removed;
}

export interface LabDownResult {
  readonly lab: string;
  readonly removedNamespaces: readonly string[];
  readonly hadState: boolean;
}

export async function labDown(options: LabEnvironment & { readonly lab: string }): Promise<LabDownResult> {
  const lab = validateLabName(options.lab);
  const env = resolveEnvironment(options);
  const state = await readState(env.stateDir, lab);
  // The state's list, plus any namespace of this lab's naming scheme (a state dir lost or moved).
  const listed = state?.namespaces ?? [];
  const found = (await listNamespaces(env.runner)).filter((n) => isLabNamespace(lab, n));
  const wanted = [...new Set([...listed, ...found])];
  if (state === undefined && found.length === 0) throw new LabError("LAB_NOT_FOUND", `lab "${lab}" is not up (no state file in ${env.stateDir}, no namespace es-${lab}-*)`);
  const removedNamespaces = await removeNamespaces(env.runner, lab, wanted);
  await removeState(env.stateDir, lab);
  return { lab, removedNamespaces, hadState: state !== undefined };
}

export async function requireLab(env: ResolvedEnvironment, lab: string): Promise<LabState> {
  const state = await readState(env.stateDir, validateLabName(lab));
  if (state === undefined) throw new LabError("LAB_NOT_FOUND", `lab "${lab}" is not up (no state file in ${env.stateDir}); run \`eni-sim lab up --name ${lab} --plan <plan>\``);
  if (state.status !== "up") throw new LabError("LAB_NOT_FOUND", `lab "${lab}" was left half-built (status ${state.status}); run \`eni-sim lab down --name ${lab}\``);
  return state;
}

/** A host by instance id, by the id of an ENI it holds, or by its namespace name. */
export function findHost(state: LabState, name: string): LabHost {
  const b = state.blueprint;
  const host =
    b.hosts.find((h) => h.instance === name || h.namespace === name) ??
    b.hosts.find((h) => h.ports.some((p) => b.ports[p]!.eni === name));
  if (!host) {
    const known = b.hosts.map((h) => h.instance ?? b.ports[h.ports[0]!]!.eni).join(", ");
    throw new LabError("UNKNOWN_INSTANCE", `lab "${state.lab}" has no instance or ENI "${name}" (known: ${known || "none"})`);
  }
  return host;
}

/** The argv that runs `command` inside an instance's namespace. */
export function execArgv(host: LabHost, command: readonly string[]): string[] {
  if (command.length === 0) throw new UsageError("MISSING_OPTION", "lab exec needs a command after the instance: eni-sim lab exec <lab> <instance> -- <command...>");
  return ["ip", "netns", "exec", host.namespace, ...command];
}
