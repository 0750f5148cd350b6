/**
 * The lab's state file: everything `up` made, written *before* it makes anything (status
 * `building`) so that `down` removes exactly that, even after a crash halfway through. Claiming
 * the file with O_EXCL is also what makes a second `up` of the same name refuse.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Topology } from "../model/topology";
import { LabError } from "./errors";
import type { LabBlueprint } from "./lab-blueprint";
import { isLabNamespace, validateLabName } from "./lab-names";

export const DEFAULT_STATE_DIR = "/run/eni-sim/labs";
export const STATE_VERSION = 1;

export type LabStatus = "building" | "up";

export interface LabState {
  readonly version: typeof STATE_VERSION;
  readonly lab: string;
  readonly status: LabStatus;
  readonly createdAt: string;
  /** The plan as given to `up` (a path, or a description of a topology passed in). */
  readonly plan: string;
  /** Every namespace `up` creates; deleting them removes every link, bridge, route and nft table. */
  readonly namespaces: readonly string[];
  readonly topology: Topology;
  readonly blueprint: LabBlueprint;
}

export const stateFile = (dir: string, lab: string): string => join(dir, `${validateLabName(lab)}.json`);

/** Creates the state file, failing when one exists: the lab name is taken. */
export async function claimState(dir: string, state: LabState): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(stateFile(dir, state.lab), `${JSON.stringify(state, null, 2)}\n`, { flag: "wx", mode: 0o600 });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "EEXIST") {
      throw new LabError("LAB_EXISTS", `lab "${state.lab}" is already up (state file ${stateFile(dir, state.lab)}); run \`eni-sim lab down --name ${state.lab}\` first`);
    }
    throw cause;
  }
}

/** Replaces the state file atomically (write, then rename). */
export async function writeState(dir: string, state: LabState): Promise<void> {
  const file = stateFile(dir, state.lab);
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

export async function removeState(dir: string, lab: string): Promise<void> {
  await rm(stateFile(dir, lab), { force: true });
  await rm(`${stateFile(dir, lab)}.tmp`, { force: true });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The state of a lab, or undefined when it has none. A malformed file is an error naming it. */
export async function readState(dir: string, lab: string): Promise<LabState | undefined> {
  const file = stateFile(dir, lab);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw cause;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LabError("BAD_STATE_FILE", `${file}: not JSON; remove the lab's namespaces with \`ip netns del\` and delete the file`);
  }
  return validateState(parsed, file, lab);
}

export function validateState(value: unknown, file: string, lab: string): LabState {
  const bad = (what: string): LabError => new LabError("BAD_STATE_FILE", `${file}: ${what}`);
  if (!isObject(value)) throw bad("expected an object");
  if (value["version"] !== STATE_VERSION) throw bad(`version ${JSON.stringify(value["version"])} is not ${STATE_VERSION}`);
  if (value["lab"] !== lab) throw bad(`lab ${JSON.stringify(value["lab"])} is not "${lab}"`);
  if (value["status"] !== "building" && value["status"] !== "up") throw bad(`status ${JSON.stringify(value["status"])} is not building or up`);
  const namespaces = value["namespaces"];
  if (!Array.isArray(namespaces) || !namespaces.every((n) => typeof n === "string" && isLabNamespace(lab, n))) {
    // Never trust a namespace name from the file that this lab could not have made: down deletes them.
    throw bad(`namespaces must be a list of this lab's namespaces (es-${lab}-...)`);
  }
  const blueprint = value["blueprint"];
  if (!isObject(value["topology"]) || !isObject(blueprint)) throw bad("topology and blueprint must be objects");
  // run and exec enter the blueprint's namespaces: each must be one this lab could have made.
  const hosts = Array.isArray(blueprint["hosts"]) ? blueprint["hosts"] : [];
  const entered = [blueprint["vpcNamespace"], blueprint["internetNamespace"], ...hosts.map((h) => (isObject(h) ? h["namespace"] : undefined))];
  if (!Array.isArray(blueprint["hosts"]) || !Array.isArray(blueprint["ports"]) || !entered.every((n) => typeof n === "string" && isLabNamespace(lab, n))) {
    throw bad(`blueprint must name hosts and ports, and only this lab's namespaces (es-${lab}-...)`);
  }
  if (typeof value["createdAt"] !== "string" || typeof value["plan"] !== "string") throw bad("createdAt and plan must be strings");
  return value as unknown as LabState;
}
