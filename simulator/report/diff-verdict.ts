/** The verdict of `eni-sim diff`: what the delta plan starts (or stops) dropping, and where. */
import type { CheckReport, DropRow } from "../model/check-report";
import type { DiffReport } from "../model/diff-report";
import { formatCount } from "./number-format";
import type { Verdict } from "./verdict";

function flows(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "flow" : "flows"}`;
}

/** The delta plan's new drops as check-report rows, so the picture can draw them on its topology. */
export function startingDrops(diff: DiffReport): CheckReport {
  const drops: DropRow[] = diff.drops
    .filter((d) => d.change === "starts-dropping")
    .map((d) => ({ eni: d.eni, direction: d.direction, reason: d.reason, src: d.src, dst: d.dst, count: d.deltaCount, bytes: d.deltaBytes }));
  return { summary: diff.summary.delta, drops, findings: diff.findings };
}

export function computeDiffVerdict(diff: DiffReport): Verdict {
  const { startsDropping, stopsDropping, base, delta } = diff.summary;
  const { base: from, delta: to } = diff.plans;
  const enis = [...new Set(diff.drops.filter((d) => d.change === "starts-dropping").map((d) => d.eni))];
  const details = [
    `${from}: ${formatCount(base.dropped)} of ${formatCount(base.flows)} dropped; ${to}: ${formatCount(delta.dropped)} of ${formatCount(delta.flows)} dropped`,
  ];
  if (startsDropping > 0) {
    const where = enis.length === 0 ? "" : ` at ${enis.slice(0, 5).join(", ")}${enis.length > 5 ? ", …" : ""}`;
    if (stopsDropping > 0) details.unshift(`${flows(stopsDropping)} would stop being dropped`);
    return { tone: "bad", headline: `${flows(startsDropping)} would start being dropped going from ${from} to ${to}${where}`, details };
  }
  if (stopsDropping > 0) {
    return { tone: "good", headline: `Nothing starts being dropped going from ${from} to ${to}; ${flows(stopsDropping)} stop being dropped`, details };
  }
  return { tone: "good", headline: `No flow changes verdict between ${from} and ${to}`, details };
}
