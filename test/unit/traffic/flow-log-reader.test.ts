import { afterAll, describe, expect, it } from "vitest";

import { TrafficFormatError } from "../../../simulator/traffic/errors";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import { CollectingSink, ip, readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const HEADER = "version,vswitch-id,vm-id,vpc-id,account-id,eni-id,region,srcaddr,srcport,dstaddr,dstport,protocol,direction,packets,bytes,start,end,log-status,action,tcp-flags";
const row = (eni: string, src: string, dst: string, direction: string, extra: Partial<Record<"srcport" | "dstport" | "protocol" | "packets" | "bytes" | "status", string>> = {}): string =>
  [
    "1",
    "vsw-private",
    "i-client",
    "vpc-1",
    "1234",
    eni,
    "cn-hangzhou",
    src,
    extra.srcport ?? "40000",
    dst,
    extra.dstport ?? "443",
    extra.protocol ?? "6",
    direction,
    extra.packets ?? "10",
    extra.bytes ?? "5200",
    "1700000000",
    "1700000060",
    extra.status ?? "OK",
    "ACCEPT",
    "18",
  ].join(",");

async function readError(file: string): Promise<TrafficFormatError> {
  const error = await readTraffic(file, new CollectingSink()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrafficFormatError);
  return error as TrafficFormatError;
}

describe("flow-log CSV reader", () => {
  it("reads records by column name", async () => {
    const file = dir.file("basic.csv", [HEADER, row("eni-nat", "10.0.1.5", "93.184.216.34", "in"), row("eni-nat", "10.0.1.5", "93.184.216.34", "out")].join("\n") + "\n");
    const sink = new CollectingSink();
    expect(await readTraffic(file, sink)).toMatchObject({ format: "flowlog-csv", records: 2, skipped: 0, ignored: 0 });
    expect(sink.flowLogs[0]).toEqual({
      eniId: "eni-nat",
      direction: "in",
      srcIp: ip("10.0.1.5"),
      dstIp: ip("93.184.216.34"),
      srcPort: 40000,
      dstPort: 443,
      protocol: 6,
      packets: 10,
      bytes: 5200,
      action: "ACCEPT",
      vmId: "i-client",
      vswitchId: "vsw-private",
    });
    expect(sink.flowLogs[1]!.direction).toBe("out");
  });

  it("accepts any column order, extra columns, missing optional ones, CRLF and a BOM", async () => {
    const text = "\ufeffdirection,dstaddr,note,ENI_ID,srcaddr\r\nout,10.0.0.1,hello,eni-a,10.0.1.9\r\n\r\nin,10.0.1.9,x,eni-b,10.0.0.1";
    const sink = new CollectingSink();
    const summary = await readTraffic(dir.file("reordered.csv", text), sink);
    expect(summary.records).toBe(2);
    expect(sink.flowLogs.map((r) => [r.eniId, r.direction, r.srcIp, r.dstIp, r.dstPort, r.action])).toEqual([
      ["eni-a", "out", ip("10.0.1.9"), ip("10.0.0.1"), 0, undefined],
      ["eni-b", "in", ip("10.0.0.1"), ip("10.0.1.9"), 0, undefined],
    ]);
  });

  it("reads quoted fields with commas and doubled quotes", async () => {
    const text = ['"eni-id","direction","srcaddr","dstaddr","note"', '"eni-q","in","10.0.0.1","10.0.0.2","a, ""quoted"" note"'].join("\n");
    const sink = new CollectingSink();
    await readTraffic(dir.file("quoted.csv", text), sink);
    expect(sink.flowLogs).toMatchObject([{ eniId: "eni-q", direction: "in", srcIp: ip("10.0.0.1") }]);
  });

  it("gives vm-id and vswitch-id from the fast and the quoted path alike", async () => {
    const text = ["eni-id,direction,srcaddr,dstaddr,vm-id,vswitch-id", "eni-a,in,10.0.0.1,10.0.0.2,i-fast,vsw-1", '"eni-b",out,10.0.0.2,10.0.0.1,"i-slow","-"', "eni-c,in,10.0.0.1,10.0.0.2,-,"].join("\n");
    const seen: [string | undefined, string | undefined][] = [];
    const sink = new CollectingSink();
    sink.flowLog = (record) => void seen.push([record.vmId, record.vswitchId]);
    await readTraffic(dir.file("lazy.csv", text), sink);
    expect(seen).toEqual([
      ["i-fast", "vsw-1"],
      ["i-slow", undefined],
      [undefined, undefined],
    ]);
  });

  it("reads exports that quote every field, with commas inside quotes and empty quoted fields", async () => {
    const quote = (fields: string[]): string => fields.map((f) => `"${f}"`).join(",");
    const text = [
      quote(["eni-id", "direction", "srcaddr", "dstaddr", "dstport", "note", "vm-id"]),
      quote(["eni-q1", "in", "10.0.0.1", "10.0.0.2", "443", "a, b", ""]),
      quote(["eni-q2", "out", "10.0.0.2", "10.0.0.1", "-", 'say ""hi""', "i-q"]),
    ].join("\n");
    const sink = new CollectingSink();
    expect(await readTraffic(dir.file("all-quoted.csv", text), sink)).toMatchObject({ records: 2, skipped: 0 });
    expect(sink.flowLogs.map((r) => [r.eniId, r.direction, r.srcIp, r.dstPort, r.vmId])).toEqual([
      ["eni-q1", "in", ip("10.0.0.1"), 443, undefined],
      ["eni-q2", "out", ip("10.0.0.2"), 0, "i-q"],
    ]);
    const bad = await readError(dir.file("bad-quoted.csv", [text, quote(["eni-q3", "in", "10.0.0.x", "10.0.0.2", "1", "", ""])].join("\n")));
    expect(bad).toMatchObject({ line: 4 });
    expect(bad.message).toContain('field srcaddr: an IPv4 address a.b.c.d, found "10.0.0.x"');
  });

  it("treats - as an absent port and NODATA/SKIPDATA records as carrying no traffic", async () => {
    const text = [HEADER, row("eni-a", "10.0.0.1", "10.0.0.2", "in", { protocol: "1", srcport: "-", dstport: "-" }), row("eni-a", "-", "-", "-", { status: "NODATA" })].join("\n");
    const sink = new CollectingSink();
    expect(await readTraffic(dir.file("nodata.csv", text), sink)).toMatchObject({ records: 1, ignored: 1 });
    expect(sink.flowLogs[0]).toMatchObject({ protocol: 1, srcPort: 0, dstPort: 0 });
  });

  it("reads lines that span buffer refills, and the last line without a newline", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(`eni-${i}`, `10.0.0.${i}`, "10.0.1.1", i % 2 ? "in" : "out"));
    const file = dir.file("span.csv", [HEADER, ...rows].join("\n"));
    const { sink } = await readWithChunk(file, "flowlog-csv", 300);
    expect(sink.flowLogs.map((r) => r.eniId)).toEqual(Array.from({ length: 30 }, (_, i) => `eni-${i}`));
  });

  it.each([
    ["a bad address", row("eni-a", "10.0.0.300", "10.0.0.2", "in"), "srcaddr", '"10.0.0.300"', "an IPv4 address"],
    ["a bad direction", row("eni-a", "10.0.0.1", "10.0.0.2", "ingress"), "direction", '"ingress"', "in or out"],
    ["an empty ENI id", row("", "10.0.0.1", "10.0.0.2", "in"), "eni-id", '""', "an ENI id"],
    ["a port out of range", row("eni-a", "10.0.0.1", "10.0.0.2", "in", { dstport: "70000" }), "dstport", '"70000"', "0..65535"],
    ["a bad protocol", row("eni-a", "10.0.0.1", "10.0.0.2", "in", { protocol: "tcpx" }), "protocol", '"tcpx"', "protocol"],
    ["negative bytes", row("eni-a", "10.0.0.1", "10.0.0.2", "in", { bytes: "-5" }), "bytes", '"-5"', "non-negative"],
  ])("names the line and field of %s", async (_name, bad, field, value, allowed) => {
    const file = dir.file(`bad-${field}.csv`, [HEADER, row("eni-a", "10.0.0.1", "10.0.0.2", "in"), bad].join("\n"));
    const error = await readError(file);
    expect(error).toMatchObject({ code: "BAD_FLOW_LOG", line: 3 });
    expect(error.message).toContain(`line 3: expected field ${field}: `);
    expect(error.message).toContain(allowed);
    expect(error.message).toContain(`found ${value}`);
  });

  it("names a row whose field count differs from the header, and an unterminated quote", async () => {
    const short = await readError(dir.file("short.csv", [HEADER, "1,2,3"].join("\n")));
    expect(short.message).toMatch(/line 2: expected 20 fields as named by the header, found 3/);
    const quote = await readError(dir.file("quote.csv", ["eni-id,direction,srcaddr,dstaddr", 'eni-a,in,"10.0.0.1,10.0.0.2'].join("\n")));
    expect(quote).toMatchObject({ line: 2 });
    expect(quote.message).toContain("closing double quote");
  });

  it("requires the eni-id, direction, srcaddr and dstaddr columns", async () => {
    const error = await readError(dir.file("no-eni.csv", "direction,srcaddr,dstaddr,eni_name\nin,10.0.0.1,10.0.0.2,x\n"));
    expect(error).toMatchObject({ code: "UNKNOWN_FORMAT" });
    const missing = await readError(dir.file("missing.csv", "eni-id,srcaddr,dstport\neni-a,10.0.0.1,80\n"));
    expect(missing).toMatchObject({ code: "BAD_FLOW_LOG", line: 1 });
    expect(missing.message).toContain("missing: direction, dstaddr");
  });

  it("skips bad lines under --lenient and counts them", async () => {
    const file = dir.file(
      "lenient.csv",
      [HEADER, row("eni-a", "10.0.0.1", "10.0.0.2", "in"), row("eni-a", "bogus", "10.0.0.2", "in"), "1,2", row("eni-a", "10.0.0.1", "10.0.0.2", "out")].join("\n"),
    );
    const sink = new CollectingSink();
    const summary = await readTraffic(file, sink, { lenient: true });
    expect(summary).toMatchObject({ records: 2, skipped: 2 });
    expect(summary.skippedSamples).toHaveLength(2);
    expect(summary.skippedSamples![0]).toContain("line 3");
  });
});

describe("flow-log JSON-lines reader", () => {
  it("reads fields by name with string or number values, ignoring extra keys", async () => {
    const lines = [
      JSON.stringify({ __time__: 1, "eni-id": "eni-a", direction: "out", srcaddr: "10.0.1.5", dstaddr: "8.8.8.8", srcport: "5353", dstport: 53, protocol: 17, packets: 2, bytes: "120", "vm-id": "i-1" }),
      "",
      JSON.stringify({ eni_id: "eni-b", direction: "in", srcaddr: "8.8.8.8", dstaddr: "10.0.1.5", "log-status": "OK" }),
      JSON.stringify({ "eni-id": "eni-b", "log-status": "SKIPDATA" }),
    ];
    const sink = new CollectingSink();
    const summary = await readTraffic(dir.file("flows.jsonl", lines.join("\n")), sink);
    expect(summary).toMatchObject({ format: "flowlog-jsonl", records: 2, ignored: 1 });
    expect(sink.flowLogs[0]).toMatchObject({ eniId: "eni-a", direction: "out", dstIp: ip("8.8.8.8"), srcPort: 5353, dstPort: 53, protocol: 17, bytes: 120, vmId: "i-1" });
    expect(sink.flowLogs[1]).toMatchObject({ eniId: "eni-b", direction: "in", dstPort: 0 });
  });

  it("reads lines that span buffer refills", async () => {
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ "eni-id": `eni-${i}`, direction: "out", srcaddr: `10.0.0.${i}`, dstaddr: "10.0.1.1", dstport: i }));
    const { sink } = await readWithChunk(dir.file("span.jsonl", lines.join("\r\n")), "flowlog-jsonl", 40);
    expect(sink.flowLogs.map((r) => [r.eniId, r.dstPort])).toEqual(Array.from({ length: 25 }, (_, i) => [`eni-${i}`, i]));
  });

  it("names the line of bad JSON and of a bad field; skips both under --lenient", async () => {
    const good = JSON.stringify({ "eni-id": "eni-a", direction: "in", srcaddr: "10.0.0.1", dstaddr: "10.0.0.2" });
    const file = dir.file("bad.jsonl", [good, "{not json", JSON.stringify({ "eni-id": "eni-a", direction: "in", srcaddr: "10.0.0.1", dstaddr: true })].join("\n"));
    const error = await readError(file);
    expect(error).toMatchObject({ code: "BAD_FLOW_LOG", line: 2 });
    expect(error.message).toContain("one JSON object per line");
    const summary = await readTraffic(file, new CollectingSink(), { lenient: true });
    expect(summary).toMatchObject({ records: 1, skipped: 2 });
    expect(summary.skippedSamples![1]).toMatch(/line 3: expected field dstaddr: an IPv4 address a\.b\.c\.d, found "true"/);
  });
});
