import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FanOutSink } from "../../../../simulator/model/fan-out-sink";
import { ObservedTraffic } from "../../../../simulator/model/observed-traffic";
import { buildCheckReport } from "../../../../simulator/model/evaluate";
import { indexTopology } from "../../../../simulator/model/topology-index";
import { parseIpv4, parseMac } from "../../../../simulator/model/ipv4";
import type { FlowLogRecord } from "../../../../simulator/traffic/records";
import { GATEWAY_MAC, natTopology, packet } from "./fixtures";

const NAT_MAC = "00:16:3e:00:00:01";

/** Hands one frame (numeric fields) to the sink; true when its check dropped it. */
function judgeFrame(sink: ObservedTraffic, srcMac: number, dstMac: number, srcIp: number, dstIp: number, protocol: number, srcPort: number, dstPort: number, bytes: number): boolean {
  const before = sink.totals.droppedRecords;
  sink.packet({ srcMac, dstMac, srcIp, dstIp, protocol, srcPort, dstPort, bytes, interfaceId: 0 });
  return sink.totals.droppedRecords > before;
}

function natCapture(sink: ObservedTraffic, clients: number): void {
  for (let c = 0; c < clients; c++) {
    const client = `10.0.1.${20 + c}`;
    // client -> internet arrives at the NAT, leaves translated, and the reply comes back and is de-NATed
    sink.packet(packet(GATEWAY_MAC, NAT_MAC, client, "93.184.216.34", 120));
    sink.packet(packet(NAT_MAC, GATEWAY_MAC, "10.0.0.10", "93.184.216.34", 120));
    sink.packet(packet(GATEWAY_MAC, NAT_MAC, "93.184.216.34", "10.0.0.10", 1500));
    sink.packet(packet(NAT_MAC, GATEWAY_MAC, "93.184.216.34", client, 1500));
  }
}

describe("ObservedTraffic (captures)", () => {
  it("drops a NAT's forwarded packets when its check is on, and only those", () => {
    const index = indexTopology(natTopology(true));
    const sink = new ObservedTraffic(index);
    natCapture(sink, 3);
    expect(sink.totals).toMatchObject({ records: 12, packets: 12, droppedPackets: 6, droppedBytes: 3 * 120 + 3 * 1500, unattributed: 0 });
    const report = buildCheckReport(index, sink);
    expect(report.drops).toHaveLength(6);
    expect(report.drops[0]).toEqual({ eni: "eni-nat", direction: "egress", reason: "spoofed-source", src: "93.184.216.34", dst: "10.0.1.20", count: 1, bytes: 1500 });
    expect(report.drops.filter((d) => d.direction === "ingress").every((d) => d.reason === "not-destination" && d.dst === "93.184.216.34")).toBe(true);
    expect(report.summary).toEqual({ flows: 12, allowed: 6, dropped: 6, unexpected: 6 });
    const finding = report.findings.find((f) => f.eni === "eni-nat")!;
    expect(finding).toMatchObject({ kind: "must-disable", scenario: "nat", fix: "set sourceDestCheck: false on eni-nat" });
    expect(finding.evidence).toEqual({ flows: 6, packets: 6, bytes: 3 * 1620, routes: ["vtb-private: 0.0.0.0/0 -> eni-nat"] });
  });

  it("records the same traffic as evidence, not drops, when the check is off", () => {
    const index = indexTopology(natTopology(false));
    const sink = new ObservedTraffic(index);
    natCapture(sink, 2);
    const report = buildCheckReport(index, sink);
    expect(report.drops).toEqual([]);
    expect(report.summary.dropped).toBe(0);
    expect(report.findings.filter((f) => f.eni === "eni-nat")).toEqual([]);
  });

  it("counts frames of unknown MACs as unattributed and judges frames between two ENIs at both ends", () => {
    const index = indexTopology(natTopology(true));
    const sink = new ObservedTraffic(index);
    sink.packet(packet("00:16:3e:99:99:99", GATEWAY_MAC, "1.1.1.1", "2.2.2.2"));
    sink.packet(packet(-1, -1, "1.1.1.1", "2.2.2.2"));
    expect(sink.totals.unattributed).toBe(2);
    // eni-app sends a spoofed source to the NAT: dropped on egress, never judged at the NAT.
    expect(judgeFrame(sink, parseMac("00:16:3e:00:00:02", "m"), parseMac(NAT_MAC, "m"), parseIpv4("10.0.1.99", "x"), parseIpv4("8.8.8.8", "x"), 6, 1, 2, 60)).toBe(true);
    const rows = buildCheckReport(index, sink).drops;
    expect(rows.map((r) => `${r.eni} ${r.direction}`)).toEqual(["eni-app egress"]);
  });

  it("attributes alternating MACs that share their low bits to the right ENIs", () => {
    const t = natTopology(true);
    // 00:16:3e:00:01:01 and 00:16:3e:00:00:01 (eni-nat) land in the same cache slot.
    const topology = { ...t, networkInterfaces: [...t.networkInterfaces, { ...t.networkInterfaces[1]!, id: "eni-twin", primaryIp: "10.0.1.6", mac: "00:16:3e:00:01:01", sourceDestCheck: false }] };
    const index = indexTopology(topology);
    const sink = new ObservedTraffic(index);
    for (let i = 0; i < 4; i++) {
      sink.packet(packet(GATEWAY_MAC, "00:16:3e:00:01:01", "1.1.1.1", "9.9.9.9"));
      sink.packet(packet(GATEWAY_MAC, NAT_MAC, "1.1.1.1", "9.9.9.9"));
    }
    const rows = [...sink.conversations.entries()].map((c) => [index.enis[c.slot >> 1]!.eni.id, c.packets]);
    expect(rows.sort()).toEqual([["eni-nat", 4], ["eni-twin", 4]]);
    expect(sink.totals.droppedPackets).toBe(4);
  });

  it("property: an ENI with the check off never drops", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.boolean()), { maxLength: 200 }), (pairs) => {
        const index = indexTopology(natTopology(false, { sourceDestCheckDefault: false }));
        const sink = new ObservedTraffic(index);
        for (const [src, dst, out] of pairs) {
          const nat = parseMac(NAT_MAC, "m");
          judgeFrame(sink, out ? nat : GATEWAY_MAC, out ? GATEWAY_MAC : nat, src, dst, 17, 1, 2, 64);
        }
        expect(sink.totals.droppedPackets).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("property: a packet whose source and destination are the ENI's own addresses never drops", () => {
    const secondary = ["10.0.0.11", "10.0.0.12"];
    const t = natTopology(true);
    const topology = { ...t, networkInterfaces: [{ ...t.networkInterfaces[0]!, secondaryIps: secondary }, t.networkInterfaces[1]!] };
    const own = ["10.0.0.10", ...secondary].map((a) => parseIpv4(a, "x"));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...own), fc.constantFrom(...own), fc.boolean(), fc.integer({ min: 1, max: 255 })), { maxLength: 100 }), (packets) => {
        const index = indexTopology(topology);
        const sink = new ObservedTraffic(index);
        const nat = parseMac(NAT_MAC, "m");
        for (const [src, dst, out, proto] of packets) judgeFrame(sink, out ? nat : GATEWAY_MAC, out ? GATEWAY_MAC : nat, src, dst, proto, 0, 0, 40);
        expect(sink.totals.droppedPackets).toBe(0);
        expect(sink.conversations.size).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe("ObservedTraffic (flow logs)", () => {
  const record = (eniId: string, direction: "in" | "out", src: string, dst: string, extra: Partial<FlowLogRecord> = {}): FlowLogRecord => ({
    eniId,
    direction,
    srcIp: parseIpv4(src, "s"),
    dstIp: parseIpv4(dst, "d"),
    srcPort: 1000,
    dstPort: 443,
    protocol: 6,
    packets: 10,
    bytes: 4000,
    ...extra,
  });

  it("judges records at their ENI and direction, skipping rejected ones and unknown ENIs", () => {
    const index = indexTopology(natTopology(true));
    const sink = new ObservedTraffic(index);
    sink.flowLog(record("eni-nat", "in", "10.0.1.5", "1.1.1.1"));
    sink.flowLog(record("eni-nat", "in", "10.0.1.5", "1.1.1.1"));
    sink.flowLog(record("eni-nat", "out", "10.0.0.10", "1.1.1.1"));
    sink.flowLog(record("eni-nat", "in", "10.0.1.5", "2.2.2.2", { action: "REJECT" }));
    sink.flowLog(record("eni-gone", "in", "10.0.1.5", "2.2.2.2"));
    expect(sink.totals).toMatchObject({ records: 5, droppedRecords: 2, droppedPackets: 20, droppedBytes: 8000, rejected: 1, unattributed: 1 });
    const report = buildCheckReport(index, sink);
    expect(report.drops).toEqual([{ eni: "eni-nat", direction: "ingress", reason: "not-destination", src: "10.0.1.5", dst: "1.1.1.1", count: 20, bytes: 8000 }]);
  });

  it("fans one stream out to several sinks", () => {
    const on = new ObservedTraffic(indexTopology(natTopology(true)));
    const off = new ObservedTraffic(indexTopology(natTopology(false)));
    const fan = new FanOutSink([on, off]);
    fan.flowLog(record("eni-nat", "in", "10.0.1.5", "1.1.1.1"));
    fan.packet(packet(GATEWAY_MAC, NAT_MAC, "10.0.1.5", "1.1.1.1"));
    fan.declaredFlow({ name: "f", src: "10.0.1.5", dst: "1.1.1.1", protocol: "tcp" });
    expect(on.totals.droppedRecords).toBe(2);
    expect(off.totals.droppedRecords).toBe(0);
    expect(off.declared).toHaveLength(1);
  });
});

describe("drop rows", () => {
  it("the kept rows are the first rows of the whole list in the same order, ties included, and the total counts all", () => {
    const index = indexTopology(natTopology(true));
    const client = fc.record({ host: fc.integer({ min: 20, max: 60 }), size: fc.constantFrom(100, 1500), repeat: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(client, { maxLength: 80 }), fc.integer({ min: 0, max: 30 }), (frames, keep) => {
        const sink = new ObservedTraffic(index);
        for (const f of frames) {
          for (let r = 0; r < f.repeat; r++) sink.packet(packet(GATEWAY_MAC, NAT_MAC, `10.0.1.${f.host}`, "93.184.216.34", f.size));
        }
        const all = buildCheckReport(index, sink, { maxDropRows: Number.POSITIVE_INFINITY });
        const cut = buildCheckReport(index, sink, { maxDropRows: keep });
        expect(cut.drops).toEqual(all.drops.slice(0, keep));
        expect(cut.dropRowsTotal).toBe(all.drops.length);
        // Largest first, and among equals by source address text.
        for (let i = 1; i < all.drops.length; i++) {
          const [a, b] = [all.drops[i - 1]!, all.drops[i]!];
          expect(a.count > b.count || (a.count === b.count && (a.bytes > b.bytes || (a.bytes === b.bytes && a.src.localeCompare(b.src) < 0)))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
