/**
 * Decoded frames in typed arrays: the capture readers decode up to PACKET_BATCH_SIZE frames into
 * a batch, then hand the whole batch to the sink in one call.
 *
 * Why a batch in typed arrays and not one reused record per packet: with a record, every packet
 * costs a call into the sink, a dozen object-field writes and reads, and doubles (48-bit MACs,
 * uint32 addresses, byte counts) that V8 boxes as soon as a call on the way is not inlined — and
 * whether it is inlined depends on the transpiler's output (the tsx and tsc builds differed by
 * 1.6× on the same capture). A loop over typed arrays holds only int32 and float64 values in
 * registers: its speed does not hang on the inliner's budget. Sinks that want one record at a
 * time still get them (`deliverPackets` turns the batch back into records).
 */
import { CAPTURE_DIRECTION_UNKNOWN, type PacketRecord, type TrafficSink } from "./records";

export const PACKET_BATCH_SIZE = 1024;
const TWO_POW_32 = 4294967296;

/**
 * The int32 fields of one frame, at `i * FRAME_INTS + F_*` of `PacketBatch.ints`. One array for
 * all of them, not one per field: the decoder writes a frame's fields next to each other (one
 * cache line) through one array reference, with no per-field array lookup and bounds check.
 */
export const FRAME_INTS = 12;
/** MACs as two int32 halves, so no MAC is ever a double: the high 16 bits (-1 when the link type has no Ethernet MACs)... */
export const F_SRC_MAC_HIGH = 0;
/** ...and the low 32 bits as int32. */
export const F_SRC_MAC_LOW = 1;
export const F_DST_MAC_HIGH = 2;
export const F_DST_MAC_LOW = 3;
/** IPv4 addresses as int32 (`| 0`); `>>> 0` gives the uint32 back. */
export const F_SRC_IP = 4;
export const F_DST_IP = 5;
export const F_PROTOCOL = 6;
export const F_SRC_PORT = 7;
export const F_DST_PORT = 8;
export const F_INTERFACE_ID = 9;
/** A METADATA_* value of metadata-request.ts. */
export const F_METADATA_REQUEST = 10;
/** A CAPTURE_DIRECTION_* value. */
export const F_CAPTURE_DIRECTION = 11;
/** The float64 fields of one frame, at `i * FRAME_DOUBLES + D_*` of `PacketBatch.doubles`. */
export const FRAME_DOUBLES = 2;
/** Original length on the wire. */
export const D_BYTES = 0;
/** Seconds since the epoch; 0 when the block carries no timestamp (pcapng SPB). */
export const D_TIMESTAMP = 1;

export class PacketBatch {
  /** Frames filled, from index 0. */
  length = 0;
  readonly ints = new Int32Array(PACKET_BATCH_SIZE * FRAME_INTS);
  readonly doubles = new Float64Array(PACKET_BATCH_SIZE * FRAME_DOUBLES);

  /** Frame `i` as a PacketRecord (into `into` when given, for reuse). */
  recordAt(i: number, into: PacketRecord = createPacketRecord()): PacketRecord {
    const f = this.ints;
    const at = i * FRAME_INTS;
    into.srcMac = macOf(f[at + F_SRC_MAC_HIGH]!, f[at + F_SRC_MAC_LOW]!);
    into.dstMac = macOf(f[at + F_DST_MAC_HIGH]!, f[at + F_DST_MAC_LOW]!);
    into.srcIp = f[at + F_SRC_IP]! >>> 0;
    into.dstIp = f[at + F_DST_IP]! >>> 0;
    into.protocol = f[at + F_PROTOCOL]!;
    into.srcPort = f[at + F_SRC_PORT]!;
    into.dstPort = f[at + F_DST_PORT]!;
    into.interfaceId = f[at + F_INTERFACE_ID]!;
    into.metadataRequest = f[at + F_METADATA_REQUEST]!;
    into.captureDirection = f[at + F_CAPTURE_DIRECTION]!;
    into.bytes = this.doubles[i * FRAME_DOUBLES + D_BYTES]!;
    into.timestamp = this.doubles[i * FRAME_DOUBLES + D_TIMESTAMP]!;
    return into;
  }

  /** Writes a record into frame `i`, in the batch's int32 forms. */
  setRecord(i: number, r: PacketRecord): void {
    const f = this.ints;
    const at = i * FRAME_INTS;
    f[at + F_SRC_MAC_HIGH] = r.srcMac < 0 ? -1 : Math.floor(r.srcMac / TWO_POW_32);
    f[at + F_SRC_MAC_LOW] = r.srcMac < 0 ? 0 : r.srcMac % TWO_POW_32 | 0;
    f[at + F_DST_MAC_HIGH] = r.dstMac < 0 ? -1 : Math.floor(r.dstMac / TWO_POW_32);
    f[at + F_DST_MAC_LOW] = r.dstMac < 0 ? 0 : r.dstMac % TWO_POW_32 | 0;
    f[at + F_SRC_IP] = r.srcIp | 0;
    f[at + F_DST_IP] = r.dstIp | 0;
    f[at + F_PROTOCOL] = r.protocol;
    f[at + F_SRC_PORT] = r.srcPort;
    f[at + F_DST_PORT] = r.dstPort;
    f[at + F_INTERFACE_ID] = r.interfaceId;
    f[at + F_METADATA_REQUEST] = r.metadataRequest ?? -1;
    f[at + F_CAPTURE_DIRECTION] = r.captureDirection ?? CAPTURE_DIRECTION_UNKNOWN;
    this.doubles[i * FRAME_DOUBLES + D_BYTES] = r.bytes;
    this.doubles[i * FRAME_DOUBLES + D_TIMESTAMP] = r.timestamp ?? 0;
  }
}

/** A 48-bit MAC from its two columns; -1 when the frame had none. */
export function macOf(high: number, low: number): number {
  return high < 0 ? -1 : high * TWO_POW_32 + (low >>> 0);
}

/** A fresh record, for per-record delivery and for `recordAt`. */
export function createPacketRecord(): PacketRecord {
  return { srcMac: -1, dstMac: -1, srcIp: 0, dstIp: 0, protocol: 0, srcPort: 0, dstPort: 0, bytes: 0, interfaceId: 0, timestamp: 0, metadataRequest: -1, captureDirection: CAPTURE_DIRECTION_UNKNOWN };
}

/**
 * Hands the batch to the sink — whole when it takes batches, else record by record through one
 * reused record — and empties it.
 */
export function deliverPackets(sink: TrafficSink, batch: PacketBatch, reused: PacketRecord): void {
  if (batch.length === 0) return;
  if (sink.packetBatch !== undefined) sink.packetBatch(batch);
  else forEachPacket(batch, reused, sink);
  batch.length = 0;
}

function forEachPacket(batch: PacketBatch, record: PacketRecord, sink: TrafficSink): void {
  for (let i = 0; i < batch.length; i++) sink.packet(batch.recordAt(i, record));
}
