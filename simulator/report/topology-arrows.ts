/**
 * Arrows of the topology picture: route next hops (vSwitch -> ENI/instance) and dropped traffic
 * (source ENI or outside address -> the ENI that drops it), with curve geometry and label boxes
 * that do not overlap. Pure, like the layout it completes.
 */
import type { CheckReport } from "../model/check-report";
import type { Topology } from "../model/topology";
import type { DropBundles } from "./drop-bundles";
import { bundleKey } from "./drop-bundles";
import type { DropTally } from "./drop-tally";
import { addDrop, newTally, tallyText } from "./drop-tally";
import type { ExternalStub } from "./external-sources";
import type { Box, VSwitchBox } from "./topology-layout";

export type ArrowKind = "route" | "drop";

export interface Arrow {
  readonly kind: ArrowKind;
  /** vSwitch id (routes), ENI id or `external` (drops). */
  readonly from: string;
  /** ENI or instance id. */
  readonly to: string;
  /** Empty when the count is shown elsewhere (on an outside-source box). */
  readonly label: string;
  /** Full description for the tooltip. */
  readonly title: string;
  /** SVG path data of the curve. */
  readonly path: string;
  readonly labelBox?: Box;
  /** Rightmost x the curve or its label reaches (curves stay inside their control points' hull). */
  readonly maxX: number;
  readonly packets: number;
  readonly bytes: number;
  readonly flows: number;
}

export const EXTERNAL_SOURCE = "external";
type Side = "left" | "right";

interface Spec {
  readonly kind: ArrowKind;
  readonly from: string;
  readonly to: string;
  readonly source: Box;
  readonly target: Box;
  readonly label: string;
  readonly title: string;
  readonly packets: number;
  readonly bytes: number;
  readonly flows: number;
}

/** Label metrics: the page uses a 12px system font; 7px per character errs on the wide side. */
const CHAR_W = 7;
const LABEL_H = 18;
const LABEL_PAD = 10;
/** Arrowheads end this far from the box so they stay visible. */
const HEAD_GAP = 3;

function targetBoxes(vswitches: readonly VSwitchBox[]): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const v of vswitches) {
    for (const card of v.cards) {
      if (card.id !== undefined) out.set(card.id, { x: card.x, y: card.y, w: card.w, h: Math.min(card.h, 24) });
      for (const eni of card.enis) out.set(eni.id, eni);
    }
  }
  return out;
}

function routeSpecs(topology: Topology, vswitches: readonly VSwitchBox[]): Spec[] {
  const boxes = targetBoxes(vswitches);
  const specs: Spec[] = [];
  for (const v of vswitches) {
    const table = topology.routeTables.find((t) => t.id === v.routeTable);
    if (table === undefined) continue;
    for (const r of table.routes) {
      const id = r.nextHop.id;
      if (r.nextHop.type !== "NetworkInterface" && r.nextHop.type !== "Instance") continue;
      const target = id === undefined ? undefined : boxes.get(id);
      if (id === undefined || target === undefined) continue;
      specs.push({
        kind: "route",
        from: v.id,
        to: id,
        source: { x: v.x, y: v.y, w: v.w, h: 40 },
        target,
        label: r.destination,
        title: `${table.id}: ${r.destination} → ${id} (next hop of ${v.id})`,
        packets: 0,
        bytes: 0,
        flows: 0,
      });
    }
  }
  return specs;
}

/** What the arrows are drawn between: the placed boxes and how drops were grouped. */
export interface ArrowContext {
  readonly vswitches: readonly VSwitchBox[];
  readonly externals: readonly ExternalStub[];
  readonly ipOwner: ReadonlyMap<string, string>;
  readonly bundles: DropBundles;
}

function dropSpecs(report: CheckReport, ctx: ArrowContext): Spec[] {
  const boxes = targetBoxes(ctx.vswitches);
  const vswOf = new Map<string, VSwitchBox>();
  for (const v of ctx.vswitches) for (const c of v.cards) for (const e of c.enis) vswOf.set(e.id, v);
  const agg = new Map<string, { from: string; to: string; tally: DropTally; senders: Set<string> }>();
  for (const d of report.drops) {
    const eni = ctx.ipOwner.get(d.src);
    if (eni === d.eni) continue; // its own address: nothing to draw between two points
    const vsw = eni === undefined ? undefined : vswOf.get(eni);
    // A bundled source is drawn from its vSwitch box; the rest from the ENI or the outside box.
    const from = eni === undefined ? EXTERNAL_SOURCE : vsw !== undefined && ctx.bundles.keys.has(bundleKey(vsw.id, d.eni)) ? vsw.id : eni;
    const key = `${from}\u0000${d.eni}`;
    const a = agg.get(key) ?? { from, to: d.eni, tally: newTally(), senders: new Set<string>() };
    addDrop(a.tally, d);
    if (eni !== undefined) a.senders.add(eni);
    agg.set(key, a);
  }
  const vswById = new Map(ctx.vswitches.map((v) => [v.id, v]));
  const specs: Spec[] = [];
  for (const a of agg.values()) {
    const outside = a.from === EXTERNAL_SOURCE;
    const bundle = vswById.get(a.from);
    const source = outside ? ctx.externals.find((x) => x.target === a.to) : (bundle ?? boxes.get(a.from));
    const target = boxes.get(a.to);
    if (source === undefined || target === undefined) continue;
    const flows = a.tally.pairs.size;
    const what = tallyText(a.tally);
    specs.push({
      kind: "drop",
      from: a.from,
      to: a.to,
      source,
      target,
      label: outside ? "" : bundle !== undefined ? `${a.senders.size} ENIs: ${what} dropped` : `${what} dropped`,
      title: `${what} in ${flows} ${flows === 1 ? "conversation" : "conversations"} from ${outside ? "outside the plan" : bundle !== undefined ? `${a.senders.size} ENIs of ${a.from}` : a.from} dropped at ${a.to}`,
      packets: a.tally.packets,
      bytes: a.tally.bytes,
      flows,
    });
  }
  // Biggest first: their labels are placed first and so sit closest to their curves.
  return specs.sort((x, y) => y.packets - x.packets || byText(x.from, y.from) || byText(x.to, y.to));
}

/** Plain code-unit order: locale-independent, so the picture is the same on every machine. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function centerX(b: Box): number {
  return b.x + b.w / 2;
}

function sides(s: Spec): { src: Side; dst: Side } {
  const sc = centerX(s.source);
  const tc = centerX(s.target);
  if (Math.abs(sc - tc) < 1) return { src: "right", dst: "right" }; // same column: loop out to the right
  return sc < tc ? { src: "right", dst: "left" } : { src: "left", dst: "right" };
}

/** Spreads the arrows that meet one side of one box over its height, ordered by the other end's y. */
function attachPoints(specs: readonly Spec[], end: "source" | "target"): Map<Spec, number> {
  const groups = new Map<string, Spec[]>();
  for (const s of specs) {
    const box = s[end];
    const side = end === "source" ? sides(s).src : sides(s).dst;
    const key = `${box.x},${box.y},${side}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  const out = new Map<Spec, number>();
  for (const list of groups.values()) {
    const other = end === "source" ? "target" : "source";
    list.sort((a, b) => a[other].y - b[other].y);
    list.forEach((s, i) => {
      const box = s[end];
      out.set(s, box.y + (box.h * (i + 1)) / (list.length + 1));
    });
  }
  return out;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function r1(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Centred on (mx, my), or slid up/down in steps until it overlaps nothing already placed. */
function placeLabel(label: string, mx: number, my: number, placed: Box[]): Box {
  const w = label.length * CHAR_W + LABEL_PAD * 2;
  let box: Box = { x: mx - w / 2, y: my - LABEL_H / 2, w, h: LABEL_H };
  for (let step = 1; step <= 40 && placed.some((p) => overlaps(p, box)); step += 1) {
    const shift = Math.ceil(step / 2) * (LABEL_H + 2) * (step % 2 === 1 ? 1 : -1);
    box = { ...box, y: my - LABEL_H / 2 + shift };
  }
  placed.push(box);
  return box;
}

/** Routes and drops share attach points so they fan out instead of stacking on one pixel. */
function buildArrows(specs: readonly Spec[], obstacles: Box[]): Arrow[] {
  const srcY = attachPoints(specs, "source");
  const dstY = attachPoints(specs, "target");
  const placed: Box[] = [...obstacles];
  return specs.map((s, index) => {
    const side = sides(s);
    const sx = side.src === "right" ? s.source.x + s.source.w : s.source.x;
    const ex = side.dst === "right" ? s.target.x + s.target.w + HEAD_GAP : s.target.x - HEAD_GAP;
    const sy = srcY.get(s)!;
    const ey = dstY.get(s)!;
    const loop = side.src === side.dst;
    const reach = loop ? 60 + (index % 4) * 18 : Math.max(50, Math.abs(ex - sx) * 0.45);
    const c1x = side.src === "right" ? sx + reach : sx - reach;
    const c2x = side.dst === "right" ? ex + reach : ex - reach;
    const path = `M${r1(sx)},${r1(sy)} C${r1(c1x)},${r1(sy)} ${r1(c2x)},${r1(ey)} ${r1(ex)},${r1(ey)}`;
    // Point at t = 0.5 of the cubic Bezier.
    const mx = (sx + 3 * c1x + 3 * c2x + ex) / 8;
    const my = (sy + 3 * sy + 3 * ey + ey) / 8;
    const labelBox = s.label === "" ? undefined : placeLabel(s.label, mx, my, placed);
    const maxX = Math.max(sx, ex, c1x, c2x, labelBox === undefined ? 0 : labelBox.x + labelBox.w);
    return {
      kind: s.kind,
      from: s.from,
      to: s.to,
      label: s.label,
      title: s.title,
      path,
      labelBox,
      maxX,
      packets: s.packets,
      bytes: s.bytes,
      flows: s.flows,
    };
  });
}

export interface ArrowSet {
  readonly routes: readonly Arrow[];
  readonly drops: readonly Arrow[];
}

export function layoutArrows(topology: Topology, report: CheckReport, ctx: ArrowContext): ArrowSet {
  const { vswitches, externals } = ctx;
  const drops = dropSpecs(report, ctx);
  const routes = routeSpecs(topology, vswitches);
  // Labels must not cover ENI nodes, so every node is an obstacle for label placement.
  const obstacles: Box[] = [...vswitches.flatMap((v) => v.cards.flatMap((c) => c.enis)), ...externals];
  const arrows = buildArrows([...drops, ...routes], obstacles);
  return { drops: arrows.filter((a) => a.kind === "drop"), routes: arrows.filter((a) => a.kind === "route") };
}
