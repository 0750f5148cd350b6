/**
 * The topology file (DESIGN.md "Topology file"), YAML or JSON. Every error names the file and
 * the line, which the YAML parser's source positions give. A valid JSON plan takes a fast path
 * (JSON.parse, and one pass for the lines of its ENIs): the YAML parser reads a JSON plan of a
 * few hundred ENIs in ~150 ms, more than judging a million packets. Any problem in it sends the
 * text down the YAML path, so errors read the same either way.
 */
import { readFile } from "node:fs/promises";
import type { Document, LineCounter } from "yaml";

import { yaml } from "../lazy-yaml";
import type { Topology } from "../model/topology";
import { PlanError } from "./errors";
import { scanJsonPositions } from "./json-positions";
import { checkTopologyRules } from "./topology-rules";
import { readTopologyShape } from "./topology-shape";

/** Top-level keys that mark a document as a topology file (used by format detection). */
export const TOPOLOGY_MARKER_KEYS = ["vswitches", "networkInterfaces"] as const;

export async function readTopologyFile(file: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new PlanError("PLAN_UNREADABLE", "cannot read the topology file", { file }, { cause });
  }
  return parseTopologyText(text, file);
}

/** Parses and validates; throws PlanError located at `file:line` and the path inside it. */
export function parseTopologyText(text: string, file: string): Topology {
  return parseValidJson(text, file) ?? parseYaml(text, file);
}

/** The topology of a JSON text with no error in it, else undefined (the YAML path reports it). */
function parseValidJson(text: string, file: string): Topology | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const positions = scanJsonPositions(text, "networkInterfaces");
  if (positions.duplicateKey) return undefined;
  try {
    const topology = readTopologyShape(value);
    checkTopologyRules(topology);
    return withOrigins(topology, file, (i) => positions.elementLines[i]);
  } catch (error) {
    if (error instanceof PlanError) return undefined;
    throw error;
  }
}

/** The YAML path alone (it reads JSON too): the reference the JSON fast path must agree with. */
export function parseYaml(text: string, file: string): Topology {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new PlanError("INVALID_SYNTAX", `not valid YAML/JSON: ${first.code}`, { file, line }, { cause: first });
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  try {
    const topology = readTopologyShape(value);
    checkTopologyRules(topology);
    return withOrigins(topology, file, (i) => lineOf(doc, lineCounter, ["networkInterfaces", i]));
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return rethrowLocated(error, doc, lineCounter, file);
  }
}

/** Each ENI remembers `file:line`, so reports can point at the declaration. */
function withOrigins(topology: Topology, file: string, lineOfEni: (i: number) => number | undefined): Topology {
  return {
    ...topology,
    networkInterfaces: topology.networkInterfaces.map((eni, i) => {
      if (eni.origin !== undefined) return eni;
      const line = lineOfEni(i);
      return { ...eni, origin: line === undefined ? file : `${file}:${line}` };
    }),
  };
}

function rethrowLocated(error: PlanError, doc: Document, lineCounter: LineCounter, file: string): never {
  const line = error.path === undefined ? undefined : lineOf(doc, lineCounter, parsePath(error.path));
  throw error.withFile(file, line);
}

/** `networkInterfaces[2].primaryIp` -> ["networkInterfaces", 2, "primaryIp"]. */
export function parsePath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? match[1]! : Number(match[2]));
  }
  return segments;
}

/** The line of the deepest node of `path` that exists (a missing field is reported at its parent). */
function lineOf(doc: Document, lineCounter: LineCounter, path: Array<string | number>): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (yaml().isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
