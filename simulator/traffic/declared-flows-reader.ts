/**
 * Declared flows: a YAML or JSON document `flows: [{name, src, dst, protocol, dstPort?, expect?}]`
 * written by hand. Unlike captures it is parsed whole (it is small and YAML needs the document),
 * so its size is capped. Every flow is validated with an error that names the file, the flow's
 * index, name and line, the field, its value and what is allowed: these files are edited by people.
 */
import { yaml } from "../lazy-yaml";

import { TrafficFormatError } from "./errors";
import type { FileChunkSource } from "./file-chunk-source";
import type { ReadCounters } from "./read-counters";
import type { DeclaredFlow, FlowProtocol, TrafficSink } from "./records";

/** Declared flows are hand-written; a bigger file is almost certainly not one. */
export const MAX_DECLARED_FLOWS_BYTES = 16 * 1024 * 1024;

const PROTOCOLS: readonly FlowProtocol[] = ["tcp", "udp", "icmp"];
const EXPECTATIONS: readonly NonNullable<DeclaredFlow["expect"]>[] = ["allowed", "dropped"];
const FIELDS = ["name", "src", "dst", "protocol", "dstPort", "expect"] as const;

export async function readDeclaredFlows(source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): Promise<void> {
  if (source.size > MAX_DECLARED_FLOWS_BYTES) {
    throw new TrafficFormatError({
      code: "BAD_DECLARED_FLOWS",
      file: source.file,
      at: {},
      expected: `a declared-flows document of at most ${MAX_DECLARED_FLOWS_BYTES} bytes`,
      found: `${source.size} bytes`,
    });
  }
  while (!source.eof) {
    await source.refill();
    if (source.available > MAX_DECLARED_FLOWS_BYTES) {
      throw new TrafficFormatError({
        code: "BAD_DECLARED_FLOWS",
        file: source.file,
        at: {},
        expected: `a declared-flows document of at most ${MAX_DECLARED_FLOWS_BYTES} bytes`,
        found: "a larger file",
      });
    }
  }
  const text = source.buf.toString("utf8", source.start, source.end);
  for (const flow of parseDeclaredFlows(text, source.file, counters)) {
    counters.records++;
    sink.declaredFlow(flow);
  }
  source.reportProgress(true);
}

/**
 * Parses and validates a declared-flows document. Document-level problems always throw; a bad
 * flow throws too unless `counters` is lenient, in which case it is counted as skipped.
 */
export function parseDeclaredFlows(text: string, file: string, counters: ReadCounters): DeclaredFlow[] {
  const { isMap, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { lineCounter });
  const syntax = document.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0].line;
    throw new TrafficFormatError({
      code: "BAD_DECLARED_FLOWS",
      file,
      at: line === undefined ? {} : { line },
      expected: "valid YAML or JSON",
      found: syntax.message.split("\n")[0] ?? syntax.code,
    });
  }
  const root = document.contents;
  const list = isMap(root) ? root.get("flows", true) : undefined;
  if (!isSeq(list)) {
    throw new TrafficFormatError({
      code: "BAD_DECLARED_FLOWS",
      file,
      at: {},
      expected: "a document with a top-level `flows:` list of {name, src, dst, protocol, dstPort?, expect?}",
      found: !isMap(root) ? "no mapping at the top level" : list === undefined ? "no flows key" : "flows that is not a list",
    });
  }
  const plain = document.toJS() as { flows: unknown[] };
  const flows: DeclaredFlow[] = [];
  const names = new Set<string>();
  plain.flows.forEach((item, index) => {
    const node = list.items[index] as { range?: [number, number, number] } | undefined;
    const line = node?.range === undefined ? undefined : lineCounter.linePos(node.range[0]).line;
    try {
      const flow = validateFlow(item, { file, index, line });
      if (names.has(flow.name)) throw flowError({ file, index, line }, flow.name, "name", flow.name, "a name no other flow in this file uses");
      names.add(flow.name);
      flows.push(flow);
    } catch (error) {
      if (!(error instanceof TrafficFormatError)) throw error;
      counters.skip(error);
    }
  });
  return flows;
}

interface FlowPlace {
  readonly file: string;
  readonly index: number;
  readonly line: number | undefined;
}

export function validateFlow(item: unknown, place: FlowPlace): DeclaredFlow {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new TrafficFormatError({
      code: "BAD_DECLARED_FLOWS",
      file: place.file,
      at: place.line === undefined ? {} : { line: place.line },
      expected: `flow #${place.index + 1} to be a mapping {name, src, dst, protocol, dstPort?, expect?}`,
      found: JSON.stringify(item),
    });
  }
  const fields = item as Record<string, unknown>;
  const label = typeof fields["name"] === "string" ? fields["name"] : undefined;
  const fail = (field: string, value: unknown, allowed: string): TrafficFormatError => flowError(place, label, field, value, allowed);
  for (const key of Object.keys(fields)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw fail(key, fields[key], `no field "${key}"; allowed fields are ${FIELDS.join(", ")}`);
  }
  const name = fields["name"];
  if (typeof name !== "string" || name.trim() === "") throw fail("name", name, "a non-empty string");
  const src = address(fields["src"], "src", fail);
  const dst = address(fields["dst"], "dst", fail);
  const protocol = fields["protocol"];
  if (typeof protocol !== "string" || !(PROTOCOLS as readonly string[]).includes(protocol)) throw fail("protocol", protocol, `one of ${PROTOCOLS.join(", ")}`);
  const flowProtocol = protocol as FlowProtocol;
  const flow: { -readonly [K in keyof DeclaredFlow]: DeclaredFlow[K] } = { name, src, dst, protocol: flowProtocol };
  const dstPort = fields["dstPort"];
  if (dstPort !== undefined) {
    if (flowProtocol === "icmp") throw fail("dstPort", dstPort, "no dstPort for protocol icmp (ports exist for tcp and udp only)");
    if (typeof dstPort !== "number" || !Number.isInteger(dstPort) || dstPort < 1 || dstPort > 65535) throw fail("dstPort", dstPort, "an integer port 1..65535");
    flow.dstPort = dstPort;
  }
  const expect = fields["expect"];
  if (expect !== undefined) {
    if (typeof expect !== "string" || !(EXPECTATIONS as readonly string[]).includes(expect)) throw fail("expect", expect, `one of ${EXPECTATIONS.join(", ")}`);
    flow.expect = expect as NonNullable<DeclaredFlow["expect"]>;
  }
  return flow;
}

function address(value: unknown, field: string, fail: (field: string, value: unknown, allowed: string) => TrafficFormatError): string {
  if (typeof value !== "string" || !/^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/.test(value)) {
    throw fail(field, value, "an IPv4 address a.b.c.d");
  }
  return value;
}

function flowError(place: FlowPlace, name: string | undefined, field: string, value: unknown, allowed: string): TrafficFormatError {
  const which = name === undefined ? `flow #${place.index + 1}` : `flow #${place.index + 1} (${JSON.stringify(name)})`;
  return new TrafficFormatError({
    code: "BAD_DECLARED_FLOWS",
    file: place.file,
    at: place.line === undefined ? {} : { line: place.line },
    expected: `${which} field ${field}: ${allowed}`,
    found: value === undefined ? "nothing" : JSON.stringify(value),
  });
}
