/**
 * What kind of plan a path or string names, decided from the file system and the content, never
 * from the file extension alone: `plan.json` may be a topology, a preview or a stack export.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { yaml } from "../lazy-yaml";
import { PlanError } from "./errors";
import { detectPulumiDocument, type PulumiDocumentKind } from "./pulumi-documents";
import { isRecord } from "./shape-reader";
import { TOPOLOGY_MARKER_KEYS } from "./topology-file";

export const LIVE_PREFIX = "live:";
export const PROGRAM_FILES = ["Pulumi.yaml", "Pulumi.yml"] as const;

export type DetectedPlan =
  | { readonly kind: "topology-file"; readonly file: string; readonly text: string }
  | { readonly kind: "pulumi-document"; readonly file: string; readonly document: unknown; readonly documentKind: PulumiDocumentKind }
  | { readonly kind: "program"; readonly dir: string; readonly stack?: string }
  | { readonly kind: "live"; readonly endpoint: string | undefined };

const ACCEPTED =
  "a topology file (YAML/JSON with vswitches/networkInterfaces), `pulumi preview --json` output, " +
  "`pulumi stack export` output, a Pulumi program directory (with Pulumi.yaml), or live:<endpoint>";

export async function detectPlan(source: string, readText: (file: string) => Promise<string>): Promise<DetectedPlan> {
  if (source.startsWith(LIVE_PREFIX)) {
    const endpoint = source.slice(LIVE_PREFIX.length).trim();
    return { kind: "live", endpoint: endpoint === "" ? undefined : endpoint };
  }
  // A URL is never a plan file: it is the API endpoint of a live account (the cloud or the emulator).
  if (/^https?:\/\//.test(source)) return { kind: "live", endpoint: source };
  const info = await stat(source).catch((cause: unknown) => {
    throw new PlanError("PLAN_NOT_FOUND", "no such plan file or directory", { file: source, allowed: ACCEPTED }, { cause });
  });
  if (info.isDirectory()) {
    for (const name of PROGRAM_FILES) {
      if (await isFile(path.join(source, name))) return { kind: "program", dir: source };
    }
    throw new PlanError("UNKNOWN_PLAN_FORMAT", "the directory has no Pulumi.yaml, so it is not a Pulumi program", { file: source, allowed: ACCEPTED });
  }
  if ((PROGRAM_FILES as readonly string[]).includes(path.basename(source))) return { kind: "program", dir: path.dirname(source) };
  // A stack's config file names the program and the stack: `prog/Pulumi.prod.yaml`.
  const stackFile = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(source));
  if (stackFile !== null && (await isFile(path.join(path.dirname(source), "Pulumi.yaml")))) {
    return { kind: "program", dir: path.dirname(source), stack: stackFile[1]! };
  }
  let text: string;
  try {
    text = await readText(source);
  } catch (cause) {
    throw new PlanError("PLAN_UNREADABLE", "cannot read the plan file", { file: source }, { cause });
  }
  return detectFromText(source, text);
}

export function detectFromText(file: string, text: string): DetectedPlan {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    let document: unknown;
    try {
      document = JSON.parse(trimmed);
    } catch {
      document = undefined; // maybe a YAML flow mapping; the YAML reader reports syntax with a line
    }
    const documentKind = detectPulumiDocument(document);
    if (documentKind !== undefined) return { kind: "pulumi-document", file, document, documentKind };
    if (document !== undefined) {
      if (looksLikeTopology(document)) return { kind: "topology-file", file, text };
      throw unknownFormat(file, document);
    }
  }
  let value: unknown;
  try {
    value = yaml().parse(text);
  } catch {
    // Let the topology reader report the syntax error with its line.
    return { kind: "topology-file", file, text };
  }
  if (looksLikeTopology(value)) return { kind: "topology-file", file, text };
  throw unknownFormat(file, value);
}

function looksLikeTopology(value: unknown): boolean {
  return isRecord(value) && TOPOLOGY_MARKER_KEYS.some((k) => k in value);
}

function unknownFormat(file: string, value: unknown): PlanError {
  const keys = isRecord(value) ? Object.keys(value).slice(0, 8) : [];
  const found = keys.length === 0 ? "content that is not a mapping" : `top-level keys ${keys.join(", ")}`;
  return new PlanError("UNKNOWN_PLAN_FORMAT", `cannot tell what kind of plan this is (found ${found})`, { file, allowed: ACCEPTED });
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}
