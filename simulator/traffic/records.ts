/**
 * What traffic readers hand to the evaluator. Readers only turn bytes into these records; they
 * know nothing of topologies. Packet records are hot (millions per capture), so one mutable
 * instance is reused per reader: a consumer copies what it keeps.
 */
import type { PacketBatch } from "./packet-batch";

/** One captured frame, decoded. IPv4 addresses are uint32; MACs are 48-bit integers (exact in a double). */
export interface PacketRecord {
  /** -1 when the link type carries no Ethernet MACs (raw IP, Linux cooked SLL/SLL2). */
  srcMac: number;
  dstMac: number;
  srcIp: number;
  dstIp: number;
  /** IP protocol number (6 tcp, 17 udp, 1 icmp, ...). */
  protocol: number;
  /** 0 when the protocol has no ports. */
  srcPort: number;
  dstPort: number;
  /** Original frame length on the wire. */
  bytes: number;
  /** pcapng interface id (0 for pcap). */
  interfaceId: number;
  /**
   * Capture time in seconds since the epoch (fractional; exact to the microsecond). Set by the
   * capture readers; optional so consumers that build records by hand need not invent one.
   */
  timestamp?: number;
  /**
   * For a TCP segment to the instance metadata service (100.100.100.200:80), what its HTTP request
   * shows about tokens (a METADATA_* value of metadata-request.ts); -1 for every other packet.
   * Optional so hand-built records need not set it; the capture readers always do.
   */
  metadataRequest?: number;
  /**
   * Which way the frame crossed the capturing host's interface, when the link type says so
   * (Linux cooked SLL/SLL2 packet type): a CAPTURE_* value. MAC-less captures taken on an
   * instance (`tcpdump -i any`) need it to tell a forwarded reply leaving (egress) from one arriving.
   */
  captureDirection?: number;
}

/** `captureDirection` values. */
export const CAPTURE_DIRECTION_UNKNOWN = 0;
/** Addressed to, broadcast or multicast to, or overheard by the capturing host. */
export const CAPTURE_DIRECTION_IN = 1;
/** Sent by the capturing host. */
export const CAPTURE_DIRECTION_OUT = 2;

/** One Alibaba VPC flow-log record (fields read by name). */
export interface FlowLogRecord {
  eniId: string;
  /** `in` = ingress to the ENI, `out` = egress from it. */
  direction: "in" | "out";
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
  protocol: number;
  packets: number;
  bytes: number;
  /** ACCEPT / REJECT as logged, if present. */
  action?: string;
  vmId?: string;
  vswitchId?: string;
}

export type FlowProtocol = "tcp" | "udp" | "icmp";

/** A flow the user declares, traced hop by hop (not observed at an ENI). */
export interface DeclaredFlow {
  readonly name: string;
  readonly src: string;
  readonly dst: string;
  readonly protocol: FlowProtocol;
  readonly dstPort?: number;
  readonly expect?: "allowed" | "dropped";
}

/** Consumers of a traffic stream. Records passed to `packet` and `flowLog` are reused by the reader. */
export interface TrafficSink {
  packet(record: PacketRecord): void;
  /**
   * Many decoded frames at once, in columns (the capture readers' fast path). A sink without it
   * gets the same frames one by one through `packet`. The batch is reused after the call.
   */
  packetBatch?(batch: PacketBatch): void;
  flowLog(record: FlowLogRecord): void;
  declaredFlow(flow: DeclaredFlow): void;
}

export type TrafficFormat = "pcap" | "pcapng" | "flowlog-csv" | "flowlog-jsonl" | "flows";

export interface TrafficReadSummary {
  readonly file: string;
  readonly format: TrafficFormat;
  /** Records handed to the sink. */
  readonly records: number;
  /** Records skipped under --lenient (always 0 otherwise: a bad record is an error). */
  readonly skipped: number;
  /** Frames that are not IPv4 (ARP, IPv6, ...): counted, never judged. */
  readonly ignored: number;
  /** Under --lenient: the first few reasons records were skipped (file, offset or line, what was expected). */
  readonly skippedSamples?: readonly string[];
}

export interface ReadTrafficOptions {
  readonly lenient?: boolean;
  /** Called with bytes read so far and the file size, at most a few times per second. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}
