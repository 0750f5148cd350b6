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
import { METADATA_KINDS as KINDS, METADATA_NONE, METADATA_SERVICE_IP, METADATA_SERVICE_PORT } from "../traffic/metadata-request";
import { CONVERSATION_ROWS, ConversationRows, ConversationTable } from "./conversation-table";
import type { TopologyIndex } from "./topology-index";
import {
  D_BYTES,
  F_CAPTURE_DIRECTION,
  F_DST_IP,
  F_DST_MAC_HIGH,
  F_DST_MAC_LOW,
  F_DST_PORT,
  F_METADATA_REQUEST,
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
const METADATA_REQUEST: number = F_METADATA_REQUEST;
const NOT_METADATA: number = METADATA_NONE;
const METADATA_KINDS: number = KINDS;
// 100.100.100.200:80, the ECS instance metadata service (below 2^31: its int32 form is itself).
const METADATA_IP: number = METADATA_SERVICE_IP;
const METADATA_PORT: number = METADATA_SERVICE_PORT;
/** The last row index at which a frame's two rows still fit. */
const LAST_ROW_PAIR: number = CONVERSATION_ROWS - 1;

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
  /**
   * Per ENI ordinal, at `ordinal * METADATA_KINDS + kind`: the requests to the metadata service
   * its captures showed, by what their HTTP head says (kind: METADATA_WITHOUT_TOKEN,
   * METADATA_WITH_TOKEN, METADATA_TOKEN_REQUEST, METADATA_UNKNOWN of traffic/metadata-request.ts).
   * Flow logs carry no payload: their packets count in `metadataRequests` only.
   */
  readonly metadataRequestKinds: Float64Array;

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
    this.metadataRequestKinds = new Float64Array(index.enis.length * METADATA_KINDS);
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
    const cacheHigh = this.macCacheHigh;
    const cacheLow = this.macCacheLow;
    const cacheOrdinals = this.macCacheOrdinals;
    const rows = this.foreign;
    const rowBytes = rows.bytes;
    let k = rows.length;
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
      let egress = -1;
      let ingress = -1;
      if (srcHigh >= 0) {
        // The MAC cache, written out: two compares settle nearly every frame.
        const srcLow = f[at + SRC_MAC_LOW]!;
        let c = srcLow & MAC_CACHE_MASK;
        egress = cacheHigh[c] === srcHigh && cacheLow[c] === srcLow ? cacheOrdinals[c]! : this.missMac(c, srcHigh, srcLow);
        const dstHigh = f[at + DST_MAC_HIGH]!;
        const dstLow = f[at + DST_MAC_LOW]!;
        c = dstLow & MAC_CACHE_MASK;
        ingress = cacheHigh[c] === dstHigh && cacheLow[c] === dstLow ? cacheOrdinals[c]! : this.missMac(c, dstHigh, dstLow);
        if (egress < 0 && ingress < 0) {
          unattributed++;
          continue;
        }
      } else if (this.captureOrdinal >= 0) {
        // No MACs (Linux cooked, raw IP): the frame crossed the ENI the capture was taken on.
        if (this.leftCapturingEni(f[at + CAPTURE_DIRECTION]!, src)) egress = this.captureOrdinal;
        else ingress = this.captureOrdinal;
      } else {
        unattributed++;
        continue;
      }
      let dropped = false;
      // Egress judges the source, ingress the destination. A foreign frame becomes a row; its
      // length (a double) is written here, not passed to foreignRow, where a call V8 does not
      // inline would box it.
      if (egress >= 0) {
        if (this.owns(egress, src)) {
          this.noteOwnTraffic(egress, 1, dst, f[at + PROTOCOL]!, f[at + SRC_PORT]!, f[at + DST_PORT]!, 1, f[at + METADATA_REQUEST]!);
        } else {
          k = this.foreignRow(k, egress * 2 + 2, src, dst);
          rowBytes[k++] = bytes;
          dropped = checkOn[egress] === 1;
        }
      }
      // A frame already dropped on egress never reaches the receiving ENI.
      if (!dropped && ingress >= 0) {
        if (this.owns(ingress, dst)) {
          this.noteOwnTraffic(ingress, 0, dst, f[at + PROTOCOL]!, f[at + SRC_PORT]!, f[at + DST_PORT]!, 1, NOT_METADATA);
        } else {
          k = this.foreignRow(k, ingress * 2 + 1, src, dst);
          rowBytes[k++] = bytes;
          dropped = checkOn[ingress] === 1;
        }
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
    this.applyForeign(k);
  }

  /**
   * Fills foreign row `k` (tag = slot + 1, int32 addresses, one packet; the caller writes its
   * bytes) and returns its index: `k`, or 0 when the rows were full and went to the table first.
   */
  private foreignRow(k: number, tag: number, src: number, dst: number): number {
    // Two rows per frame at most: a full batch always fits, this only guards odd callers.
    const at = k >= LAST_ROW_PAIR ? this.applyForeign(k) : k;
    const rows = this.foreign;
    rows.tag[at] = tag;
    rows.src[at] = src;
    rows.dst[at] = dst;
    rows.packets[at] = 1;
    return at;
  }

  /** Hands the first `length` foreign rows to the conversation table; returns the new row count (0). */
  private applyForeign(length: number): number {
    this.foreign.length = length;
    this.conversations.addRows(this.foreign);
    return 0;
  }

  /**
   * Whether `address` (int32) is one of the ENI's own. Most ENIs have one address, so one compare
   * settles most packets; int32 arguments only, so the packet loop's call costs no boxing.
   */
  private owns(ordinal: number, address: number): boolean {
    const count = this.ipCount[ordinal]!;
    return count > 0 && (address === this.firstIp[ordinal] || (count > 1 && this.ownsAnother(ordinal, address)));
  }

  /** Whether an address other than the ENI's first is one of its own. */
  private ownsAnother(ordinal: number, address: number): boolean {
    const ips = this.ips[ordinal]!;
    for (let k = 1; k < ips.length; k++) if (ips[k] === address) return true;
    return false;
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
    if (!this.owns(ordinal, judged)) return true;
    this.noteOwnTraffic(ordinal, egress, dst, protocol, srcPort, dstPort, packets, NOT_METADATA);
    return false;
  }

  /**
   * What the ENI's own traffic tells: it is a VPN endpoint, it reads the metadata service (and,
   * from a capture, with or without a token: `request` is the frame's METADATA_* kind).
   */
  private noteOwnTraffic(ordinal: number, egress: number, dst: number, protocol: number, srcPort: number, dstPort: number, packets: number, request: number): void {
    if (this.vpnTraffic[ordinal] === 0 && isVpnProtocol(protocol, srcPort, dstPort)) this.vpnTraffic[ordinal] = 1;
    if (egress === 1 && dst === METADATA_IP && dstPort === METADATA_PORT) {
      this.metadataRequests[ordinal] += packets;
      if (request >= 0) this.metadataRequestKinds[ordinal * METADATA_KINDS + request] += 1;
    }
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

/** 1 at the UDP ports of VPN_UDP_PORTS: one load per port where a Set lookup costs a hash. */
const VPN_PORT = new Uint8Array(65536);
for (const port of VPN_UDP_PORTS) VPN_PORT[port] = 1;

/** IKE, NAT-T, OpenVPN or WireGuard over UDP, or ESP/GRE. */
function isVpnProtocol(protocol: number, srcPort: number, dstPort: number): boolean {
  if (protocol === PROTO_UDP) return (VPN_PORT[srcPort & 0xffff]! | VPN_PORT[dstPort & 0xffff]!) !== 0;
  return protocol === PROTO_ESP || protocol === PROTO_GRE;
}
