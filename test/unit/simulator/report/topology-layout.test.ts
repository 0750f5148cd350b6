import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckReport, DropRow } from "../../../../simulator/model/check-report";
import type { NetworkInterface, Topology } from "../../../../simulator/model/topology";
import type { Box, Layout } from "../../../../simulator/report/topology-layout";
import { layoutTopology } from "../../../../simulator/report/topology-layout";
import { placeGroups } from "../../../../simulator/report/group-placement";
import { largeTopology, natFleet, natReport, natTopology } from "./report-fixtures";

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

function eniNodes(layout: Layout) {
  return layout.vswitches.flatMap((v) => v.cards.flatMap((c) => c.enis));
}

/** What makes a picture readable, whatever the topology. */
function assertReadable(layout: Layout): void {
  const canvas: Box = { x: 0, y: 0, w: layout.width, h: layout.height };
  const vsw = layout.vswitches;
  for (const v of vsw) {
    expect(inside(v, canvas), `${v.id} inside canvas`).toBe(true);
    for (const c of v.cards) {
      expect(inside(c, v), `card ${c.id} inside ${v.id}`).toBe(true);
      for (const e of c.enis) expect(inside(e, c), `${e.id} inside its card`).toBe(true);
    }
  }
  for (let i = 0; i < vsw.length; i += 1) for (let j = i + 1; j < vsw.length; j += 1) expect(overlap(vsw[i]!, vsw[j]!)).toBe(false);
  const nodes = eniNodes(layout);
  for (let i = 0; i < nodes.length; i += 1) for (let j = i + 1; j < nodes.length; j += 1) expect(overlap(nodes[i]!, nodes[j]!)).toBe(false);
  for (const x of layout.externals) {
    expect(inside(x, canvas)).toBe(true);
    for (const v of vsw) expect(overlap(x, v), `outside box for ${x.target} clear of ${v.id}`).toBe(false);
  }
  for (const a of [...layout.routes, ...layout.drops]) {
    if (a.labelBox === undefined) continue;
    for (const n of nodes) expect(overlap(a.labelBox, n), `label "${a.label}" clear of ${n.id}`).toBe(false);
  }
}

describe("layoutTopology", () => {
  it("puts the NAT vSwitch right of its clients, the route and the drops as arrows into the NAT ENI", () => {
    const layout = layoutTopology(natTopology(), natReport());
    const [left, right] = layout.vswitches;
    expect(left!.id).toBe("vsw-private");
    expect(right!.id).toBe("vsw-public");
    expect(right!.x).toBeGreaterThan(left!.x + left!.w);
    expect(layout.routes.map((r) => `${r.from}->${r.to} ${r.label}`)).toEqual(["vsw-private->eni-nat 0.0.0.0/0"]);
    expect(layout.drops.map((d) => `${d.from}->${d.to} ${d.label}`)).toEqual([
      "eni-app-1->eni-nat 1,234 pkts dropped",
      "eni-app-2->eni-nat 56 pkts dropped",
      "eni-app-3->eni-nat 7 pkts dropped",
    ]);
    assertReadable(layout);
  });

  it("keeps arrow labels apart from each other", () => {
    for (const layout of [layoutTopology(natTopology(), natReport()), layoutTopology(largeTopology().topology, largeTopology().report)]) {
      const labels = [...layout.routes, ...layout.drops].flatMap((a) => (a.labelBox === undefined ? [] : [a.labelBox]));
      for (let i = 0; i < labels.length; i += 1) for (let j = i + 1; j < labels.length; j += 1) expect(overlap(labels[i]!, labels[j]!)).toBe(false);
    }
  });

  it("lays 30 ENIs out in a grid of at most three columns", () => {
    const { topology, report } = largeTopology();
    const layout = layoutTopology(topology, report);
    expect(eniNodes(layout)).toHaveLength(30);
    expect(new Set(layout.vswitches.map((v) => v.x)).size).toBe(3);
    expect(new Set(layout.vswitches.map((v) => v.y)).size).toBe(2);
    assertReadable(layout);
  });

  it("puts a NAT serving many vSwitches in the middle, its clients on both sides", () => {
    const { topology, report } = natFleet();
    const layout = layoutTopology(topology, report);
    const byId = new Map(layout.vswitches.map((v) => [v.id, v]));
    const pub = byId.get("vsw-public")!;
    const xs = [...new Set(layout.vswitches.map((v) => v.x))].sort((a, b) => a - b);
    expect(xs).toHaveLength(3);
    expect(pub.x).toBe(xs[1]);
    expect(byId.get("vsw-private-0")!.x).toBe(xs[0]);
    expect(byId.get("vsw-private-1")!.x).toBe(xs[2]);
    expect(layout.drops.filter((d) => d.to === "eni-bp1natgw0000000000000")).toHaveLength(16);
    assertReadable(layout);
  });

  it("bundles more than five senders of one vSwitch into one arrow, each sender keeping its count", () => {
    const { topology, report } = natFleet(3, 10, 1);
    const layout = layoutTopology(topology, report);
    const nat = "eni-bp1natgw0000000000000";
    const inner = layout.drops.filter((d) => d.from !== "external").map((d) => `${d.from}->${d.to} ${d.label}`).sort();
    expect(inner).toEqual([
      `vsw-private-0->${nat} 10 ENIs: 55,000 pkts dropped`,
      `vsw-private-1->${nat} 10 ENIs: 55,010 pkts dropped`,
      `vsw-private-2->${nat} 10 ENIs: 55,020 pkts dropped`,
    ]);
    const sender = eniNodes(layout).find((n) => n.id === "eni-bp1app10300000000000")!;
    expect(sender.sentDroppedText).toBe(`4,001 pkts dropped at ${nat}`);
    // Five senders stay individual arrows.
    const few = layoutTopology(natFleet(1, 5, 1).topology, natFleet(1, 5, 1).report);
    expect(few.drops.filter((d) => d.from !== "external")).toHaveLength(5);
    expect(eniNodes(few).every((n) => n.sentDroppedText === "")).toBe(true);
    assertReadable(layout);
  });

  it("places a readable picture for any topology (property)", () => {
    const topologies = fc
      .record({
        vswitches: fc.integer({ min: 1, max: 7 }),
        enis: fc.array(fc.record({ vsw: fc.nat(9), inst: fc.nat(6), check: fc.constantFrom(true, false, undefined), secondaries: fc.nat(3) }), { maxLength: 40 }),
        routes: fc.array(fc.record({ from: fc.nat(9), to: fc.nat(60), toInstance: fc.boolean() }), { maxLength: 12 }),
        drops: fc.array(fc.record({ at: fc.nat(60), from: fc.nat(80), count: fc.integer({ min: 1, max: 1e9 }), declared: fc.boolean() }), { maxLength: 30 }),
      })
      .map(({ vswitches, enis, routes, drops }) => {
        const nis: NetworkInterface[] = enis.map((e, i) => ({
          id: `eni-${i}`,
          // Some ENIs name a vSwitch the plan does not declare.
          vswitch: `vsw-${e.vsw % (vswitches + 1)}`,
          instance: e.inst === 0 ? undefined : `i-${e.inst}`,
          primaryIp: `10.0.${i}.1`,
          secondaryIps: Array.from({ length: e.secondaries }, (_, k) => `10.0.${i}.${k + 2}`),
          sourceDestCheck: e.check,
        }));
        const topology: Topology = {
          region: "cn-hangzhou",
          vswitches: Array.from({ length: vswitches }, (_, i) => ({ id: `vsw-${i}`, cidr: `10.${i}.0.0/24`, routeTable: `vtb-${i}` })),
          routeTables: Array.from({ length: vswitches }, (_, i) => ({
            id: `vtb-${i}`,
            routes: routes
              .filter((r) => r.from % vswitches === i)
              .map((r) => ({ destination: `10.9.${r.to}.0/24`, nextHop: { type: r.toInstance ? ("Instance" as const) : ("NetworkInterface" as const), id: r.toInstance ? `i-${r.to % 7}` : `eni-${r.to}` } })),
          })),
          instances: Array.from({ length: 7 }, (_, i) => ({ id: `i-${i}`, forwarding: "route" as const })),
          networkInterfaces: nis,
        };
        const rows: DropRow[] = drops.map((d) => ({
          eni: `eni-${d.at}`,
          direction: "ingress",
          reason: "not-destination",
          src: d.from < 40 ? `10.0.${d.from}.1` : `198.51.100.${d.from}`,
          dst: "203.0.113.1",
          count: d.declared ? 1 : d.count,
          bytes: d.declared ? 0 : d.count * 60,
          ...(d.declared ? { flow: `flow-${d.at}` } : {}),
        }));
        const report: CheckReport = { summary: { flows: rows.length, allowed: 0, dropped: rows.length }, drops: rows, findings: [] };
        return { topology, report };
      });
    fc.assert(
      fc.property(topologies, ({ topology, report }) => {
        const layout = layoutTopology(topology, report);
        assertReadable(layout);
        // Every ENI of the plan and every dropping ENI is drawn exactly once.
        const drawn = eniNodes(layout).map((n) => n.id);
        expect(new Set(drawn).size).toBe(drawn.length);
        const wanted = new Set([...topology.networkInterfaces.map((n) => n.id), ...report.drops.map((d) => d.eni)]);
        expect(new Set(drawn)).toEqual(wanted);
        expect(layoutTopology(topology, report)).toEqual(layout);
      }),
      { numRuns: 150 },
    );
  });
});

describe("placeGroups", () => {
  it("stacks forwarders in the middle, level with the senders, and balances the sides", () => {
    const p = placeGroups([100, 300, 100, 50, 100], [false, false, true, false, false], 3, 10);
    expect(p.columns).toBe(3);
    expect(p.slots.map((s) => s.column)).toEqual([0, 2, 1, 0, 0]);
    expect(p.slots[0]!.y).toBe(0);
    expect(p.slots[3]!.y).toBe(110);
    expect(p.slots[4]!.y).toBe(170);
    expect(p.slots[2]!.y).toBe(100); // (300 - 100) / 2
    expect(p.height).toBe(300);
  });

  it("uses two columns for one sender, and a grid when everything forwards or nothing does", () => {
    expect(placeGroups([100, 80], [false, true], 3, 10).slots.map((s) => s.column)).toEqual([0, 1]);
    const g = placeGroups([100, 200, 50, 70], [true, true, true, true], 3, 10);
    expect(g.slots).toEqual([
      { column: 0, y: 0 },
      { column: 1, y: 0 },
      { column: 2, y: 0 },
      { column: 0, y: 210 },
    ]);
    expect(g.height).toBe(280);
    expect(placeGroups([1, 2], [false, false], 3, 10).columns).toBe(2);
  });
});
