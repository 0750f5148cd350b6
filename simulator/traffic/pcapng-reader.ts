/**
 * pcapng files: a sequence of blocks `type, totalLength, body, totalLength`. Each section starts
 * with a Section Header Block (which sets the byte order) and declares its interfaces with IDBs;
 * packets come in Enhanced (EPB), Simple (SPB) or obsolete Packet Blocks. Several sections and
 * interfaces per file are supported; other block types are skipped.
 *
 * As in the pcap reader, the block loop decodes straight from the one reused buffer into a reused
 * PacketBatch with byte arithmetic: a generic block parser would allocate per packet.
 */
import { TrafficFormatError } from "./errors";
import type { FileChunkSource } from "./file-chunk-source";
import {
  decodeEthernetIpv4,
  decodeFrame,
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
const ETHERNET: number = LINK_ETHERNET;
const DECODED: number = FRAME_DECODED;
const IGNORED: number = FRAME_IGNORED;
const deliver: typeof deliverPackets = deliverPackets;
const BATCH_SIZE: number = PACKET_BATCH_SIZE;
const INTS: number = FRAME_INTS;
const DOUBLES: number = FRAME_DOUBLES;
const INTERFACE_ID: number = F_INTERFACE_ID;
const BYTES: number = D_BYTES;
const TIMESTAMP: number = D_TIMESTAMP;

export const PCAPNG_SHB_TYPE = 0x0a0d0d0a;
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB_TYPE = 1;
const PB_TYPE = 2;
const SPB_TYPE = 3;
const NRB_TYPE = 4;
const ISB_TYPE = 5;
const EPB_TYPE = 6;
const MIN_BLOCK = 12;
/** Bounds the buffer: a larger length field means the block header is corrupt. */
const MAX_BLOCK = 32 * 1024 * 1024;
const TWO_POW_32 = 4294967296;
/** Interfaces whose link type we cannot decode: their packets are counted as ignored. */
const LINK_UNSUPPORTED = -1;

interface PcapngState {
  readonly file: string;
  readonly sink: TrafficSink;
  readonly batch: PacketBatch;
  /** For sinks that take one record at a time. */
  readonly record: PacketRecord;
  readonly counters: ReadCounters;
  littleEndian: boolean;
  /** False until the first Section Header Block has been read. */
  inSection: boolean;
  /** Per interface of the current section (index = interface id). */
  readonly links: number[];
  readonly unitsPerSecond: number[];
  readonly offsetSeconds: number[];
  readonly snaplens: number[];
  /** Bytes of an oversized non-packet block still to be skipped without buffering it. */
  skipRemaining: number;
  resyncing: boolean;
  scanResume: number;
  /** Length of the block the loop stopped at, so the caller can make room for it. */
  needed: number;
}

export async function readPcapng(source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): Promise<void> {
  const state: PcapngState = {
    file: source.file,
    sink,
    batch: new PacketBatch(),
    record: createPacketRecord(),
    counters,
    littleEndian: true,
    inSection: false,
    links: [],
    unitsPerSecond: [],
    offsetSeconds: [],
    snaplens: [],
    skipRemaining: 0,
    resyncing: false,
    scanResume: 0,
    needed: 0,
  };
  await source.refill();
  for (;;) {
    if (state.skipRemaining > 0) {
      const skipped = Math.min(state.skipRemaining, source.available);
      state.skipRemaining -= skipped;
      source.start += skipped;
    }
    state.needed = 0;
    source.start = drainBlocks(state, source.buf, source.view, source.start, source.end, source.base, source.eof);
    if (source.eof) break;
    await source.refill(Math.max(state.needed, 2 * MIN_BLOCK));
  }
  if (source.available > 0 && !state.resyncing) reportTruncatedTail(state, source);
  if (state.skipRemaining > 0) {
    counters.skip(truncated(state, source.offset, `${state.skipRemaining} more bytes of the block being skipped`));
  }
  source.reportProgress(true);
}

/** Consumes every complete block in `buf[pos, end)`, hands the decoded frames to the sink, returns where it stopped. */
function drainBlocks(state: PcapngState, buf: Buffer, view: DataView, pos: number, end: number, base: number, eof: boolean): number {
  const stopped = decodeBlocks(state, buf, view, pos, end, base, eof);
  deliver(state.sink, state.batch, state.record);
  return stopped;
}

function decodeBlocks(state: PcapngState, buf: Buffer, view: DataView, pos: number, end: number, base: number, eof: boolean): number {
  const counters = state.counters;
  const batch = state.batch;
  while (end - pos >= MIN_BLOCK && state.skipRemaining === 0) {
    if (state.resyncing) {
      const next = findPlausibleBlock(state, buf, pos, end, eof);
      if (next < 0) return state.scanResume;
      state.resyncing = false;
      pos = next;
      continue;
    }
    let le = state.littleEndian;
    const type = view.getUint32(pos, le);
    if (type === EPB_TYPE && state.inSection) {
      // Fast path for the block that carries nearly every packet; anything unusual about it
      // (short, corrupt, unknown interface) falls through to the general path below.
      const length = view.getUint32(pos + 4, le);
      if (length >= 32 && (length & 3) === 0 && length <= MAX_BLOCK) {
        if (end - pos < length) {
          state.needed = length;
          break;
        }
        const iface = view.getUint32(pos + 8, le);
        const caplen = view.getUint32(pos + 20, le);
        if (view.getUint32(pos + length - 4, le) === length && iface < state.links.length && caplen <= length - 32) {
          const link = state.links[iface]!;
          if (link === LINK_UNSUPPORTED) {
            counters.ignored++;
          } else {
            const i = batch.length;
            let code = link === ETHERNET ? decodeCommon(view, pos + 28, caplen, batch.ints, i * INTS) : NEEDS_FULL_DECODE;
            if (code === NEEDS_FULL_DECODE) code = decode(buf, view, pos + 28, caplen, link as LinkKind, batch.ints, i * INTS);
            if (code === DECODED) {
              batch.ints[i * INTS + INTERFACE_ID] = iface;
              batch.doubles[i * DOUBLES + BYTES] = view.getUint32(pos + 24, le);
              batch.doubles[i * DOUBLES + TIMESTAMP] = (view.getUint32(pos + 12, le) * TWO_POW_32 + view.getUint32(pos + 16, le)) / state.unitsPerSecond[iface]! + state.offsetSeconds[iface]!;
              counters.records++;
              batch.length = i + 1;
              if (i + 1 === BATCH_SIZE) deliver(state.sink, batch, state.record);
            } else if (code === IGNORED) {
              counters.ignored++;
            } else {
              skipBadFrame(state, base + pos + 28, code);
            }
          }
          pos += length;
          continue;
        }
      }
    }
    if (type === PCAPNG_SHB_TYPE) {
      // The byte-order magic, not the (palindromic) block type, says how to read this section.
      if (buf.readUInt32LE(pos + 8) === PCAPNG_BYTE_ORDER_MAGIC) le = true;
      else if (buf.readUInt32BE(pos + 8) === PCAPNG_BYTE_ORDER_MAGIC) le = false;
      else {
        skipBlock(state, badHeader(state, base + pos + 8, "the pcapng byte-order magic 1a2b3c4d", buf.toString("hex", pos + 8, pos + 12)));
        state.resyncing = true;
        pos += 1;
        continue;
      }
    } else if (!state.inSection) {
      throw badHeader(state, base + pos, "a pcapng Section Header Block (type 0a0d0d0a) first", `block type ${type}`);
    }
    const length = u32(buf, pos + 4, le);
    if (length < MIN_BLOCK || length % 4 !== 0 || length > MAX_BLOCK) {
      skipBlock(state, badBlock(state, base + pos + 4, `a block total length that is a multiple of 4 between ${MIN_BLOCK} and ${MAX_BLOCK}`, `${length}`));
      state.resyncing = true;
      pos += 1;
      continue;
    }
    if (end - pos < length) {
      if (isPacketOrHeaderBlock(type) || length <= buf.length) {
        state.needed = length;
        break;
      }
      // A big block we would only skip (name resolution, custom): do not buffer it.
      state.skipRemaining = length - (end - pos);
      return end;
    }
    const trailer = u32(buf, pos + length - 4, le);
    if (trailer !== length) {
      skipBlock(state, badBlock(state, base + pos + length - 4, `the block's trailing total length ${length}`, `${trailer}`));
      state.resyncing = true;
      pos += 1;
      continue;
    }
    const minimum = type === EPB_TYPE || type === PB_TYPE ? 32 : type === SPB_TYPE ? 16 : type === IDB_TYPE ? 20 : type === PCAPNG_SHB_TYPE ? 28 : MIN_BLOCK;
    if (length < minimum) {
      // Framing is intact (the trailer matched), so only this block is lost.
      skipBlock(state, badBlock(state, base + pos + 4, `a total length of at least ${minimum} bytes for a block of type ${type}`, `${length}`));
      pos += length;
      continue;
    }
    if (type === EPB_TYPE) {
      const iface = u32(buf, pos + 8, le);
      const caplen = u32(buf, pos + 20, le);
      if (iface >= state.links.length || caplen > length - 32) {
        skipBlock(state, badPacketBlock(state, base + pos, iface, caplen, length - 32));
      } else {
        const stamp = u32(buf, pos + 12, le) * TWO_POW_32 + u32(buf, pos + 16, le);
        emitPacket(state, buf, view, pos + 28, caplen, u32(buf, pos + 24, le), iface, stamp, base);
      }
    } else if (type === SPB_TYPE) {
      if (state.links.length === 0) {
        skipBlock(state, badPacketBlock(state, base + pos, 0, 0, length - 16));
      } else {
        const origlen = u32(buf, pos + 8, le);
        const snaplen = state.snaplens[0]!;
        let caplen = Math.min(origlen, length - 16);
        if (snaplen > 0 && snaplen < caplen) caplen = snaplen;
        // SPBs carry no timestamp.
        emitPacket(state, buf, view, pos + 12, caplen, origlen, 0, -1, base);
      }
    } else if (type === PB_TYPE) {
      const iface = (le ? buf.readUInt16LE(pos + 8) : buf.readUInt16BE(pos + 8)) >>> 0;
      const caplen = u32(buf, pos + 20, le);
      if (iface >= state.links.length || caplen > length - 32) {
        skipBlock(state, badPacketBlock(state, base + pos, iface, caplen, length - 32));
      } else {
        const stamp = u32(buf, pos + 12, le) * TWO_POW_32 + u32(buf, pos + 16, le);
        emitPacket(state, buf, view, pos + 28, caplen, u32(buf, pos + 24, le), iface, stamp, base);
      }
    } else if (type === IDB_TYPE) {
      readInterface(state, buf, pos, length, le, base);
    } else if (type === PCAPNG_SHB_TYPE) {
      startSection(state, buf, pos, le, base);
    }
    pos += length;
  }
  return pos;
}

function emitPacket(state: PcapngState, buf: Buffer, view: DataView, at: number, caplen: number, origlen: number, iface: number, stamp: number, base: number): void {
  const link = state.links[iface]!;
  if (link === LINK_UNSUPPORTED) {
    state.counters.ignored++;
    return;
  }
  const batch = state.batch;
  const i = batch.length;
  const code = decode(buf, view, at, caplen, link as LinkKind, batch.ints, i * INTS);
  if (code === DECODED) {
    batch.ints[i * INTS + INTERFACE_ID] = iface;
    batch.doubles[i * DOUBLES + BYTES] = origlen;
    batch.doubles[i * DOUBLES + TIMESTAMP] = stamp < 0 ? 0 : stamp / state.unitsPerSecond[iface]! + state.offsetSeconds[iface]!;
    state.counters.records++;
    batch.length = i + 1;
    if (i + 1 === PACKET_BATCH_SIZE) deliverPackets(state.sink, batch, state.record);
  } else if (code === IGNORED) {
    state.counters.ignored++;
  } else {
    skipBadFrame(state, base + at, code);
  }
}

function skipBadFrame(state: PcapngState, offset: number, code: number): void {
  skipBlock(state, new TrafficFormatError({ code: "BAD_FRAME", file: state.file, at: { offset }, expected: describeFrameError(code) }));
}

/** Frames before the bad block reach the sink first, as they came; then it is skipped (or thrown). */
function skipBlock(state: PcapngState, error: TrafficFormatError): void {
  deliverPackets(state.sink, state.batch, state.record);
  state.counters.skip(error);
}

function startSection(state: PcapngState, buf: Buffer, pos: number, le: boolean, base: number): void {
  const major = le ? buf.readUInt16LE(pos + 12) : buf.readUInt16BE(pos + 12);
  if (major !== 1) throw badHeader(state, base + pos + 12, "pcapng major version 1", `${major}`);
  state.littleEndian = le;
  state.inSection = true;
  // Interface ids are scoped to their section.
  state.links.length = 0;
  state.unitsPerSecond.length = 0;
  state.offsetSeconds.length = 0;
  state.snaplens.length = 0;
}

function readInterface(state: PcapngState, buf: Buffer, pos: number, length: number, le: boolean, base: number): void {
  if (length < 20) throw badBlock(state, base + pos + 4, "an Interface Description Block of at least 20 bytes", `${length}`);
  const linkType = le ? buf.readUInt16LE(pos + 8) : buf.readUInt16BE(pos + 8);
  const link = linkKindOf(linkType);
  if (link === undefined) {
    state.counters.skip(
      new TrafficFormatError({
        code: "UNSUPPORTED_LINK_TYPE",
        file: state.file,
        at: { offset: base + pos + 8 },
        expected: `link type ${SUPPORTED_LINK_TYPES} (interface ${state.links.length})`,
        found: `link type ${linkType}`,
      }),
    );
  }
  let unitsPerSecond = 1e6;
  let offsetSeconds = 0;
  const optionsEnd = pos + length - 4;
  for (let p = pos + 16; optionsEnd - p >= 4; ) {
    const code = le ? buf.readUInt16LE(p) : buf.readUInt16BE(p);
    const size = le ? buf.readUInt16LE(p + 2) : buf.readUInt16BE(p + 2);
    if (code === 0 || p + 4 + size > optionsEnd) break;
    if (code === 9 && size >= 1) {
      const resolution = buf[p + 4]!;
      unitsPerSecond = resolution & 0x80 ? 2 ** (resolution & 0x7f) : 10 ** resolution;
    } else if (code === 14 && size >= 8) {
      offsetSeconds = Number(le ? buf.readBigInt64LE(p + 4) : buf.readBigInt64BE(p + 4));
    }
    p += 4 + ((size + 3) & ~3);
  }
  state.links.push(link ?? LINK_UNSUPPORTED);
  state.unitsPerSecond.push(unitsPerSecond);
  state.offsetSeconds.push(offsetSeconds);
  state.snaplens.push(u32(buf, pos + 12, le));
}

function isPacketOrHeaderBlock(type: number): boolean {
  return type === EPB_TYPE || type === SPB_TYPE || type === PB_TYPE || type === IDB_TYPE || type === PCAPNG_SHB_TYPE;
}

/** Lenient resync: the next offset holding a known block type whose length and trailer agree. */
function findPlausibleBlock(state: PcapngState, buf: Buffer, pos: number, end: number, eof: boolean): number {
  let p = pos;
  for (; end - p >= MIN_BLOCK; p++) {
    const le = buf.readUInt32LE(p + 8) === PCAPNG_BYTE_ORDER_MAGIC ? true : buf.readUInt32BE(p + 8) === PCAPNG_BYTE_ORDER_MAGIC ? false : state.littleEndian;
    const type = u32(buf, p, le);
    if (!isPacketOrHeaderBlock(type) && type !== NRB_TYPE && type !== ISB_TYPE) continue;
    const length = u32(buf, p + 4, le);
    if (length < MIN_BLOCK || length % 4 !== 0 || length > MAX_BLOCK) continue;
    if (end - p < length) {
      if (eof) continue;
      state.scanResume = p;
      state.needed = length;
      return -1;
    }
    if (u32(buf, p + length - 4, le) === length) return p;
  }
  state.scanResume = p;
  return -1;
}

function u32(buf: Buffer, p: number, le: boolean): number {
  return le
    ? (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0
    : ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
}

function badHeader(state: PcapngState, offset: number, expected: string, found: string): TrafficFormatError {
  return new TrafficFormatError({ code: "BAD_CAPTURE_HEADER", file: state.file, at: { offset }, expected, found });
}

function badBlock(state: PcapngState, offset: number, expected: string, found: string): TrafficFormatError {
  return new TrafficFormatError({ code: "BAD_CAPTURE_RECORD", file: state.file, at: { offset }, expected, found });
}

function badPacketBlock(state: PcapngState, offset: number, iface: number, caplen: number, room: number): TrafficFormatError {
  if (iface >= state.links.length) {
    return badBlock(state, offset, `a packet block for an interface declared in this section (ids 0..${state.links.length - 1})`, `interface ${iface}`);
  }
  return badBlock(state, offset, `a captured length that fits the block (<= ${room} bytes)`, `${caplen}`);
}

function truncated(state: PcapngState, offset: number, expected: string): TrafficFormatError {
  return new TrafficFormatError({ code: "TRUNCATED", file: state.file, at: { offset }, expected, found: "end of file" });
}

function reportTruncatedTail(state: PcapngState, source: FileChunkSource): void {
  const left = source.available;
  const expected =
    left < MIN_BLOCK || state.needed === 0 ? "a complete pcapng block header (type and total length)" : `a complete ${state.needed}-byte block`;
  state.counters.skip(truncated(state, source.offset, `${expected} (${left} bytes remain)`));
}
