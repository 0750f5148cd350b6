import { describe, expect, it } from "vitest";
import type { CheckReport, DropRow, FlowRow } from "../../../../simulator/model/check-report";
import { renderHtml } from "../../../../simulator/report/html";
import { formatBytes, formatCount, formatPackets } from "../../../../simulator/report/number-format";
import { summaryLines } from "../../../../simulator/report/summary-lines";
import { renderTable } from "../../../../simulator/report/table";
import { computeVerdict, dropsByEni } from "../../../../simulator/report/verdict";
import { natReport, natTopology } from "./report-fixtures";

const drop = (eni: string, src: string, count: number, extra: Partial<DropRow> = {}): DropRow => ({
  eni,
  direction: "ingress",
  reason: "not-destination",
  src,
  dst: "203.0.113.9",
  count,
  bytes: count * 100,
  ...extra,
});
const flow = (name: string, extra: Partial<FlowRow>): FlowRow => ({
  name,
  src: "10.0.1.11",
  dst: "203.0.113.9",
  protocol: "tcp",
  dstPort: 443,
  disposition: "DENIED_INGRESS",
  asExpected: true,
  hops: [],
  ...extra,
});
const report = (drops: DropRow[], flows?: FlowRow[]): CheckReport => ({
  summary: { flows: 10, allowed: 10 - drops.length, dropped: drops.length },
  drops,
  findings: [],
  ...(flows ? { flows } : {}),
});

describe("computeVerdict", () => {
  it("names every dropping ENI when there are several, worst first", () => {
    const v = computeVerdict(report([drop("eni-a", "10.0.0.1", 5), drop("eni-b", "10.0.0.2", 500), drop("eni-b", "10.0.0.3", 1)]));
    expect(v.tone).toBe("bad");
    expect(v.headline).toBe("3 flows (506 packets) would be dropped at 2 ENIs: Source/Destination Check is on; set sourceDestCheck: false on each");
    expect(v.details).toEqual(["eni-b: 2 flows (501 packets)", "eni-a: 1 flow (5 packets)"]);
  });

  it("counts a src → dst pair once however many rows it has", () => {
    const rows = [drop("eni-a", "10.0.0.1", 5), drop("eni-a", "10.0.0.1", 7, { direction: "egress", reason: "spoofed-source" })];
    expect(dropsByEni(rows)).toEqual([{ eni: "eni-a", flows: 1, packets: 12, bytes: 1200 }]);
  });

  it("does not call a declared flow's row a packet", () => {
    const v = computeVerdict(report([drop("eni-a", "10.0.1.11", 1, { flow: "web", bytes: 0 })], [flow("web", {})]));
    expect(v.headline).toBe("1 flow would be dropped at eni-a: Source/Destination Check is on; set sourceDestCheck: false");
  });

  it("does not answer an intended drop with 'turn the check off'", () => {
    const v = computeVerdict(report([drop("eni-a", "10.0.1.11", 1, { flow: "spoof" })], [flow("spoof", { expect: "dropped", asExpected: true })]));
    expect(v).toEqual({ tone: "good", headline: "Nothing unexpected would be dropped (1 flow dropped as declared)", details: [] });
  });

  it("reports declared flows that disagree with their expectation, capped", () => {
    const flows = Array.from({ length: 7 }, (_, i) => flow(`f${i}`, { disposition: "NO_ROUTE", expect: "allowed", asExpected: false }));
    const v = computeVerdict(report([], flows));
    expect(v.tone).toBe("bad");
    expect(v.headline).toBe("Nothing observed would be dropped, but 7 flows did not behave as declared");
    expect(v.details).toEqual([...[0, 1, 2, 3, 4].map((i) => `f${i}: expected allowed, got NO_ROUTE`), "… 2 more"]);
  });

  it("suggests ENIs that could be locked down", () => {
    const r: CheckReport = { ...report([]), findings: [{ eni: "eni-x", kind: "can-enable", message: "m" }, { eni: "eni-y", kind: "can-enable", message: "m" }] };
    expect(computeVerdict(r)).toEqual({ tone: "good", headline: "Nothing would be dropped", details: ["2 ENIs could safely have the check on: eni-x, eni-y"] });
  });
});

describe("summary lines", () => {
  it("adds observed traffic, inputs and an unsupported region when the report has them", () => {
    const r: CheckReport = {
      ...natReport(),
      summary: { flows: 1002, allowed: 999, dropped: 3, unexpected: 3 },
      observed: { records: 1000, packets: 1000, bytes: 1_500_000, droppedRecords: 3, droppedPackets: 1297, droppedBytes: 9, unattributed: 12, rejected: 0 },
      inputs: [{ file: "nat.pcap", format: "pcap", records: 1000, skipped: 2, ignored: 0 }],
      region: { id: "xx-nowhere-1", sourceDestCheckSupported: false },
    };
    expect(summaryLines(r)).toEqual([
      "1,002 records and declared flows checked: 999 allowed, 3 dropped (3 unexpected)",
      "observed 1,000 packets (1.4 MiB) in 1,000 records; 1,297 dropped; 12 not attributed to any ENI of the plan",
      "inputs: nat.pcap (pcap, 1,000 records, 2 skipped)",
      "region xx-nowhere-1 does not offer Source/Destination Check: nothing is dropped by it there",
    ]);
  });
});

describe("true totals when the evaluator cut the drop rows", () => {
  const r: CheckReport = { ...natReport(), dropRowsTotal: 1000 };

  it("keeps them in the terminal table", () => {
    const out = renderTable(r, { color: false, maxRows: 2 });
    expect(out).toContain("Drops (1,000)");
    expect(out).toContain("… 998 more rows (see --format json)");
  });

  it("keeps them in the HTML page", () => {
    const html = renderHtml(r, natTopology());
    expect(html).toContain("<h2>Drops (1,000)</h2>");
    expect(html).toContain("… 997 more rows (see --format json)");
  });
});

describe("number formats", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [-1234567, "-1,234,567"],
    [12.7, "12"],
  ])("formatCount(%s) = %s", (n, text) => expect(formatCount(n)).toBe(text));

  it.each([
    [0, "0 B"],
    [1023, "1,023 B"],
    [1024, "1.0 KiB"],
    [1536, "1.5 KiB"],
    [10 * 1024 * 1024, "10 MiB"],
    [3 * 1024 ** 4, "3.0 TiB"],
  ])("formatBytes(%s) = %s", (n, text) => expect(formatBytes(n)).toBe(text));

  it("says pkt for one packet", () => {
    expect(formatPackets(1)).toBe("1 pkt");
    expect(formatPackets(1234)).toBe("1,234 pkts");
  });
});
