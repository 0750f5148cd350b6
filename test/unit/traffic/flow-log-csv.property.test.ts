import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import type { FlowLogRecord } from "../../../simulator/traffic/records";
import { readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const COLUMNS = ["version", "vswitch-id", "vm-id", "vpc-id", "account-id", "eni-id", "region", "srcaddr", "srcport", "dstaddr", "dstport", "protocol", "direction", "packets", "bytes", "start", "end", "log-status", "action", "tcp-flags"] as const;
type Column = (typeof COLUMNS)[number];

// Short and empty fields put several commas in one 4-byte word, where the splitter's word
// arithmetic has the most to get wrong.
const filler = fc.stringMatching(/^[a-z0-9-]{0,3}$/);
const address = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
const count = (max: number) => fc.oneof({ arbitrary: fc.nat(max).map(String), weight: 4 }, { arbitrary: fc.constantFrom("-", ""), weight: 1 });
const record = fc.record({
  "vswitch-id": fc.stringMatching(/^vsw-[a-z0-9]{0,6}$/),
  "vm-id": fc.stringMatching(/^i-[a-z0-9]{0,6}$/),
  "eni-id": fc.stringMatching(/^eni-[a-z0-9]{1,12}$/),
  srcaddr: address,
  srcport: count(65535),
  dstaddr: address,
  dstport: count(65535),
  protocol: count(255),
  direction: fc.constantFrom("in", "out"),
  packets: count(1e9),
  bytes: count(1e12),
  "log-status": fc.constant("OK"),
  action: fc.constantFrom("ACCEPT", "REJECT"),
  version: filler,
  "vpc-id": filler,
  "account-id": filler,
  region: filler,
  start: filler,
  end: filler,
  "tcp-flags": filler,
});

const number = (text: string): number => (text === "-" || text === "" ? 0 : Number(text));
const ipv4 = (text: string): number => text.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);

function expected(r: Record<Column, string>): FlowLogRecord {
  return {
    eniId: r["eni-id"],
    direction: r.direction as "in" | "out",
    srcIp: ipv4(r.srcaddr),
    dstIp: ipv4(r.dstaddr),
    srcPort: number(r.srcport),
    dstPort: number(r.dstport),
    protocol: number(r.protocol),
    packets: number(r.packets),
    bytes: number(r.bytes),
    action: r.action,
    vmId: r["vm-id"],
    vswitchId: r["vswitch-id"],
  };
}

describe("flow-log CSV reader", () => {
  it("reads every field of every row as written, whatever the column order and field lengths", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 30 }), fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length }), fc.constantFrom(64, 256, 4096), async (rows, order, chunk) => {
        const text = [order.join(","), ...rows.map((r) => order.map((c) => (r as Record<Column, string>)[c]).join(","))].join("\n") + "\n";
        const path = dir.file(`flows-${file++}.csv`, text);
        const { sink, counters } = await readWithChunk(path, "flowlog-csv", chunk);
        expect(counters.skipped).toBe(0);
        expect(sink.flowLogs).toEqual(rows.map((r) => expected(r as Record<Column, string>)));
      }),
      { numRuns: 150 },
    );
  });
});
