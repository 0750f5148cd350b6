/**
 * The JSON report of `eni-sim check` (DESIGN.md: stable; extend, don't rename).
 */
import type { Disposition } from "./disposition";

export type DropReason = "not-destination" | "spoofed-source";
export type Direction = "ingress" | "egress";
export type Scenario = "nat" | "routing" | "load-balancer" | "vpn" | "multi-eni" | "other";
export type FindingKind = "must-disable" | "can-enable" | "unsupported-region" | "policy-routing" | "metadata-token";

export interface DropRow {
  readonly eni: string;
  readonly direction: Direction;
  readonly reason: DropReason;
  readonly src: string;
  readonly dst: string;
  readonly count: number;
  readonly bytes: number;
  /**
   * Set when the row is a declared flow stopped by the check: the model counts it as 1 packet,
   * 0 bytes, unless `measured` says the live lab's kernel counted its packets.
   */
  readonly flow?: string;
  /** True on rows whose count and bytes the live lab's kernel measured (its nftables counters). */
  readonly measured?: boolean;
}

export interface Evidence {
  readonly flows: number;
  readonly packets: number;
  readonly bytes: number;
  /** `vtb-x: 0.0.0.0/0 -> eni-nat`, when a route points at this ENI or its instance. */
  readonly routes: readonly string[];
}

export interface Finding {
  readonly eni: string;
  readonly kind: FindingKind;
  readonly scenario?: Scenario;
  readonly message: string;
  readonly evidence?: Evidence;
  /** The change that fixes it, in the user's terms (e.g. `sourceDestCheck: false on eni-nat`). */
  readonly fix?: string;
}

/** One declared flow's trace outcome. */
export interface FlowRow {
  readonly name: string;
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  readonly dstPort?: number;
  readonly disposition: Disposition;
  readonly expect?: "allowed" | "dropped";
  /** False when `expect` is set and the disposition disagrees. */
  readonly asExpected: boolean;
  /** Human-readable hops, e.g. `eni-a egress ok`, `vtb-1 0.0.0.0/0 -> eni-nat`, `eni-nat ingress DENIED (not-destination)`. */
  readonly hops: readonly string[];
}

/** Totals of observed traffic (captures, flow logs): records are packets or flow-log records. */
export interface ObservedSummary {
  readonly records: number;
  readonly packets: number;
  readonly bytes: number;
  readonly droppedRecords: number;
  readonly droppedPackets: number;
  readonly droppedBytes: number;
  /** Frames or records that belong to no ENI of the plan: not judged. */
  readonly unattributed: number;
  /** Flow-log records already rejected by a security group: not judged. */
  readonly rejected: number;
}

/** One traffic input as read (from the traffic readers' summary). */
export interface InputSummary {
  readonly file: string;
  readonly format: string;
  readonly records: number;
  readonly skipped: number;
  readonly ignored: number;
}

export interface CheckSummary {
  /** Declared flows plus observed records (a packet or a flow-log record each). */
  readonly flows: number;
  readonly allowed: number;
  readonly dropped: number;
  /**
   * Drops nobody asked for: observed records dropped, declared flows that fail without
   * `expect: dropped`, and declared flows whose `expect` disagrees. `eni-sim` exits 1 when > 0.
   */
  readonly unexpected?: number;
}

/** One instance's metadata reads, as the report's `metadata` section gives them. */
export interface InstanceMetadataReads {
  readonly enis: string[];
  /** Packets sent to 100.100.100.200:80. */
  packets: number;
  /** Requests by what their HTTP head said (captures only; flow logs have no payload). */
  readonly requests: { withoutToken: number; withToken: number; tokenRequests: number; unreadable: number };
  readonly httpEndpoint: "enabled" | "disabled";
  readonly httpTokens: "optional" | "required";
  /** Requests without a token: what enforcing httpTokens: required would refuse. */
  breaksIfTokensRequired: boolean;
}

export interface CheckReport {
  readonly summary: CheckSummary;
  readonly drops: readonly DropRow[];
  readonly findings: readonly Finding[];
  readonly flows?: readonly FlowRow[];
  /** Per instance id: the instances seen reading the metadata service. */
  readonly metadata?: Readonly<Record<string, InstanceMetadataReads>>;
  readonly observed?: ObservedSummary;
  readonly inputs?: readonly InputSummary[];
  readonly region?: { readonly id: string; readonly sourceDestCheckSupported: boolean };
  /** Drop rows are cut to a maximum (largest first); this keeps the true number of rows. */
  readonly dropRowsTotal?: number;
}
