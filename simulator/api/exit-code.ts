/**
 * The verdict as an exit code (DESIGN.md): 0 nothing unexpected dropped, 1 the plan drops
 * traffic (observed, declared, or routed to an ENI that must forward) or an `expect` fails. (2, bad input or usage, comes from errors, not from reports.)
 */
import type { AssessReport } from "../model/assessment";
import type { CheckReport } from "../model/check-report";
import type { DiffReport } from "../model/diff-report";

export type ExitCode = 0 | 1 | 2;

export type AnyReport = { readonly kind: "check"; readonly report: CheckReport } | { readonly kind: "diff"; readonly report: DiffReport } | { readonly kind: "assess"; readonly report: AssessReport };

export function exitCodeOf(answer: AnyReport): ExitCode {
  switch (answer.kind) {
    case "check": {
      // A must-disable finding without observed drops still fails: a route points at an ENI
      // whose check drops everything the route sends it, whether or not traffic was given.
      const r = answer.report;
      const mustDisable = r.findings.some((f) => f.kind === "must-disable");
      return (r.summary.unexpected ?? r.summary.dropped) > 0 || mustDisable ? 1 : 0;
    }
    case "diff":
      return answer.report.summary.startsDropping > 0 ? 1 : 0;
    case "assess": {
      // The account drops today, or ENIs created under the default it is about to get would.
      const r = answer.report;
      const breaksNow = (r.current.summary.unexpected ?? 0) > 0;
      const breaksLater = r.newDefault === "enabled" && r.wouldBreak.length > 0;
      return breaksNow || breaksLater ? 1 : 0;
    }
    default: {
      const never: never = answer;
      return never;
    }
  }
}
