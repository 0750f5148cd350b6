/**
 * When many ENIs of one vSwitch send traffic that one ENI drops (thirty app servers behind a NAT
 * instance), thirty arrows with thirty labels bury the picture. Past a threshold they are drawn
 * as one bundle from the vSwitch box, and each sending ENI carries its own count as a line of text.
 */
import type { CheckReport } from "../model/check-report";
import type { DropTally } from "./drop-tally";
import { addDrop, newTally, tallyText } from "./drop-tally";

/** More source ENIs than this in one vSwitch towards one target become a bundle. */
export const BUNDLE_ABOVE = 5;

export interface DropBundles {
  /** `vswitch\0target` of each bundle. */
  readonly keys: ReadonlySet<string>;
  /** Per bundled source ENI: `100 pkts dropped at eni-nat` (several targets joined by `; `). */
  readonly sourceText: ReadonlyMap<string, string>;
}

export function bundleKey(vswitch: string, target: string): string {
  return `${vswitch}\u0000${target}`;
}

export function planDropBundles(report: CheckReport, ipOwner: ReadonlyMap<string, string>, eniVswitch: ReadonlyMap<string, string>): DropBundles {
  const perSource = new Map<string, Map<string, DropTally>>(); // bundle key -> source ENI -> tally
  for (const d of report.drops) {
    const from = ipOwner.get(d.src);
    const vsw = from === undefined ? undefined : eniVswitch.get(from);
    if (from === undefined || vsw === undefined || from === d.eni) continue;
    const key = bundleKey(vsw, d.eni);
    const sources = perSource.get(key) ?? new Map<string, DropTally>();
    sources.set(from, addDrop(sources.get(from) ?? newTally(), d));
    perSource.set(key, sources);
  }
  const keys = new Set<string>();
  const texts = new Map<string, string[]>();
  for (const [key, sources] of perSource) {
    if (sources.size <= BUNDLE_ABOVE) continue;
    keys.add(key);
    const target = key.slice(key.indexOf("\u0000") + 1);
    for (const [eni, tally] of sources) {
      const list = texts.get(eni) ?? [];
      list.push(`${tallyText(tally)} dropped at ${target}`);
      texts.set(eni, list);
    }
  }
  return { keys, sourceText: new Map([...texts].map(([eni, list]) => [eni, list.join("; ")])) };
}
