/**
 * Classic libpcap files: a 24-byte file header, then 16-byte record headers each followed by
 * `caplen` bytes of frame. Both byte orders, micro- and nanosecond timestamps.
 *
 * The record loop is written by hand instead of with a generic binary parser because a generic
 * parser allocates an object (and often a Buffer slice) per packet; at millions of packets that
 * garbage, not the decoding, dominates. Here the header fields are read through a DataView of the
 * reader's one buffer, frames are decoded into a reused PacketBatch handed to the sink a batch at a
 * time, and nothing in the loop allocates or creates a closure.
 */
import { TrafficFormatError } from "./errors";
import type { FileChunkSource } from "./file-chunk-source";
import {
  decodeFrame,
  decodeEthernetIpv4,
  describeFrameError,
  FRAME_DECODED,
  FRAME_IGNORED,
  FRAME_NEEDS_FULL_DECODE,
  LINK_ETHERNET,
  type LinkKind,
  linkKindOf,
  SUPPORTED_LINK_TYPES,
} from "./frame-decoder";
import { createPacketRecord, D_BYTES, D_TIMESTAMP, deliverPackets, F_INTERFACE_ID, FRAME_DOUBLES, FRAME_INTS, PACKET_BATCH_SIZE, PacketBatch } from "./packet-batch";
import type { ReadCounters } from "./read-counters";
import type { PacketRecord, TrafficSink } from "./records";

// Module-local bindings of the hot imports: a transpiler's CommonJS interop may turn every
// `decodeFrame(...)` or `FRAME_DECODED` in the loop into a getter call on the module object.
const decode: typeof decodeFrame = decodeFrame;
const decodeCommon: typeof decodeEthernetIpv4 = decodeEthernetIpv4;
const NEEDS_FULL_DECODE: number = FRAME_NEEDS_FULL_DECODE;
const DECODED: number = FRAME_DECODED;
const IGNORED: number = FRAME_IGNORED;
const deliver: typeof deliverPackets = deliverPackets;
const BATCH_SIZE: number = PACKET_BATCH_SIZE;
const INTS: number = FRAME_INTS;
const DOUBLES: number = FRAME_DOUBLES;
const INTERFACE_ID: number = F_INTERFACE_ID;
const BYTES: number = D_BYTES;
const TIMESTAMP: number = D_TIMESTAMP;

export const PCAP_MAGIC_MICROS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOS = 0xa1b23c4d;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
/** libpcap's MAXIMUM_SNAPLEN: a larger caplen means the record header is corrupt. */
const MAX_CAPLEN = 262144;

interface PcapState {
  readonly file: string;
  readonly sink: TrafficSink;
  readonly batch: PacketBatch;
  /** For sinks that take one record at a time. */
  readonly record: PacketRecord;
  readonly counters: ReadCounters;
  readonly littleEndian: boolean;
  readonly link: LinkKind;
  /** Divides the fractional timestamp field into seconds (1e6 or 1e9). */
  readonly fractionsPerSecond: number;
  readonly maxCaplen: number;
  /** Under --lenient, after a corrupt record header: looking for the next plausible one. */
  resyncing: boolean;
  /** While resyncing: where the scan continues once more bytes are in the buffer. */
  scanResume: number;
  /** Contiguous bytes the record the loop stopped at needs (its header, frame and, while resyncing, the next header). */
  needed: number;
}

/** Reads a whole pcap file from `source` (positioned at its start) into `sink`. */
export async function readPcap(source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): Promise<void> {
  while (source.available < FILE_HEADER_BYTES && !source.eof) await source.refill(FILE_HEADER_BYTES);
  const state = parseFileHeader(source, sink, counters);
  source.start += FILE_HEADER_BYTES;
  for (;;) {
    source.start = drainRecords(state, source.buf, source.view, source.start, source.end, source.base, source.eof);
    if (source.eof) break;
    await source.refill(state.needed);
  }
  if (source.available > 0) reportTruncatedTail(state, source);
  source.reportProgress(true);
}

function parseFileHeader(source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): PcapState {
  // The file header, at file offset 0: its fields are read at their offsets within it.
  const buf = source.buf.subarray(source.start, source.start + FILE_HEADER_BYTES);
  if (source.available < FILE_HEADER_BYTES) {
    throw new TrafficFormatError({
      code: "TRUNCATED",
      file: source.file,
      at: { offset: source.available },
      expected: `a ${FILE_HEADER_BYTES}-byte pcap file header`,
      found: `end of file after ${source.available} bytes`,
    });
  }
  const magicLe = buf.readUInt32LE(0);
  const magicBe = buf.readUInt32BE(0);
  const littleEndian = magicLe === PCAP_MAGIC_MICROS || magicLe === PCAP_MAGIC_NANOS;
  const magic = littleEndian ? magicLe : magicBe;
  if (magic !== PCAP_MAGIC_MICROS && magic !== PCAP_MAGIC_NANOS) {
    throw new TrafficFormatError({
      code: "BAD_CAPTURE_HEADER",
      file: source.file,
      at: { offset: 0 },
      expected: "pcap magic a1b2c3d4 or a1b23c4d in either byte order",
      found: buf.toString("hex", 0, 4),
    });
  }
  const u32 = (at: number): number => (littleEndian ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const major = littleEndian ? buf.readUInt16LE(4) : buf.readUInt16BE(4);
  if (major !== 2) {
    throw new TrafficFormatError({
      code: "BAD_CAPTURE_HEADER",
      file: source.file,
      at: { offset: 4 },
      expected: "pcap format version 2.x",
      found: `version ${major}`,
    });
  }
  const snaplen = u32(16);
  // The low 16 bits are the link type; the high bits carry FCS information we do not need.
  const linkType = u32(20) & 0xffff;
  const link = linkKindOf(linkType);
  if (link === undefined) {
    throw new TrafficFormatError({
      code: "UNSUPPORTED_LINK_TYPE",
      file: source.file,
      at: { offset: 20 },
      expected: `link type ${SUPPORTED_LINK_TYPES}`,
      found: `link type ${linkType}`,
    });
  }
  return {
    file: source.file,
    sink,
    batch: new PacketBatch(),
    record: createPacketRecord(),
    counters,
    littleEndian,
    link,
    fractionsPerSecond: magic === PCAP_MAGIC_NANOS ? 1e9 : 1e6,
    maxCaplen: Math.min(Math.max(snaplen, MAX_CAPLEN), 16 * MAX_CAPLEN),
    resyncing: false,
    scanResume: 0,
    needed: RECORD_HEADER_BYTES,
  };
}

/**
 * Consumes every complete record in `buf[pos, end)`, hands the decoded frames to the sink, and
 * returns where it stopped (the start of a record that is not fully in the buffer yet). `base`
 * is the file offset of buf[0].
 */
function drainRecords(state: PcapState, buf: Buffer, view: DataView, pos: number, end: number, base: number, eof: boolean): number {
  const stopped = decodeRecords(state, buf, view, pos, end, base, eof);
  deliver(state.sink, state.batch, state.record);
  return stopped;
}

/** The hot loop: decodes records into the batch, handing it over each time it fills. */
function decodeRecords(state: PcapState, buf: Buffer, view: DataView, pos: number, end: number, base: number, eof: boolean): number {
  const le = state.littleEndian;
  const link = state.link;
  const ethernet = link === LINK_ETHERNET;
  const batch = state.batch;
  const ints = batch.ints;
  const doubles = batch.doubles;
  const record = state.record;
  const sink = state.sink;
  const counters = state.counters;
  const maxCaplen = state.maxCaplen;
  const fractionsPerSecond = state.fractionsPerSecond;
  state.needed = RECORD_HEADER_BYTES;
  while (end - pos >= RECORD_HEADER_BYTES) {
    if (state.resyncing) {
      const next = findPlausibleRecord(state, buf, pos, end, eof);
      if (next < 0) return state.scanResume;
      state.resyncing = false;
      pos = next;
      continue;
    }
    const seconds = view.getUint32(pos, le);
    const fraction = view.getUint32(pos + 4, le);
    const caplen = view.getUint32(pos + 8, le);
    const origlen = view.getUint32(pos + 12, le);
    // Like libpcap, only the length is checked: a sub-second field out of range (some writers
    // emit 1000000 µs) does not stop tcpdump, so it must not stop us; the resync scan uses it.
    if (caplen > maxCaplen) {
      deliver(sink, batch, record);
      counters.skip(badRecordHeader(state, base + pos, caplen));
      state.resyncing = true;
      pos += 1;
      continue;
    }
    if (end - pos - RECORD_HEADER_BYTES < caplen) {
      state.needed = RECORD_HEADER_BYTES + caplen;
      return pos;
    }
    const i = batch.length;
    let code = ethernet ? decodeCommon(view, pos + RECORD_HEADER_BYTES, caplen, ints, i * INTS) : NEEDS_FULL_DECODE;
    if (code === NEEDS_FULL_DECODE) code = decode(buf, view, pos + RECORD_HEADER_BYTES, caplen, link, ints, i * INTS);
    if (code === DECODED) {
      ints[i * INTS + INTERFACE_ID] = 0;
      doubles[i * DOUBLES + BYTES] = origlen;
      doubles[i * DOUBLES + TIMESTAMP] = seconds + fraction / fractionsPerSecond;
      counters.records++;
      batch.length = i + 1;
      if (i + 1 === BATCH_SIZE) deliver(sink, batch, record);
    } else if (code === IGNORED) {
      counters.ignored++;
    } else {
      // Frames before this one reach the sink first, as they came.
      deliver(sink, batch, record);
      counters.skip(badFrame(state, base + pos + RECORD_HEADER_BYTES, code));
    }
    pos += RECORD_HEADER_BYTES + caplen;
  }
  return pos;
}

/**
 * After a corrupt record header (lenient only): the first offset whose header is plausible and
 * is followed by another plausible header (or the end of the file). -1 when the buffer holds none
 * yet, with `state.scanResume` saying where to look again after the next read. Checking two
 * headers in a row makes a false match inside packet bytes unlikely.
 */
function findPlausibleRecord(state: PcapState, buf: Buffer, pos: number, end: number, eof: boolean): number {
  let p = pos;
  for (; end - p >= RECORD_HEADER_BYTES; p++) {
    if (!plausibleHeader(state, buf, p)) continue;
    const caplen = headerField(state, buf, p + 8);
    const next = p + RECORD_HEADER_BYTES + caplen;
    if (next === end && eof) return p;
    if (end - next >= RECORD_HEADER_BYTES) {
      if (plausibleHeader(state, buf, next)) return p;
      continue;
    }
    // The follower is not in the buffer yet: stop here and look again after the next read.
    if (!eof) {
      state.scanResume = p;
      state.needed = 2 * RECORD_HEADER_BYTES + caplen;
      return -1;
    }
  }
  state.scanResume = p;
  return -1;
}

function plausibleHeader(state: PcapState, buf: Buffer, p: number): boolean {
  const fraction = headerField(state, buf, p + 4);
  const caplen = headerField(state, buf, p + 8);
  const origlen = headerField(state, buf, p + 12);
  return caplen <= state.maxCaplen && fraction < state.fractionsPerSecond && origlen >= caplen && origlen <= 16 * MAX_CAPLEN;
}

function headerField(state: PcapState, buf: Buffer, p: number): number {
  return state.littleEndian ? buf.readUInt32LE(p) : buf.readUInt32BE(p);
}

function badRecordHeader(state: PcapState, offset: number, caplen: number): TrafficFormatError {
  return new TrafficFormatError({
    code: "BAD_CAPTURE_RECORD",
    file: state.file,
    at: { offset },
    expected: `a pcap record header with caplen <= ${state.maxCaplen}`,
    found: `caplen ${caplen}`,
  });
}

function badFrame(state: PcapState, offset: number, code: number): TrafficFormatError {
  return new TrafficFormatError({ code: "BAD_FRAME", file: state.file, at: { offset }, expected: describeFrameError(code) });
}

function reportTruncatedTail(state: PcapState, source: FileChunkSource): void {
  const left = source.available;
  const expected =
    left < RECORD_HEADER_BYTES
      ? `a ${RECORD_HEADER_BYTES}-byte pcap record header`
      : `${headerField(state, source.buf, source.start + 8)} bytes of captured frame after the record header`;
  const found = left < RECORD_HEADER_BYTES ? `${left} bytes` : `${left - RECORD_HEADER_BYTES} bytes`;
  if (state.resyncing) {
    // Already counted as skipped when the corruption was found; the tail is part of that record.
    return;
  }
  state.counters.skip(
    new TrafficFormatError({ code: "TRUNCATED", file: state.file, at: { offset: source.offset }, expected, found: `end of file after ${found}` }),
  );
}
