import { describe, expect, it } from "vitest";
import { assess, check, diff, type Loaders } from "../../../../simulator/api";
import { exitCodeOf } from "../../../../simulator/api/exit-code";
import { UsageError } from "../../../../simulator/errors";
import { parseIpv4 } from "../../../../simulator/model/ipv4";
import type { Topology } from "../../../../simulator/model/topology";
import type { FlowLogRecord, TrafficReadSummary } from "../../../../simulator/traffic/records";
import { natTopology } from "../model/fixtures";

const record = (eniId: string, direction: "in" | "out", src: string, dst: string): FlowLogRecord => ({
  eniId,
  direction,
  srcIp: parseIpv4(src, "s"),
  dstIp: parseIpv4(dst, "d"),
  srcPort: 40000,
  dstPort: 443,
  protocol: 6,
  packets: 5,
  bytes: 500,
});

/** Loaders that serve plans by name and traffic from memory: no files, no account. */
function fakeLoaders(plans: Record<string, Topology>, traffic: Record<string, FlowLogRecord[]>, reads: string[] = []): Partial<Loaders> {
  return {
    loadPlan: async (source) => {
      const key = typeof source === "string" ? source : `live:${source.endpoint}`;
      const plan = plans[key];
      if (!plan) throw new UsageError("INVALID_OPTION", `no plan ${key}`);
      return plan;
    },
    readTraffic: async (file, sink, options): Promise<TrafficReadSummary> => {
      reads.push(file);
      const records = traffic[file] ?? [];
      options.onProgress?.(0, records.length);
      for (const r of records) sink.flowLog(r);
      options.onProgress?.(records.length, records.length);
      return { file, format: "flowlog-csv", records: records.length, skipped: 0, ignored: 0 };
    },
  };
}

const natLogs = [record("eni-nat", "in", "10.0.1.5", "93.184.216.34"), record("eni-nat", "out", "93.184.216.34", "10.0.1.5"), record("eni-nat", "out", "10.0.0.10", "93.184.216.34")];

describe("check (API)", () => {
  it("takes a Topology directly, reports inputs and progress", async () => {
    const progress: number[] = [];
    const report = await check({
      plan: natTopology(true),
      traffic: ["logs.csv"],
      onProgress: (p) => progress.push(p.bytesRead),
      loaders: fakeLoaders({}, { "logs.csv": natLogs }),
    });
    expect(report.summary).toEqual({ flows: 3, allowed: 1, dropped: 2, unexpected: 2 });
    expect(report.inputs).toEqual([{ file: "logs.csv", format: "flowlog-csv", records: 3, skipped: 0, ignored: 0 }]);
    expect(progress).toEqual([0, 3]);
    expect(exitCodeOf({ kind: "check", report })).toBe(1);
  });

  it("rejects an empty plan path as a usage error", async () => {
    await expect(check({ plan: " ", loaders: fakeLoaders({}, {}) })).rejects.toBeInstanceOf(UsageError);
  });
});

describe("diff (API)", () => {
  it("reads each traffic file once and reports what starts and stops being dropped", async () => {
    const reads: string[] = [];
    const loaders = fakeLoaders({ "live:http://127.0.0.1:9": natTopology(false), "program/": natTopology(true) }, { "logs.csv": natLogs }, reads);
    const forward = await diff({ from: { endpoint: "http://127.0.0.1:9" }, to: "program/", traffic: "logs.csv", loaders });
    expect(reads).toEqual(["logs.csv"]);
    expect(forward.summary).toMatchObject({ startsDropping: 2, stopsDropping: 0 });
    expect(forward.plans).toEqual({ base: "http://127.0.0.1:9", delta: "program/" });
    expect(forward.drops.map((d) => [d.eni, d.direction, d.baseCount, d.deltaCount, d.change])).toEqual([
      ["eni-nat", "ingress", 0, 5, "starts-dropping"],
      ["eni-nat", "egress", 0, 5, "starts-dropping"],
    ]);
    expect(forward.findings.map((f) => [f.eni, f.kind])).toEqual([["eni-nat", "must-disable"]]);
    expect(exitCodeOf({ kind: "diff", report: forward })).toBe(1);

    const back = await diff({ from: "program/", to: { endpoint: "http://127.0.0.1:9" }, traffic: "logs.csv", loaders });
    expect(back.summary).toMatchObject({ startsDropping: 0, stopsDropping: 2 });
    expect(exitCodeOf({ kind: "diff", report: back })).toBe(0);
  });

  it("compares declared flows by name", async () => {
    const flows = { name: "out", src: "10.0.1.5", dst: "1.1.1.1", protocol: "tcp" as const };
    const loaders: Partial<Loaders> = {
      ...fakeLoaders({}, {}),
      readTraffic: async (file, sink) => {
        sink.declaredFlow(flows);
        return { file, format: "flows", records: 1, skipped: 0, ignored: 0 };
      },
    };
    const report = await diff({ from: natTopology(false), to: natTopology(true), traffic: ["flows.yaml"], loaders });
    expect(report.flows).toEqual([
      expect.objectContaining({ name: "out", baseDisposition: "EXITS_NETWORK", deltaDisposition: "DENIED_INGRESS", change: "starts-dropping" }),
    ]);
  });
});

describe("assess (API)", () => {
  it("an account with a route to an ENI keeps the old default; recreating the NAT would break it", async () => {
    const loaders = fakeLoaders({ "live:http://127.0.0.1:9": natTopology(false) }, { "logs.csv": natLogs });
    const report = await assess({ endpoint: "http://127.0.0.1:9", traffic: ["logs.csv"], loaders });
    expect(report.newDefault).toBe("disabled");
    expect(report.criteria.routesToEniOrInstance).toEqual(["vtb-private: 0.0.0.0/0 -> eni-nat"]);
    expect(report.criteria.mismatchedTraffic).toEqual({ enis: ["eni-nat"], flows: 2, packets: 10, bytes: 1000 });
    expect(report.current.summary.dropped).toBe(0);
    expect(report.wouldBreak.map((f) => [f.eni, f.scenario])).toEqual([["eni-nat", "nat"]]);
    expect(report.caveats).toEqual([]);
    expect(exitCodeOf({ kind: "assess", report })).toBe(0);
  });

  it("a clean account gets the new default; a NAT that already has the check on breaks today", async () => {
    const t = natTopology(true);
    const clean: Topology = { ...t, routeTables: t.routeTables.map((rt) => ({ ...rt, routes: rt.routes.filter((r) => r.nextHop.type !== "NetworkInterface") })) };
    const quiet = await assess({ topology: clean, traffic: [], loaders: fakeLoaders({}, {}) });
    expect(quiet.newDefault).toBe("enabled");
    expect(quiet.wouldBreak).toEqual([]);
    expect(quiet.caveats).toEqual(["no flow logs were given: mismatched traffic since 2024-12-01 cannot be ruled out"]);
    const broken = await assess({ topology: natTopology(true), traffic: ["logs.csv"], loaders: fakeLoaders({}, { "logs.csv": natLogs }) });
    expect(broken.current.summary.dropped).toBe(2);
    expect(exitCodeOf({ kind: "assess", report: broken })).toBe(1);
  });

  it("says not-offered outside the 28 regions, and needs exactly one account source", async () => {
    const report = await assess({ topology: natTopology(true, { region: "cn-nowhere" }), traffic: ["logs.csv"], loaders: fakeLoaders({}, { "logs.csv": [record("eni-elsewhere", "in", "1.1.1.1", "2.2.2.2")] }) });
    expect(report.newDefault).toBe("not-offered");
    expect(report.caveats).toEqual(["1 of 1 records belong to no ENI of this account and were not judged"]);
    await expect(assess({ loaders: fakeLoaders({}, {}) })).rejects.toMatchObject({ code: "CONFLICTING_OPTIONS" });
    await expect(assess({ endpoint: "x", topology: natTopology(true), loaders: fakeLoaders({}, {}) })).rejects.toBeInstanceOf(UsageError);
  });
});
