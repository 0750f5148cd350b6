/**
 * Judges observed traffic at the ENI it was seen on, as a streaming TrafficSink. A capture
 * frame is judged at the ENI whose MAC sent it (egress) and the ENI whose MAC receives it
 * (ingress); a flow-log record at its `eni-id` in its `direction`. Only traffic carrying an
 * address that is not the ENI's own can be dropped, so only that is recorded — whatever the
 * ENI's check state — in one conversation table: with the check on those rows are the drops,
 * with it off they are the evidence that the ENI forwards and must keep the check off.
 *
 * The packet path is allocation-free: `observe()` takes primitives (the pcap fast path), caches
 * the last MAC lookup (a capture is mostly one ENI's frames) and scans the ENI's few addresses.
 */
import { ModelError } from "../errors";
import { ConversationTable } from "./conversation-table";
import type { TopologyIndex } from "./topology-index";
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
   * Direct-mapped cache of MAC → ordinal (-1 = no ENI), indexed by the MAC's low bits. A capture
   * alternates between a handful of MACs (the ENI and the gateway); 48-bit keys are doubles,
   * which a Map hashes slowly, so the cache answers nearly every frame. -1 marks an empty cell.
   */
  private readonly macCacheKeys = new Float64Array(MAC_CACHE_SIZE).fill(-1);
  private readonly macCacheOrdinals = new Int32Array(MAC_CACHE_SIZE);
  private lastEniId = "";
  private lastEniOrdinal = -1;

  /** Ordinal of the ENI frames without MACs were captured on (-1: none given, such frames are unattributed). */
  private readonly captureOrdinal: number;
  /** The current packet's CAPTURE_* direction (cooked captures say it; others leave it unknown). */
  private captureDirection = CAPTURE_DIRECTION_UNKNOWN;

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

  packet(r: PacketRecord): void {
    // Only MAC-less frames need it; a field store keeps observe()'s primitive signature.
    this.captureDirection = r.captureDirection ?? CAPTURE_DIRECTION_UNKNOWN;
    this.observe(r.srcMac, r.dstMac, r.srcIp, r.dstIp, r.protocol, r.srcPort, r.dstPort, r.bytes);
  }

  /**
   * The fast path: one captured frame, as primitives. Returns true when the check drops it.
   * Addresses are turned into int32 here, once: everything called from here takes small
   * integers, which V8 passes without allocating (a uint32 above 2^31 passed to a function that
   * is not inlined is boxed as a heap number, one allocation per call). MACs stay doubles and
   * go only to the inlined cache lookup.
   */
  observe(srcMac: number, dstMac: number, srcIp: number, dstIp: number, protocol: number, srcPort: number, dstPort: number, bytes: number): boolean {
    const t = this.totals;
    t.records++;
    t.packets++;
    t.bytes += bytes;
    const src = srcIp | 0;
    const dst = dstIp | 0;
    const srcOrdinal = srcMac >= 0 ? this.eniOfMac(srcMac) : -1;
    const dstOrdinal = dstMac >= 0 ? this.eniOfMac(dstMac) : -1;
    let dropped = false;
    if (srcOrdinal >= 0) {
      dropped = this.judge(srcOrdinal, 1, src, dst, protocol, srcPort, dstPort, 1, bytes);
    } else if (dstOrdinal < 0) {
      if (srcMac < 0 && dstMac < 0 && this.captureOrdinal >= 0) return this.observeWithoutMacs(src, dst, protocol, srcPort, dstPort, bytes);
      t.unattributed++;
      return false;
    }
    // A frame already dropped on egress never reaches the receiving ENI.
    if (!dropped && dstOrdinal >= 0) dropped = this.judge(dstOrdinal, 0, src, dst, protocol, srcPort, dstPort, 1, bytes);
    if (dropped) this.countDropped(1, bytes);
    return dropped;
  }

  private countDropped(packets: number, bytes: number): void {
    const t = this.totals;
    t.droppedRecords++;
    t.droppedPackets += packets;
    t.droppedBytes += bytes;
  }

  /**
   * A frame of a capture without MACs (Linux cooked, raw IP) taken on a known ENI. Its own source
   * means it left (egress), else it arrived (ingress): a frame with neither address its own was
   * forwarded through the ENI, and whichever way it went the check drops it. Routed frames that
   * a capture shows both arriving and leaving count twice.
   */
  private observeWithoutMacs(src: number, dst: number, protocol: number, srcPort: number, dstPort: number, bytes: number): boolean {
    const ordinal = this.captureOrdinal;
    const ips = this.ips[ordinal]!;
    // A cooked capture says which way the frame went; otherwise a frame from one of the ENI's own
    // addresses left it (a forwarded reply leaving with a foreign source is then taken as arriving).
    let egress = this.captureDirection === CAPTURE_DIRECTION_OUT ? 1 : 0;
    if (this.captureDirection === CAPTURE_DIRECTION_UNKNOWN) for (let i = 0; i < ips.length; i++) if (ips[i] === src) egress = 1;
    const dropped = this.judge(ordinal, egress, src, dst, protocol, srcPort, dstPort, 1, bytes);
    if (dropped) this.countDropped(1, bytes);
    return dropped;
  }

  /** Inlined where it is called, so the MAC (a double) is never boxed; only a miss passes it on. */
  private eniOfMac(mac: number): number {
    // The low bits carry the varying part of a MAC: the OUI sits in the high bits.
    const slot = mac & MAC_CACHE_MASK;
    if (this.macCacheKeys[slot] === mac) return this.macCacheOrdinals[slot]!;
    return this.missMac(slot, mac);
  }

  private missMac(slot: number, mac: number): number {
    const ordinal = this.macOwner.get(mac) ?? -1;
    this.macCacheKeys[slot] = mac;
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
    if (this.judge(ordinal, r.direction === "out" ? 1 : 0, r.srcIp | 0, r.dstIp | 0, r.protocol, r.srcPort, r.dstPort, r.packets, r.bytes)) this.countDropped(r.packets, r.bytes);
  }

  declaredFlow(flow: DeclaredFlow): void {
    this.declared.push({ ...flow });
  }

  /**
   * Returns true when the ENI's check drops this traffic. `src` and `dst` are int32 (`| 0`). The
   * common case, the ENI's first address, is settled here; the rest goes to `judgeFurther`.
   */
  private judge(ordinal: number, egress: number, src: number, dst: number, protocol: number, srcPort: number, dstPort: number, packets: number, bytes: number): boolean {
    const judged = egress === 1 ? src : dst;
    if (judged === this.firstIp[ordinal] && this.ipCount[ordinal] !== 0) {
      this.ownTraffic(ordinal, egress, dst, protocol, srcPort, dstPort, packets);
      return false;
    }
    return this.judgeFurther(ordinal, egress, src, dst, protocol, srcPort, dstPort, packets, bytes);
  }

  /** An address other than the ENI's first: one of its other addresses, or foreign (recorded). */
  private judgeFurther(ordinal: number, egress: number, src: number, dst: number, protocol: number, srcPort: number, dstPort: number, packets: number, bytes: number): boolean {
    const judged = egress === 1 ? src : dst;
    const ips = this.ips[ordinal]!;
    for (let i = 1; i < ips.length; i++) {
      if (ips[i] === judged) {
        this.ownTraffic(ordinal, egress, dst, protocol, srcPort, dstPort, packets);
        return false;
      }
    }
    this.conversations.add(ordinal * 2 + egress, src, dst, packets, bytes);
    return this.checkOn[ordinal] === 1;
  }

  /** Traffic of the ENI's own address: what it tells about VPN endpoints and metadata access. */
  private ownTraffic(ordinal: number, egress: number, dst: number, protocol: number, srcPort: number, dstPort: number, packets: number): void {
    if (this.vpnTraffic[ordinal] === 0 && isVpnProtocol(protocol, srcPort, dstPort)) this.vpnTraffic[ordinal] = 1;
    if (egress === 1 && dst === METADATA_SERVICE_IP && dstPort === 80) this.metadataRequests[ordinal] += packets;
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
  flowLog(r: FlowLogRecord): void {
    for (const s of this.sinks) s.flowLog(r);
  }
  declaredFlow(f: DeclaredFlow): void {
    for (const s of this.sinks) s.declaredFlow(f);
  }
}
