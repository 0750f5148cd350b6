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

export interface CheckReport {
  readonly summary: { readonly flows: number; readonly allowed: number; readonly dropped: number };
  readonly drops: readonly DropRow[];
  readonly findings: readonly Finding[];
  readonly flows?: readonly FlowRow[];
  readonly metadata?: Record<string, unknown>;
}
