/**
 * Flow logs exported from SLS as JSON lines: one object per line, fields by name (`eni-id` or
 * `eni_id`), values as strings or numbers. Extra keys (SLS adds `__time__`, `__source__`, ...) are
 * ignored.
 */
import { TrafficFormatError } from "./errors";
import { type FileChunkSource, startsWithBom } from "./file-chunk-source";
import { createFlowLogRecord, type FlowLogField, fillFromText } from "./flow-log-fields";
import type { ReadCounters } from "./read-counters";
import type { FlowLogRecord, TrafficSink } from "./records";

const NEWLINE = 10;
/** A longer line is not a flow-log record; refusing it bounds the buffer. */
const MAX_LINE_BYTES = 1 << 20;

interface JsonlState {
  readonly file: string;
  readonly sink: TrafficSink;
  readonly counters: ReadCounters;
  readonly record: FlowLogRecord;
  line: number;
}

export async function readFlowLogJsonl(source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): Promise<void> {
  const state: JsonlState = { file: source.file, sink, counters, record: createFlowLogRecord(), line: 0 };
  await source.refill();
  if (startsWithBom(source)) source.start += 3;
  for (;;) {
    const before = source.start;
    source.start = drainLines(state, source.buf, source.start, source.end, source.eof);
    if (source.eof) break;
    if (source.start === before && source.available > MAX_LINE_BYTES) {
      throw new TrafficFormatError({ code: "BAD_FLOW_LOG", file: state.file, at: { line: state.line + 1 }, expected: `a line of at most ${MAX_LINE_BYTES} bytes` });
    }
    await source.refill();
  }
  source.reportProgress(true);
}

function drainLines(state: JsonlState, buf: Buffer, pos: number, end: number, eof: boolean): number {
  while (pos < end) {
    let newline = buf.indexOf(NEWLINE, pos);
    if (newline < 0 || newline >= end) {
      if (!eof) break;
      newline = end;
    }
    state.line++;
    const text = buf.toString("utf8", pos, newline).trim();
    if (text !== "") readLine(state, text);
    pos = newline < end ? newline + 1 : end;
  }
  return pos;
}

function readLine(state: JsonlState, text: string): void {
  try {
    const object = parseObject(state, text);
    const valueOf = (field: FlowLogField): string | undefined => fieldText(object[field] ?? object[field.replace(/-/g, "_")]);
    if (fillFromText(state.record, valueOf, state.file, state.line)) {
      state.counters.records++;
      state.sink.flowLog(state.record);
    } else {
      state.counters.ignored++;
    }
  } catch (error) {
    if (!(error instanceof TrafficFormatError)) throw error;
    state.counters.skip(error);
  }
}

function parseObject(state: JsonlState, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TrafficFormatError({
      code: "BAD_FLOW_LOG",
      file: state.file,
      at: { line: state.line },
      expected: "one JSON object per line",
      found: error instanceof Error ? error.message : String(error),
    });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TrafficFormatError({
      code: "BAD_FLOW_LOG",
      file: state.file,
      at: { line: state.line },
      expected: "one JSON object per line",
      found: Array.isArray(parsed) ? "an array" : JSON.stringify(parsed),
    });
  }
  return parsed as Record<string, unknown>;
}

/** Strings and numbers are field values; anything else is shown as JSON so validation names it. */
function fieldText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}
