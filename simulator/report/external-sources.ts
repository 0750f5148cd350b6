/**
 * Dropped packets whose source is no ENI of the plan (clients on the Internet, peers behind a VPN,
 * spoofed addresses). One long arrow from a shared "outside" box to every target crosses the whole
 * picture, so each dropping ENI gets its own small source box, placed in the gap to its left.
 */
import type { CheckReport } from "../model/check-report";
import type { DropTally } from "./drop-tally";
import { addDrop, newTally, tallyText } from "./drop-tally";
import type { Box, EniNode, VSwitchBox } from "./topology-layout";

export interface ExternalStub extends Box {
  /** The ENI that drops these packets. */
  readonly target: string;
  /** Source addresses shown, the last one possibly `+N more`. */
  readonly addresses: readonly string[];
  readonly packets: number;
  readonly bytes: number;
  readonly flows: number;
  /** `1,234 pkts dropped`. */
  readonly label: string;
}

export const STUB = { width: 136, gapToBox: 44, caption: 18, line: 15, pad: 8, maxAddresses: 2, spacing: 6 } as const;

export function stubHeight(addressLines: number): number {
  return STUB.pad + STUB.caption + addressLines * STUB.line + STUB.line + STUB.pad;
}

interface Agg {
  /** Insertion-ordered, so the first addresses seen are the ones shown. */
  readonly ips: Set<string>;
  readonly tally: DropTally;
}

/** The evaluator's rows past its conversation cap carry `*` for addresses it no longer tracks. */
const ANY_ADDRESS = "*";

/** External sources grouped by the dropping ENI, in report order. */
export function externalDrops(report: CheckReport, ipOwner: ReadonlyMap<string, string>): Map<string, Agg> {
  const out = new Map<string, Agg>();
  for (const d of report.drops) {
    if (ipOwner.has(d.src)) continue;
    const agg = out.get(d.eni) ?? { ips: new Set<string>(), tally: newTally() };
    agg.ips.add(d.src === ANY_ADDRESS ? "other addresses" : d.src);
    addDrop(agg.tally, d);
    out.set(d.eni, agg);
  }
  return out;
}

/** Places one stub per target left of its vSwitch box; stubs sharing a gap are pushed apart. */
export function placeExternalStubs(
  report: CheckReport,
  vswitches: readonly VSwitchBox[],
  ipOwner: ReadonlyMap<string, string>,
): ExternalStub[] {
  const drops = externalDrops(report, ipOwner);
  if (drops.size === 0) return [];
  const nodes: { eni: EniNode; vsw: VSwitchBox }[] = [];
  for (const vsw of vswitches) for (const card of vsw.cards) for (const eni of card.enis) if (drops.has(eni.id)) nodes.push({ eni, vsw });
  nodes.sort((a, b) => a.vsw.x - b.vsw.x || a.eni.y - b.eni.y);
  const stubs: ExternalStub[] = [];
  const bottomByGap = new Map<number, number>();
  for (const { eni, vsw } of nodes) {
    const agg = drops.get(eni.id)!;
    const ips = [...agg.ips];
    const shown = ips.slice(0, STUB.maxAddresses);
    const addresses = ips.length > shown.length ? [...shown.slice(0, -1), `+${ips.length - shown.length + 1} more`] : shown;
    const h = stubHeight(addresses.length);
    const x = vsw.x - STUB.width - STUB.gapToBox;
    const wanted = eni.y + eni.h / 2 - h / 2;
    const y = Math.max(wanted, bottomByGap.get(x) ?? -Infinity);
    bottomByGap.set(x, y + h + STUB.spacing);
    stubs.push({
      target: eni.id,
      addresses,
      packets: agg.tally.packets,
      bytes: agg.tally.bytes,
      flows: agg.tally.pairs.size,
      label: `${tallyText(agg.tally)} dropped`,
      x,
      y,
      w: STUB.width,
      h,
    });
  }
  return stubs;
}
