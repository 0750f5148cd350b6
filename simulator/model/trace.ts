/**
 * Explained verdicts of declared flows, after Batfish's Trace/Hop/Step: a trace is a disposition
 * plus the hops taken, a hop is a node (an ENI or a route table) plus the steps applied there.
 * Values are plain frozen data so they serialize and print as they are.
 */
import type { Direction, DropReason } from "./check-report";
import type { Disposition } from "./disposition";
import type { DeclaredFlow } from "../traffic/records";

export type StepAction = "ORIGINATE" | "EGRESS_CHECK" | "ROUTE_LOOKUP" | "INGRESS_CHECK" | "FORWARD" | "DELIVER" | "EXIT" | "DISCARD";
export type StepOutcome = "PERMITTED" | "DENIED" | "INFO";

export interface Step {
  readonly action: StepAction;
  readonly outcome: StepOutcome;
  readonly detail: string;
}

export interface Hop {
  /** An ENI id, a route table id, or `outside` for addresses the topology does not hold. */
  readonly node: string;
  readonly steps: readonly Step[];
}

/** A place where the flow carries an address that is not the ENI's own: what the check judges. */
export interface ForeignPassage {
  readonly eni: number;
  readonly direction: Direction;
  readonly src: number;
  readonly dst: number;
}

export interface Trace {
  readonly flow: DeclaredFlow;
  readonly disposition: Disposition;
  readonly hops: readonly Hop[];
  /** Where the check stopped the flow, if it did. */
  readonly denial?: ForeignPassage & { readonly reason: DropReason };
  /** Every foreign passage on the path, allowed or not (evidence for must-disable). */
  readonly foreign: readonly ForeignPassage[];
}

const ACTION_WORDS: Record<StepAction, string> = {
  ORIGINATE: "origin",
  EGRESS_CHECK: "egress",
  ROUTE_LOOKUP: "route",
  INGRESS_CHECK: "ingress",
  FORWARD: "forward",
  DELIVER: "deliver",
  EXIT: "exit",
  DISCARD: "discard",
};

/** `eni-nat ingress DENIED (not-destination: 8.8.8.8 is not its address)`: one line per step. */
export function formatHops(hops: readonly Hop[]): string[] {
  const lines: string[] = [];
  for (const hop of hops) {
    for (const step of hop.steps) {
      const verdict = step.outcome === "DENIED" ? "DENIED " : step.outcome === "PERMITTED" ? "ok " : "";
      lines.push(`${hop.node} ${ACTION_WORDS[step.action]} ${verdict}${step.detail}`.trimEnd());
    }
  }
  return lines;
}
