/**
 * Pulumi.yaml and Pulumi.<stack>.yaml, read the way the Pulumi CLI hands config to a Node.js
 * program: a flat `PULUMI_CONFIG` map of `namespace:key` -> string (objects JSON-encoded), with
 * the project namespace added to bare keys.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { yaml } from "../lazy-yaml";
import { PlanError } from "./errors";
import { isRecord, type UnknownRecord } from "./shape-reader";

export interface ProjectFile {
  /** Which of Pulumi.yaml / Pulumi.yml it was. */
  readonly file: string;
  readonly name: string;
  readonly main?: string;
  readonly config: UnknownRecord;
}

export async function readProjectFile(dir: string): Promise<ProjectFile> {
  for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
    const text = await readFile(path.join(dir, file), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const doc = parseDocument(text, path.join(dir, file));
    const name = doc["name"];
    if (typeof name !== "string" || name === "") {
      throw new PlanError("MISSING_FIELD", "the project has no name", { file: path.join(dir, file), path: "name", allowed: "a non-empty string" });
    }
    const runtime = isRecord(doc["runtime"]) ? doc["runtime"]["name"] : doc["runtime"];
    if (runtime !== "nodejs") {
      throw new PlanError("INVALID_VALUE", "only Node.js (TypeScript) programs can be run", { file: path.join(dir, file), path: "runtime", value: runtime, allowed: "nodejs" });
    }
    const main = doc["main"];
    return { file, name, ...(typeof main === "string" ? { main } : {}), config: isRecord(doc["config"]) ? doc["config"] : {} };
  }
  throw new PlanError("PLAN_NOT_FOUND", "no Pulumi.yaml in the program directory", { file: dir });
}

export async function programConfig(dir: string, project: ProjectFile, stack: string, overrides: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const config: Record<string, string> = {};
  // Project-level defaults: `key: {default: v}` or `key: v` (the short form).
  for (const [key, spec] of Object.entries(project.config)) {
    const value = isRecord(spec) ? spec["default"] ?? spec["value"] : spec;
    if (value !== undefined) config[qualify(key, project.name)] = encode(value);
  }
  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  const text = await readFile(stackFile, "utf8").catch(() => undefined);
  if (text !== undefined) {
    const doc = parseDocument(text, stackFile);
    const values = isRecord(doc["config"]) ? doc["config"] : {};
    for (const [key, value] of Object.entries(values)) {
      // Secrets stay encrypted: without the stack's key they cannot be read, so they are left out.
      if (isRecord(value) && "secure" in value) continue;
      config[qualify(key, project.name)] = encode(value);
    }
  }
  for (const [key, value] of Object.entries(overrides)) config[qualify(key, project.name)] = value;
  return config;
}

function qualify(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function parseDocument(text: string, file: string): UnknownRecord {
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (cause) {
    throw new PlanError("INVALID_SYNTAX", "not valid YAML", { file }, { cause });
  }
  if (!isRecord(doc)) throw new PlanError("INVALID_VALUE", "expected a mapping", { file, value: doc });
  return doc;
}
