/**
 * Where each box of the topology picture goes. Pure and deterministic: same topology and report,
 * same coordinates. Hand-written rather than a graph-layout library because the picture has a few
 * dozen nodes in an obvious structure (vSwitch columns holding instances holding ENIs); a grid is
 * readable, keeps the HTML free of dependencies, and makes positions testable.
 */
import type { CheckReport } from "../model/check-report";
import type { NetworkInterface, Topology } from "../model/topology";
import type { ExternalStub } from "./external-sources";
import { placeExternalStubs, STUB } from "./external-sources";
import type { DropBundles } from "./drop-bundles";
import { planDropBundles } from "./drop-bundles";
import { placeGroups } from "./group-placement";
import type { Arrow } from "./topology-arrows";
import { layoutArrows } from "./topology-arrows";
import type { DropTally } from "./drop-tally";
import { addDrop, hasDrops, newTally, tallyText } from "./drop-tally";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** What the picture says about an ENI's Source/Destination Check. */
export type CheckState = "on" | "off" | "default-on" | "default-off" | "cloud-default" | "not-offered";

export interface EniNode extends Box {
  readonly id: string;
  readonly ips: readonly string[];
  readonly check: CheckState;
  /** Observed packets dropped at this ENI (all directions and reasons). */
  readonly droppedPackets: number;
  /** `1,234 pkts + 1 declared flow`; empty when nothing is dropped here. */
  readonly droppedText: string;
  /** For a source drawn inside a bundle: what of its traffic is dropped, and where; else empty. */
  readonly sentDroppedText: string;
  readonly inPlan: boolean;
}

export interface InstanceCard extends Box {
  /** Undefined for the card that gathers ENIs attached to no instance. */
  readonly id?: string;
  readonly forwarding?: string;
  readonly enis: readonly EniNode[];
}

export interface VSwitchBox extends Box {
  readonly id: string;
  readonly cidr?: string;
  readonly routeTable?: string;
  /** False for a vSwitch only referenced by an ENI or a drop, not declared in the plan. */
  readonly declared: boolean;
  /** Routes whose next hop is not drawn as an arrow (Internet, Local, missing targets). */
  readonly routeNotes: readonly string[];
  readonly cards: readonly InstanceCard[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly vswitches: readonly VSwitchBox[];
  /** Per dropping ENI, the sources outside the plan. */
  readonly externals: readonly ExternalStub[];
  readonly routes: readonly Arrow[];
  readonly drops: readonly Arrow[];
}

export const GEOMETRY = {
  margin: 24,
  vswWidth: 350,
  vswHeader: 50,
  routeNoteLine: 16,
  vswPad: 12,
  cardHeader: 24,
  cardPad: 8,
  cardGap: 10,
  eniHeight: 46,
  eniDropLine: 18,
  eniGap: 6,
  colGap: 190,
  rowGap: 70,
  maxColumns: 3,
  maxRouteNotes: 3,
} as const;

const G = GEOMETRY;
export const NOT_IN_PLAN = "(not in plan)";

function checkState(eni: NetworkInterface | undefined, fallback: boolean | undefined, offered: boolean): CheckState {
  // Outside the 28 regions the setting exists on paper only: nothing is enforced.
  if (!offered) return "not-offered";
  if (eni?.sourceDestCheck !== undefined) return eni.sourceDestCheck ? "on" : "off";
  if (fallback === undefined) return "cloud-default";
  return fallback ? "default-on" : "default-off";
}

interface EniSeed {
  readonly eni?: NetworkInterface;
  readonly id: string;
  readonly vswitch: string;
  readonly instance?: string;
}

/** Every ENI to draw: the plan's, plus ENIs that only appear in drops (drawn "not in plan"). */
function collectEnis(topology: Topology, report: CheckReport): EniSeed[] {
  const seeds: EniSeed[] = topology.networkInterfaces.map((eni) => ({ eni, id: eni.id, vswitch: eni.vswitch, instance: eni.instance }));
  const known = new Set(seeds.map((s) => s.id));
  for (const d of report.drops) {
    if (known.has(d.eni)) continue;
    known.add(d.eni);
    seeds.push({ id: d.eni, vswitch: NOT_IN_PLAN });
  }
  return seeds;
}

function droppedPerEni(report: CheckReport): Map<string, DropTally> {
  const out = new Map<string, DropTally>();
  for (const d of report.drops) out.set(d.eni, addDrop(out.get(d.eni) ?? newTally(), d));
  return out;
}

/** ENI ids and instance ids that some route uses as a next hop. */
function nextHopTargets(topology: Topology): Set<string> {
  const out = new Set<string>();
  for (const table of topology.routeTables) {
    for (const r of table.routes) if (r.nextHop.id !== undefined) out.add(r.nextHop.id);
  }
  return out;
}

interface Group {
  readonly id: string;
  readonly cidr?: string;
  readonly routeTable?: string;
  readonly declared: boolean;
  readonly seeds: EniSeed[];
}

function groupByVSwitch(topology: Topology, seeds: readonly EniSeed[]): Group[] {
  const groups = new Map<string, Group>();
  for (const v of topology.vswitches) {
    groups.set(v.id, { id: v.id, cidr: v.cidr, routeTable: v.routeTable, declared: true, seeds: [] });
  }
  for (const s of seeds) {
    let g = groups.get(s.vswitch);
    if (g === undefined) {
      g = { id: s.vswitch, declared: false, seeds: [] };
      groups.set(s.vswitch, g);
    }
    g.seeds.push(s);
  }
  return [...groups.values()];
}

/** A forwarder vSwitch holds a route's next hop or an ENI that drops traffic. */
function isForwarder(g: Group, targets: Set<string>, dropped: Map<string, DropTally>): boolean {
  return g.seeds.some((s) => targets.has(s.id) || (s.instance !== undefined && targets.has(s.instance)) || dropped.has(s.id));
}

function eniHeight(dropped: DropTally | undefined, sent: string): number {
  const lines = (dropped !== undefined && hasDrops(dropped) ? 1 : 0) + (sent === "" ? 0 : 1);
  return G.eniHeight + lines * G.eniDropLine;
}

interface CardContext {
  readonly topology: Topology;
  readonly dropped: Map<string, DropTally>;
  readonly bundles: DropBundles;
  readonly offered: boolean;
}

function layoutCards(group: Group, ctx: CardContext, x: number, y0: number): InstanceCard[] {
  const { topology, dropped, bundles, offered } = ctx;
  const forwarding = new Map(topology.instances.map((i) => [i.id, i.forwarding]));
  const byInstance = new Map<string, EniSeed[]>();
  for (const s of group.seeds) {
    const key = s.instance ?? "";
    const list = byInstance.get(key) ?? [];
    list.push(s);
    byInstance.set(key, list);
  }
  // Attached ENIs first in plan order, the unattached card last.
  const keys = [...byInstance.keys()].sort((a, b) => (a === "" ? 1 : 0) - (b === "" ? 1 : 0));
  const cards: InstanceCard[] = [];
  const cardX = x + G.vswPad;
  const cardW = G.vswWidth - 2 * G.vswPad;
  let y = y0;
  for (const key of keys) {
    const enis: EniNode[] = [];
    let ey = y + G.cardHeader;
    for (const s of byInstance.get(key)!) {
      const drops = dropped.get(s.id);
      const sent = bundles.sourceText.get(s.id) ?? "";
      const h = eniHeight(drops, sent);
      enis.push({
        id: s.id,
        ips: s.eni === undefined ? [] : [s.eni.primaryIp, ...s.eni.secondaryIps],
        check: checkState(s.eni, topology.sourceDestCheckDefault, offered),
        droppedPackets: drops?.packets ?? 0,
        droppedText: drops === undefined ? "" : tallyText(drops),
        sentDroppedText: sent,
        inPlan: s.eni !== undefined,
        x: cardX + G.cardPad,
        y: ey,
        w: cardW - 2 * G.cardPad,
        h,
      });
      ey += h + G.eniGap;
    }
    const h = ey - y - G.eniGap + G.cardPad;
    cards.push({ id: key === "" ? undefined : key, forwarding: key === "" ? undefined : forwarding.get(key), enis, x: cardX, y, w: cardW, h });
    y += h + G.cardGap;
  }
  return cards;
}

function routeNotes(topology: Topology, routeTable: string | undefined, drawable: Set<string>): string[] {
  const table = topology.routeTables.find((t) => t.id === routeTable);
  if (table === undefined) return [];
  const notes: string[] = [];
  for (const r of table.routes) {
    const id = r.nextHop.id;
    if ((r.nextHop.type === "NetworkInterface" || r.nextHop.type === "Instance") && id !== undefined && drawable.has(id)) continue;
    const target = id === undefined ? r.nextHop.type : `${id}${drawable.has(id) ? "" : ` ${NOT_IN_PLAN}`}`;
    notes.push(`${r.destination} → ${target}`);
  }
  if (notes.length <= G.maxRouteNotes) return notes;
  return [...notes.slice(0, G.maxRouteNotes - 1), `+${notes.length - G.maxRouteNotes + 1} more routes`];
}

function headerHeight(notes: readonly string[]): number {
  return G.vswHeader + notes.length * G.routeNoteLine;
}

export function layoutTopology(topology: Topology, report: CheckReport): Layout {
  const seeds = collectEnis(topology, report);
  const dropped = droppedPerEni(report);
  const offered = report.region?.sourceDestCheckSupported !== false;
  const targets = nextHopTargets(topology);
  const groups = groupByVSwitch(topology, seeds);
  const drawable = new Set<string>([...seeds.map((s) => s.id), ...seeds.flatMap((s) => (s.instance === undefined ? [] : [s.instance]))]);

  const ipOwner = new Map<string, string>();
  for (const s of seeds) for (const ip of s.eni === undefined ? [] : [s.eni.primaryIp, ...s.eni.secondaryIps]) ipOwner.set(ip, s.id);
  const bundles = planDropBundles(report, ipOwner, new Map(seeds.map((s) => [s.id, s.vswitch])));
  const ctx: CardContext = { topology, dropped, bundles, offered };
  const heights = groups.map((g) => {
    const notes = routeNotes(topology, g.routeTable, drawable);
    const cards = layoutCards(g, ctx, 0, 0);
    const content = cards.reduce((sum, c) => sum + c.h + G.cardGap, 0);
    return headerHeight(notes) + Math.max(content, G.cardGap) + G.vswPad;
  });
  const placement = placeGroups(heights, groups.map((g) => isForwarder(g, targets, dropped)), G.maxColumns, G.rowGap);
  const columns = placement.columns;
  // Outside sources of ENIs in the first column need a gutter like the gaps between columns.
  const outsideTargets = new Set(report.drops.filter((d) => !ipOwner.has(d.src)).map((d) => d.eni));
  const firstColumnNeedsGutter = groups.some((g, i) => placement.slots[i]!.column === 0 && g.seeds.some((s) => outsideTargets.has(s.id)));
  const left = G.margin + (firstColumnNeedsGutter ? STUB.width + STUB.gapToBox + 10 : 0);

  const vswitches: VSwitchBox[] = groups.map((g, i) => {
    const x = left + placement.slots[i]!.column * (G.vswWidth + G.colGap);
    const y = G.margin + placement.slots[i]!.y;
    const notes = routeNotes(topology, g.routeTable, drawable);
    const cards = layoutCards(g, ctx, x, y + headerHeight(notes));
    return { id: g.id, cidr: g.cidr, routeTable: g.routeTable, declared: g.declared, routeNotes: notes, cards, x, y, w: G.vswWidth, h: heights[i]! };
  });

  const externals = placeExternalStubs(report, vswitches, ipOwner);

  const contentRight = left + columns * G.vswWidth + (columns - 1) * G.colGap;
  const contentBottom = G.margin + placement.height;
  const { routes, drops } = layoutArrows(topology, report, { vswitches, externals, ipOwner, bundles });
  // Arrows that loop out to the right of the last column need room for their curves and labels.
  const width = Math.ceil(Math.max(contentRight, ...routes.map((a) => a.maxX), ...drops.map((a) => a.maxX))) + G.margin;
  const height = Math.max(contentBottom, ...externals.map((x) => x.y + x.h)) + G.margin;
  return { width, height, vswitches, externals, routes, drops };
}
