/**
 * Flow logs exported from SLS as CSV with a header row. Columns are found by name in the header,
 * so extra columns and any order are fine.
 *
 * Lines are split and decoded straight from the reader's buffer (field offsets in a reused
 * Int32Array, addresses and numbers parsed from bytes, ids interned) because a per-line
 * `toString` + `split` allocates a dozen strings per record and caps throughput well below a
 * million records per second. A line with quotes, or one the byte decoder rejects, takes the
 * string path, which also builds the precise error (line, field, value, what is allowed).
 */
import { ByteStringInterner } from "./byte-string-interner";
import { TrafficFormatError } from "./errors";
import { type FileChunkSource, startsWithBom } from "./file-chunk-source";
import { splitCsvLine } from "./csv-line-splitter";
import { columnIndex, columnsFromHeader, createFlowLogRecord, type FlowLogColumns, type FlowLogField, fillFromText } from "./flow-log-fields";
import type { ReadCounters } from "./read-counters";
import type { FlowLogRecord, TrafficSink } from "./records";

/** More columns than this in one row means it is not a flow log. */
const MAX_FIELDS = 256;
const COMMA = 44;
/** Four commas, to compare four bytes at once. */
const COMMAS = 0x2c2c2c2c;
const QUOTE = 34;
const NEWLINE = 10;
/** A longer line is not a flow-log record; refusing it bounds the buffer. */
const MAX_LINE_BYTES = 1 << 20;
const CR = 13;
const DASH = 45;
const DOT = 46;

interface CsvState {
  readonly file: string;
  readonly sink: TrafficSink;
  readonly counters: ReadCounters;
  record: FlowLogRecord;
  readonly interner: ByteStringInterner;
  /** The buffer holding the line being decoded: the lazy fields read from it. */
  lineBuf: Buffer;
  /** vm-id and vswitch-id of the current record: a value, or null = "decode from the line on demand". */
  vmId: string | undefined | null;
  vswitchId: string | undefined | null;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  columns: FlowLogColumns | undefined;
  /** 1-based number of the line being read. */
  line: number;
}

export async function readFlowLogCsv(source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): Promise<void> {
  const state: CsvState = {
    file: source.file,
    sink,
    counters,
    record: createFlowLogRecord(),
    interner: new ByteStringInterner(),
    lineBuf: source.buf,
    vmId: undefined,
    vswitchId: undefined,
    starts: new Int32Array(MAX_FIELDS),
    ends: new Int32Array(MAX_FIELDS),
    columns: undefined,
    line: 0,
  };
  state.record = createCsvRecord(state);
  await source.refill();
  if (startsWithBom(source)) source.start += 3;
  for (;;) {
    const before = source.start;
    source.start = drainLines(state, source.buf, source.view, source.start, source.end, source.eof);
    if (source.eof) break;
    if (source.start === before && source.available > MAX_LINE_BYTES) {
      throw new TrafficFormatError({
        code: "BAD_FLOW_LOG",
        file: state.file,
        at: { line: state.line + 1 },
        expected: `a line of at most ${MAX_LINE_BYTES} bytes`,
      });
    }
    await source.refill();
  }
  if (state.columns === undefined) {
    throw new TrafficFormatError({ code: "BAD_FLOW_LOG", file: state.file, at: { line: 1 }, expected: "a CSV header row", found: "an empty file" });
  }
  source.reportProgress(true);
}

/**
 * Processes every complete line in `buf[pos, end)` (the last one too at end of file). Line ends
 * and quotes are found with Buffer.indexOf (memchr in C++); the JS loop then only looks for commas.
 */
function drainLines(state: CsvState, buf: Buffer, view: DataView, pos: number, end: number, eof: boolean): number {
  state.lineBuf = buf;
  // The next quote at or after `pos` (or `end`): searched once per chunk when the file has none.
  let nextQuote = quoteFrom(buf, pos, end);
  while (pos < end) {
    let newline = buf.indexOf(NEWLINE, pos);
    if (newline < 0 || newline >= end) {
      if (!eof) break;
      newline = end;
    }
    if (nextQuote < pos) nextQuote = quoteFrom(buf, pos, end);
    const quoted = nextQuote < newline;
    let lineEnd = newline;
    if (lineEnd > pos && buf[lineEnd - 1] === CR) lineEnd--;
    const fields = quoted ? splitQuoted(state, buf, pos, lineEnd) : splitPlain(state, buf, view, pos, lineEnd);
    state.line++;
    if (lineEnd > pos && !isBlank(buf, pos, lineEnd)) {
      if (state.columns === undefined) state.columns = readHeader(state, buf.toString("utf8", pos, lineEnd));
      else if (fields !== state.columns.count || !decodeFast(state, buf, state.columns)) decodeSlow(state, buf.toString("utf8", pos, lineEnd), state.columns);
    }
    pos = newline < end ? newline + 1 : end;
  }
  return pos;
}

/**
 * Field offsets of a line without quotes into `state.starts/ends`; returns the field count.
 * Splitting is most of the reader's work (a flow-log line is ~150 bytes of ~20 fields), so the
 * line is read four bytes at a time: the commas of a word are found with bit arithmetic, the
 * first one by counting leading zeros, without looking at its bytes one by one.
 */
function splitPlain(state: CsvState, buf: Buffer, view: DataView, pos: number, lineEnd: number): number {
  const starts = state.starts;
  const ends = state.ends;
  let fields = 0;
  let fieldStart = pos;
  let i = pos;
  for (; i + 4 <= lineEnd; i += 4) {
    // Comma bytes become zero; then the high bit of each zero byte is set, with no carry
    // between bytes. Big-endian: the word's first byte is its top byte.
    const x = view.getInt32(i) ^ COMMAS;
    let commas = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
    while (commas !== 0) {
      const zeros = Math.clz32(commas);
      const at = i + (zeros >> 3);
      if (fields < MAX_FIELDS - 1) {
        starts[fields] = fieldStart;
        ends[fields] = at;
      }
      fields++;
      fieldStart = at + 1;
      commas ^= 0x80000000 >>> zeros;
    }
  }
  for (; i < lineEnd; i++) {
    if (buf[i] === COMMA) {
      if (fields < MAX_FIELDS - 1) {
        starts[fields] = fieldStart;
        ends[fields] = i;
      }
      fields++;
      fieldStart = i + 1;
    }
  }
  if (fields < MAX_FIELDS) {
    starts[fields] = fieldStart;
    ends[fields] = lineEnd;
  }
  return fields + 1;
}

/**
 * Field offsets of a line with quotes (exports that quote every field): a field wrapped in one
 * pair of quotes is read between them. Returns -1, sending the line to the string path, when a
 * field holds escaped quotes or the quotes do not close on this line.
 */
function splitQuoted(state: CsvState, buf: Buffer, pos: number, lineEnd: number): number {
  const starts = state.starts;
  const ends = state.ends;
  let fields = 0;
  let fieldStart = pos;
  let quotes = 0;
  let inQuotes = false;
  for (let i = pos; i <= lineEnd; i++) {
    const c = i < lineEnd ? buf[i]! : COMMA;
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      quotes++;
    } else if (c === COMMA && !inQuotes) {
      if (fields >= MAX_FIELDS) return -1;
      if (quotes === 0) {
        starts[fields] = fieldStart;
        ends[fields] = i;
      } else if (quotes === 2 && buf[fieldStart] === QUOTE && buf[i - 1] === QUOTE && i - fieldStart >= 2) {
        starts[fields] = fieldStart + 1;
        ends[fields] = i - 1;
      } else {
        return -1;
      }
      fields++;
      fieldStart = i + 1;
      quotes = 0;
    }
  }
  return inQuotes ? -1 : fields;
}

function quoteFrom(buf: Buffer, pos: number, end: number): number {
  const at = buf.indexOf(QUOTE, pos);
  return at < 0 || at > end ? end : at;
}

function readHeader(state: CsvState, text: string): FlowLogColumns {
  const names = splitCsvLine(state, text);
  if (names.length > MAX_FIELDS) {
    throw new TrafficFormatError({ code: "BAD_FLOW_LOG", file: state.file, at: { line: state.line }, expected: `at most ${MAX_FIELDS} columns`, found: `${names.length}` });
  }
  return columnsFromHeader(names, state.file, state.line);
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 32 && buf[i] !== 9) return false;
  return true;
}

/**
 * Decodes the split line from bytes. Returns false (leaving the record to the string path) on
 * anything unusual, so the fast path never has to build an error message.
 */
function decodeFast(state: CsvState, buf: Buffer, columns: FlowLogColumns): boolean {
  const starts = state.starts;
  const ends = state.ends;
  const record = state.record;
  if (columns.logStatus >= 0 && isNoData(buf, starts[columns.logStatus]!, ends[columns.logStatus]!)) {
    state.counters.ignored++;
    return true;
  }
  const eniStart = starts[columns.eniId]!;
  const eniEnd = ends[columns.eniId]!;
  if (eniEnd === eniStart || (eniEnd - eniStart === 1 && buf[eniStart] === DASH)) return false;
  const direction = directionAt(buf, starts[columns.direction]!, ends[columns.direction]!);
  if (direction === undefined) return false;
  const srcIp = ipAt(buf, starts[columns.srcaddr]!, ends[columns.srcaddr]!);
  const dstIp = ipAt(buf, starts[columns.dstaddr]!, ends[columns.dstaddr]!);
  if (srcIp < 0 || dstIp < 0) return false;
  const srcPort = columns.srcport < 0 ? 0 : numberAt(buf, starts[columns.srcport]!, ends[columns.srcport]!, 65535);
  const dstPort = columns.dstport < 0 ? 0 : numberAt(buf, starts[columns.dstport]!, ends[columns.dstport]!, 65535);
  const protocol = columns.protocol < 0 ? 0 : numberAt(buf, starts[columns.protocol]!, ends[columns.protocol]!, 255);
  const packets = columns.packets < 0 ? 0 : numberAt(buf, starts[columns.packets]!, ends[columns.packets]!, Number.MAX_SAFE_INTEGER);
  const bytes = columns.bytes < 0 ? 0 : numberAt(buf, starts[columns.bytes]!, ends[columns.bytes]!, Number.MAX_SAFE_INTEGER);
  if (srcPort < 0 || dstPort < 0 || protocol < 0 || packets < 0 || bytes < 0) return false;
  record.eniId = state.interner.get(buf, eniStart, eniEnd);
  record.direction = direction;
  record.srcIp = srcIp;
  record.dstIp = dstIp;
  record.srcPort = srcPort;
  record.dstPort = dstPort;
  record.protocol = protocol;
  record.packets = packets;
  record.bytes = bytes;
  record.action = columns.action < 0 ? undefined : actionAt(state, buf, starts[columns.action]!, ends[columns.action]!);
  state.vmId = null;
  state.vswitchId = null;
  state.counters.records++;
  state.sink.flowLog(record);
  return true;
}

/**
 * The reused record. vm-id and vswitch-id are accessors that decode from the current line only
 * when read: the evaluator never reads them, and making two strings per record for nothing was
 * a third of the reader's time. They are enumerable, so copying the record (`{...record}`) still
 * copies their values; like every field they describe the current record only.
 */
function createCsvRecord(state: CsvState): FlowLogRecord {
  const record = createFlowLogRecord();
  record.action = undefined;
  Object.defineProperty(record, "vmId", {
    enumerable: true,
    get: () => lazyField(state, state.vmId, state.columns?.vmId ?? -1),
    set: (value: string | undefined) => void (state.vmId = value),
  });
  Object.defineProperty(record, "vswitchId", {
    enumerable: true,
    get: () => lazyField(state, state.vswitchId, state.columns?.vswitchId ?? -1),
    set: (value: string | undefined) => void (state.vswitchId = value),
  });
  return record;
}

function lazyField(state: CsvState, value: string | undefined | null, column: number): string | undefined {
  return value !== null ? value : optionalAt(state, state.lineBuf, column);
}

function decodeSlow(state: CsvState, text: string, columns: FlowLogColumns): void {
  try {
    const values = splitCsvLine(state, text);
    if (values.length !== columns.count) {
      throw new TrafficFormatError({
        code: "BAD_FLOW_LOG",
        file: state.file,
        at: { line: state.line },
        expected: `${columns.count} fields as named by the header`,
        found: `${values.length}`,
      });
    }
    const valueOf = (field: FlowLogField): string | undefined => {
      const index = columnIndex(columns, field);
      return index < 0 ? undefined : values[index];
    };
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

function isNoData(buf: Buffer, start: number, end: number): boolean {
  const length = end - start;
  if (length === 6) return buf.toString("latin1", start, end) === "NODATA";
  if (length === 8) return buf.toString("latin1", start, end) === "SKIPDATA";
  return false;
}

function directionAt(buf: Buffer, start: number, end: number): "in" | "out" | undefined {
  const length = end - start;
  if (length === 2 && buf[start] === 0x69 && buf[start + 1] === 0x6e) return "in";
  if (length === 3 && buf[start] === 0x6f && buf[start + 1] === 0x75 && buf[start + 2] === 0x74) return "out";
  return undefined;
}

/** A strict dotted quad from bytes, or -1. */
function ipAt(buf: Buffer, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9 || digits === 3) return -1;
      octet = octet * 10 + d;
      if (octet > 255) return -1;
      digits++;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** A non-negative integer <= max from bytes; `-` or empty is 0; -1 when malformed. */
function numberAt(buf: Buffer, start: number, end: number, max: number): number {
  if (end === start || (end - start === 1 && buf[start] === DASH)) return 0;
  if (end - start > 16) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value <= max ? value : -1;
}

/** ACCEPT and REJECT are nearly every action: answer them without hashing. */
function actionAt(state: CsvState, buf: Buffer, start: number, end: number): string | undefined {
  if (end - start === 6) {
    if (buf[start] === 0x41 && buf[start + 1] === 0x43 && buf[start + 2] === 0x43 && buf[start + 3] === 0x45 && buf[start + 4] === 0x50 && buf[start + 5] === 0x54) return "ACCEPT";
    if (buf[start] === 0x52 && buf[start + 1] === 0x45 && buf[start + 2] === 0x4a && buf[start + 3] === 0x45 && buf[start + 4] === 0x43 && buf[start + 5] === 0x54) return "REJECT";
  }
  if (end === start || (end - start === 1 && buf[start] === DASH)) return undefined;
  return state.interner.get(buf, start, end);
}

function optionalAt(state: CsvState, buf: Buffer, column: number): string | undefined {
  if (column < 0) return undefined;
  const start = state.starts[column]!;
  const end = state.ends[column]!;
  if (end === start || (end - start === 1 && buf[start] === DASH)) return undefined;
  return state.interner.get(buf, start, end);
}
