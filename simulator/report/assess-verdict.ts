/** The verdict of `eni-sim assess`: the account's new default and what it would break. */
import type { AssessReport } from "../model/assessment";
import { formatCount } from "./number-format";
import type { Verdict } from "./verdict";

function eniList(a: AssessReport): string {
  const ids = a.wouldBreak.map((f) => (f.scenario === undefined ? f.eni : `${f.eni} (${f.scenario})`));
  return ids.slice(0, 5).join(", ") + (ids.length > 5 ? ", …" : "");
}

export function computeAssessVerdict(a: AssessReport): Verdict {
  const n = a.wouldBreak.length;
  const enis = `${formatCount(n)} ${n === 1 ? "ENI" : "ENIs"}`;
  // `caveats` is a newer field of AssessReport; read it so that older reports still render.
  const caveats = (a as { readonly caveats?: readonly string[] }).caveats ?? [];
  const details = [...a.reasons, ...caveats.map((c) => `caveat: ${c}`)];
  if (a.current.summary.dropped > 0) details.push(`already today ${formatCount(a.current.summary.dropped)} of ${formatCount(a.current.summary.flows)} flows are dropped`);
  switch (a.newDefault) {
    case "not-offered":
      return { tone: "good", headline: `Region ${a.region.id} does not offer Source/Destination Check: the new default changes nothing here`, details };
    case "enabled":
      if (n > 0) {
        return { tone: "bad", headline: `New ENIs here get the check ON by default; created again, ${enis} would drop traffic: ${eniList(a)}`, details };
      }
      return { tone: a.current.summary.dropped > 0 ? "bad" : "good", headline: "New ENIs here get the check ON by default, and nothing seen would break", details };
    case "disabled":
      if (n > 0) details.push(`with the check on, ${enis} would drop traffic: ${eniList(a)}`);
      return { tone: a.current.summary.dropped > 0 ? "bad" : "good", headline: "New ENIs here keep the check OFF by default: routes or traffic need forwarding", details };
    default: {
      const unreachable: never = a.newDefault;
      return unreachable;
    }
  }
}
