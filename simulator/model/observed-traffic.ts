/**
 * Judges observed traffic at the ENI it was seen on, as a streaming TrafficSink. A capture
 * frame is judged at the ENI whose MAC sent it (egress) and the ENI whose MAC receives it
 * (ingress); a flow-log record at its `eni-id` in its `direction`. Only traffic carrying an
 * address that is not the ENI's own can be dropped, so only that is recorded — whatever the
 * ENI's check state — in one conversation table: with the check on those rows are the drops,
 * with it off they are the evidence that the ENI forwards and must keep the check off.
 *
 * The capture path is allocation-free: `packetBatch()` judges a reader's batch of frames in one
 * loop over its columns, caches MAC lookups (a capture is mostly one ENI's frames), scans the
 * ENI's few addresses, and hands the foreign rows to the conversation table once per batch.
 */
import { ModelError } from "../errors";
import { CONVERSATION_ROWS, ConversationRows, ConversationTable } from "./conversation-table";
import type { TopologyIndex } from "./topology-index";
import {
  D_BYTES,
  F_CAPTURE_DIRECTION,
  F_DST_IP,
  F_DST_MAC_HIGH,
  F_DST_MAC_LOW,
  F_DST_PORT,
  F_PROTOCOL,
  F_SRC_IP,
  F_SRC_MAC_HIGH,
  F_SRC_MAC_LOW,
  F_SRC_PORT,
  FRAME_DOUBLES,
  FRAME_INTS,
  macOf,
  PacketBatch,
} from "../traffic/packet-batch";
import { CAPTURE_DIRECTION_OUT, CAPTURE_DIRECTION_UNKNOWN, type DeclaredFlow, type FlowLogRecord, type PacketRecord, type TrafficSink } from "../traffic/records";

/** UDP ports of IKE, IPsec NAT-T, OpenVPN and WireGuard: a VPN endpoint's own traffic. */
export const VPN_UDP_PORTS: ReadonlySet<number> = new Set([500, 4500, 1194, 51820]);
/** 100.100.100.200, the ECS instance metadata service. */
export const METADATA_SERVICE_IP = 0x646464c8;
const MAC_CACHE_SIZE = 256;
const MAC_CACHE_MASK = MAC_CACHE_SIZE - 1;
const PROTO_UDP = 17;
const PROTO_ESP = 50;
const PROTO_GRE = 47;
// Module-local copies of the batch layout read per frame: a transpiler's CommonJS interop may turn
// each use of an imported binding into a property load or getter call on the module object.
const INTS: number = FRAME_INTS;
const DOUBLES: number = FRAME_DOUBLES;
const BYTES: number = D_BYTES;
const SRC_MAC_HIGH: number = F_SRC_MAC_HIGH;
const SRC_MAC_LOW: number = F_SRC_MAC_LOW;
const DST_MAC_HIGH: number = F_DST_MAC_HIGH;
const DST_MAC_LOW: number = F_DST_MAC_LOW;
const SRC_IP: number = F_SRC_IP;
const DST_IP: number = F_DST_IP;
const PROTOCOL: number = F_PROTOCOL;
const SRC_PORT: number = F_SRC_PORT;
const DST_PORT: number = F_DST_PORT;
const CAPTURE_DIRECTION: number = F_CAPTURE_DIRECTION;

export interface ObservedTotals {
  /** Packets plus flow-log records handed in. */
  records: number;
  packets: number;
  bytes: number;
  droppedRecords: number;
  droppedPackets: number;
  droppedBytes: number;
  /** Frames whose MACs match no ENI, flow-log records whose ENI is not in the topology. */
  unattributed: number;
  /** Flow-log records the security group already rejected: not judged. */
  rejected: number;
}

export class ObservedTraffic implements TrafficSink {
  readonly conversations: ConversationTable;
  readonly totals: ObservedTotals = { records: 0, packets: 0, bytes: 0, droppedRecords: 0, droppedPackets: 0, droppedBytes: 0, unattributed: 0, rejected: 0 };
  readonly declared: DeclaredFlow[] = [];
  /** Per ENI ordinal: 1 when its own addresses carried VPN protocols (IKE, NAT-T, ESP, GRE, ...). */
  readonly vpnTraffic: Uint8Array;
  /** Per ENI ordinal: packets its own addresses sent to the instance metadata service. */
  readonly metadataRequests: Float64Array;

  /** Each ENI's addresses as int32 (`| 0`): small integers in V8, unlike uint32 above 2^31. */
  private readonly ips: readonly Int32Array[];
  /**
   * Per ENI ordinal: its first address (int32) and how many it has. Most ENIs have one address,
   * so one compare against `firstIp` settles most packets without touching `ips`.
   */
  private readonly firstIp: Int32Array;
  private readonly ipCount: Int32Array;
  private readonly checkOn: Uint8Array;
  private readonly macOwner: ReadonlyMap<number, number>;
  private readonly eniOwner: ReadonlyMap<string, number>;
  /**
   * Direct-mapped cache of MAC → ordinal (-1 = no ENI), indexed by the MAC's low bits, keyed by
   * the MAC's two int32 halves as the batch holds them. A capture alternates between a handful of
   * MACs (the ENI and the gateway), so it answers nearly every frame without touching the Map
   * (whose keys, 48-bit numbers, are doubles). A high half of -2 marks an empty cell.
   */
  private readonly macCacheHigh = new Int32Array(MAC_CACHE_SIZE).fill(-2);
  private readonly macCacheLow = new Int32Array(MAC_CACHE_SIZE);
  private readonly macCacheOrdinals = new Int32Array(MAC_CACHE_SIZE);
  private lastEniId = "";
  private lastEniOrdinal = -1;

  /** Ordinal of the ENI frames without MACs were captured on (-1: none given, such frames are unattributed). */
  private readonly captureOrdinal: number;
  /** The foreign traffic of the batch being judged, handed to the conversation table once per batch. */
  private readonly foreign = new ConversationRows();
  /** A one-frame batch for frames handed in one at a time (`packet`). */
  private single: PacketBatch | undefined;

  constructor(index: TopologyIndex, options: ObservedTrafficOptions = {}) {
    this.conversations = new ConversationTable(options.maxConversations);
    this.captureOrdinal = captureOrdinalOf(index, options.captureEni);
    this.ips = index.enis.map((e) => Int32Array.from(e.ips, (ip) => ip | 0));
    this.firstIp = Int32Array.from(this.ips, (ips) => (ips.length > 0 ? ips[0]! : 0));
    this.ipCount = Int32Array.from(this.ips, (ips) => ips.length);
    this.checkOn = Uint8Array.from(index.enis.map((e) => (e.checkEffective ? 1 : 0)));
    this.vpnTraffic = new Uint8Array(index.enis.length);
    this.metadataRequests = new Float64Array(index.enis.length);
    this.macOwner = index.macOwner;
    this.eniOwner = index.eniById;
  }

  /** One frame: judged exactly as in a batch (it is a batch of one). */
  packet(r: PacketRecord): void {
    this.single ??= new PacketBatch();
    this.single.setRecord(0, r);
    this.single.length = 1;
    this.packetBatch(this.single);
  }

  /**
   * The capture fast path: every frame of the batch judged in one loop over its columns. Only
   * int32 values cross the calls made from here (the ENI ordinals and addresses); the one double,
   * a frame's length, stays in this loop and goes to the conversation rows' column directly.
   */
  packetBatch(batch: PacketBatch): void {
    const n = batch.length;
    const f = batch.ints;
    const doubles = batch.doubles;
    const checkOn = this.checkOn;
    const rows = this.foreign;
    let bytesSeen = 0;
    let unattributed = 0;
    let droppedFrames = 0;
    let droppedBytes = 0;
    for (let i = 0; i < n; i++) {
      const at = i * INTS;
      const bytes = doubles[i * DOUBLES + BYTES]!;
      bytesSeen += bytes;
      const src = f[at + SRC_IP]!;
      const dst = f[at + DST_IP]!;
      const srcHigh = f[at + SRC_MAC_HIGH]!;
      let egressOrdinal = -1;
      let ingressOrdinal = -1;
      if (srcHigh >= 0) {
        egressOrdinal = this.eniOfMac(srcHigh, f[at + SRC_MAC_LOW]!);
        ingressOrdinal = this.eniOfMac(f[at + DST_MAC_HIGH]!, f[at + DST_MAC_LOW]!);
        if (egressOrdinal < 0 && ingressOrdinal < 0) {
          unattributed++;
          continue;
        }
      } else if (this.captureOrdinal >= 0) {
        // No MACs (Linux cooked, raw IP): the frame crossed the ENI the capture was taken on.
        if (this.leftCapturingEni(f[at + CAPTURE_DIRECTION]!, src)) egressOrdinal = this.captureOrdinal;
        else ingressOrdinal = this.captureOrdinal;
      } else {
        unattributed++;
        continue;
      }
      let dropped = false;
      if (egressOrdinal >= 0 && this.isForeign(egressOrdinal, 1, src, dst, f[at + PROTOCOL]!, f[at + SRC_PORT]!, f[at + DST_PORT]!, 1)) {
        const k = this.pushForeign(egressOrdinal * 2 + 1, src, dst);
        rows.bytes[k] = bytes;
        dropped = checkOn[egressOrdinal] === 1;
      }
      // A frame already dropped on egress never reaches the receiving ENI.
      if (!dropped && ingressOrdinal >= 0 && this.isForeign(ingressOrdinal, 0, src, dst, f[at + PROTOCOL]!, f[at + SRC_PORT]!, f[at + DST_PORT]!, 1)) {
        const k = this.pushForeign(ingressOrdinal * 2, src, dst);
        rows.bytes[k] = bytes;
        dropped = checkOn[ingressOrdinal] === 1;
      }
      if (dropped) {
        droppedFrames++;
        droppedBytes += bytes;
      }
    }
    const t = this.totals;
    t.records += n;
    t.packets += n;
    t.bytes += bytesSeen;
    t.unattributed += unattributed;
    t.droppedRecords += droppedFrames;
    t.droppedPackets += droppedFrames;
    t.droppedBytes += droppedBytes;
    this.conversations.addRows(rows);
  }

  /**
   * Which way a MAC-less frame crossed the capturing ENI: a cooked capture says; otherwise a
   * frame from one of the ENI's own addresses left it (so a forwarded reply leaving with a
   * foreign source is taken as arriving: whichever way it went, the check drops it).
   */
  private leftCapturingEni(direction: number, src: number): boolean {
    if (direction !== CAPTURE_DIRECTION_UNKNOWN) return direction === CAPTURE_DIRECTION_OUT;
    const ips = this.ips[this.captureOrdinal]!;
    for (let k = 0; k < ips.length; k++) if (ips[k] === src) return true;
    return false;
  }

  /** Appends a foreign row's key (one packet; the caller writes its bytes) and returns its index. */
  private pushForeign(slot: number, src: number, dst: number): number {
    const rows = this.foreign;
    // Two rows per frame at most: a full batch always fits, this only guards odd callers.
    if (rows.length === CONVERSATION_ROWS) this.conversations.addRows(rows);
    const k = rows.length;
    rows.tag[k] = slot + 1;
    rows.src[k] = src;
    rows.dst[k] = dst;
    rows.packets[k] = 1;
    rows.length = k + 1;
    return k;
  }

  private eniOfMac(high: number, low: number): number {
    // The low bits carry the varying part of a MAC: the OUI sits in the high bits.
    const slot = low & MAC_CACHE_MASK;
    if (this.macCacheHigh[slot] === high && this.macCacheLow[slot] === low) return this.macCacheOrdinals[slot]!;
    return this.missMac(slot, high, low);
  }

  private missMac(slot: number, high: number, low: number): number {
    const ordinal = this.macOwner.get(macOf(high, low)) ?? -1;
    this.macCacheHigh[slot] = high;
    this.macCacheLow[slot] = low;
    this.macCacheOrdinals[slot] = ordinal;
    return ordinal;
  }

  flowLog(r: FlowLogRecord): void {
    const t = this.totals;
    t.records++;
    t.packets += r.packets;
    t.bytes += r.bytes;
    const action = r.action;
    // The common "ACCEPT" answers without allocating an upper-cased copy per record.
    if (action !== undefined && action !== "ACCEPT" && action.toUpperCase() === "REJECT") {
      t.rejected++;
      return;
    }
    if (r.eniId !== this.lastEniId) {
      this.lastEniId = r.eniId;
      this.lastEniOrdinal = this.eniOwner.get(r.eniId) ?? -1;
    }
    const ordinal = this.lastEniOrdinal;
    if (ordinal < 0) {
      t.unattributed++;
      return;
    }
    const egress = r.direction === "out" ? 1 : 0;
    const src = r.srcIp | 0;
    const dst = r.dstIp | 0;
    if (!this.isForeign(ordinal, egress, src, dst, r.protocol, r.srcPort, r.dstPort, r.packets)) return;
    this.conversations.add(ordinal * 2 + egress, src, dst, r.packets, r.bytes);
    if (this.checkOn[ordinal] === 1) {
      t.droppedRecords++;
      t.droppedPackets += r.packets;
      t.droppedBytes += r.bytes;
    }
  }

  declaredFlow(flow: DeclaredFlow): void {
    this.declared.push({ ...flow });
  }

  /**
   * True when the address the ENI's check judges (the source on egress, the destination on
   * ingress) is not one of the ENI's own: traffic the check drops, or that shows the ENI forwards.
   * The ENI's own traffic is noted for what it tells (VPN endpoint, metadata access). `src` and
   * `dst` are int32 (`| 0`).
   */
  private isForeign(ordinal: number, egress: number, src: number, dst: number, protocol: number, srcPort: number, dstPort: number, packets: number): boolean {
    const judged = egress === 1 ? src : dst;
    if (judged !== this.firstIp[ordinal] || this.ipCount[ordinal] === 0) {
      const ips = this.ips[ordinal]!;
      let own = false;
      for (let k = 1; k < ips.length; k++) if (ips[k] === judged) own = true;
      if (!own) return true;
    }
    if (this.vpnTraffic[ordinal] === 0 && isVpnProtocol(protocol, srcPort, dstPort)) this.vpnTraffic[ordinal] = 1;
    if (egress === 1 && dst === METADATA_SERVICE_IP && dstPort === 80) this.metadataRequests[ordinal] += packets;
    return false;
  }
}

export interface ObservedTrafficOptions {
  /** Cap of distinct foreign conversations kept with their addresses. */
  readonly maxConversations?: number;
  /** The ENI a capture without Ethernet MACs (Linux cooked SLL/SLL2, raw IP) was taken on. */
  readonly captureEni?: string;
}

function captureOrdinalOf(index: TopologyIndex, captureEni: string | undefined): number {
  if (captureEni === undefined) return -1;
  const ordinal = index.eniById.get(captureEni);
  if (ordinal === undefined) {
    throw new ModelError("UNKNOWN_REFERENCE", `--capture-eni "${captureEni}" is not a network interface of the plan (known: ${[...index.eniById.keys()].join(", ") || "none"})`);
  }
  return ordinal;
}

/** IKE, NAT-T, OpenVPN or WireGuard over UDP, or ESP/GRE: written out, a Set lookup costs more per packet. */
function isVpnProtocol(protocol: number, srcPort: number, dstPort: number): boolean {
  if (protocol === PROTO_UDP) {
    return srcPort === 500 || srcPort === 4500 || srcPort === 1194 || srcPort === 51820 || dstPort === 500 || dstPort === 4500 || dstPort === 1194 || dstPort === 51820;
  }
  return protocol === PROTO_ESP || protocol === PROTO_GRE;
}

/** Hands every record to several sinks (one stream judged against two plans, for `diff`). */
export class FanOutSink implements TrafficSink {
  constructor(private readonly sinks: readonly TrafficSink[]) {}
  packet(r: PacketRecord): void {
    for (const s of this.sinks) s.packet(r);
  }
  packetBatch(batch: PacketBatch): void {
    const length = batch.length;
    let record: PacketRecord | undefined;
    for (const s of this.sinks) {
      if (s.packetBatch !== undefined) s.packetBatch(batch);
      else for (let i = 0; i < length; i++) s.packet((record = batch.recordAt(i, record)));
      // Sinks must not change a batch; its length is what the next one reads.
      batch.length = length;
    }
  }
  flowLog(r: FlowLogRecord): void {
    for (const s of this.sinks) s.flowLog(r);
  }
  declaredFlow(f: DeclaredFlow): void {
    for (const s of this.sinks) s.declaredFlow(f);
  }
}
