import { afterAll, describe, expect, it } from "vitest";

import { TrafficFormatError } from "../../../simulator/traffic/errors";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import { buildFrame, type CapturedPacket, type FrameSpec, LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL2, pcapFile, pcapFileHeader, pcapRecord } from "../../support/capture-writer";
import { CollectingSink, ip, mac, readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const ENI_MAC = mac("00:16:3e:00:00:01");
const GATEWAY_MAC = mac("ee:ff:ff:ff:ff:ff");

function tcp(client: number, port: number): FrameSpec {
  return { srcMac: GATEWAY_MAC, dstMac: ENI_MAC, ip: { src: ip("10.0.1.0") + client, dst: ip("93.184.216.34"), protocol: 6, srcPort: port, dstPort: 443, payloadBytes: 40 } };
}

function packets(count: number, linkType = LINKTYPE_ETHERNET): CapturedPacket[] {
  return Array.from({ length: count }, (_, i) => ({ seconds: 1_700_000_000 + i, fraction: 1000 * i, data: buildFrame(tcp(i % 250, 1024 + i), linkType) }));
}

async function readExpectingError(file: string): Promise<TrafficFormatError> {
  const error = await readTraffic(file, new CollectingSink()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrafficFormatError);
  return error as TrafficFormatError;
}

describe("pcap reader", () => {
  it.each([
    ["little-endian µs", true, false],
    ["big-endian µs", false, false],
    ["little-endian ns", true, true],
    ["big-endian ns", false, true],
  ] as const)("reads %s captures", async (name, littleEndian, nanos) => {
    const file = dir.file(`${name}.pcap`, pcapFile(packets(3), { littleEndian, nanos }));
    const sink = new CollectingSink();
    const summary = await readTraffic(file, sink);
    expect(summary).toMatchObject({ format: "pcap", records: 3, skipped: 0, ignored: 0 });
    expect(sink.packets[2]).toMatchObject({ srcMac: GATEWAY_MAC, dstMac: ENI_MAC, srcIp: ip("10.0.1.2"), dstPort: 443, srcPort: 1026, bytes: 14 + 20 + 20 + 40 });
    expect(sink.packets[2]!.timestamp).toBeCloseTo(1_700_000_002 + 2000 / (nanos ? 1e9 : 1e6), 6);
  });

  it("decodes records that span buffer refills", async () => {
    const file = dir.file("span.pcap", pcapFile(packets(50, LINKTYPE_LINUX_SLL2), { linkType: LINKTYPE_LINUX_SLL2 }));
    const { sink } = await readWithChunk(file, "pcap", 37);
    expect(sink.packets).toHaveLength(50);
    expect(sink.packets.map((p) => p.srcPort)).toEqual(Array.from({ length: 50 }, (_, i) => 1024 + i));
  });

  it("keeps the on-the-wire length when the snaplen cut the frame", async () => {
    const frame = buildFrame(tcp(1, 5000), LINKTYPE_ETHERNET);
    const file = dir.file("snap.pcap", pcapFile([{ seconds: 1, fraction: 0, data: frame, origlen: 1514 }], { snaplen: 64 }));
    const sink = new CollectingSink();
    await readTraffic(file, sink);
    expect(sink.packets[0]).toMatchObject({ bytes: 1514, srcPort: 5000 });
  });

  it("names the offset of a corrupt record header", async () => {
    const good = pcapRecord(packets(1)[0]!);
    const bad = Buffer.from(good);
    bad.writeUInt32LE(0x7fffffff, 8);
    const file = dir.file("bad-caplen.pcap", Buffer.concat([pcapFileHeader(), good, bad, good]));
    const error = await readExpectingError(file);
    expect(error.code).toBe("BAD_CAPTURE_RECORD");
    expect(error.offset).toBe(24 + good.length);
    expect(error.message).toContain(`bad-caplen.pcap: byte offset ${24 + good.length}`);
    expect(error.message).toContain("caplen");
  });

  it("reports a truncated final record with its offset, and skips it under --lenient", async () => {
    const whole = pcapFile(packets(3));
    const file = dir.file("truncated.pcap", whole.subarray(0, whole.length - 10));
    const error = await readExpectingError(file);
    expect(error.code).toBe("TRUNCATED");
    const lastRecord = whole.length - pcapRecord(packets(3)[2]!).length;
    expect(error.offset).toBe(lastRecord);
    const sink = new CollectingSink();
    const summary = await readTraffic(file, sink, { lenient: true });
    expect(summary).toMatchObject({ records: 2, skipped: 1 });
    expect(summary.skippedSamples?.[0]).toContain(`byte offset ${lastRecord}`);
  });

  it("accepts a sub-second field of a full second, as libpcap does", async () => {
    const file = dir.file("full-second.pcap", pcapFile([{ seconds: 10, fraction: 1_000_000, data: buildFrame(tcp(1, 7), LINKTYPE_ETHERNET) }]));
    const sink = new CollectingSink();
    expect(await readTraffic(file, sink)).toMatchObject({ records: 1, skipped: 0 });
    expect(sink.packets[0]!.timestamp).toBe(11);
  });

  it("reports a file header cut short", async () => {
    const file = dir.file("short-header.pcap", pcapFileHeader().subarray(0, 20));
    const error = await readExpectingError(file);
    expect(error).toMatchObject({ code: "TRUNCATED", offset: 20 });
  });

  it("refuses a link type it cannot decode, naming the supported ones", async () => {
    const file = dir.file("usb.pcap", pcapFile([], { linkType: 189 }));
    const error = await readExpectingError(file);
    expect(error).toMatchObject({ code: "UNSUPPORTED_LINK_TYPE", offset: 20 });
    expect(error.message).toContain("found link type 189");
    expect(error.message).toContain("113 (Linux cooked SLL)");
  });

  it("resynchronises after a corrupt record under --lenient", async () => {
    const records = packets(6).map((p) => pcapRecord(p));
    const garbage = Buffer.from(records[2]!);
    garbage.writeUInt32LE(0xfffffff0, 8);
    garbage.fill(0xff, 16);
    const file = dir.file("resync.pcap", Buffer.concat([pcapFileHeader(), records[0]!, records[1]!, garbage, records[3]!, records[4]!, records[5]!]));
    for (const chunk of [64, 1 << 20]) {
      const { sink, counters } = await readWithChunk(file, "pcap", chunk, true);
      expect(counters.skipped).toBe(1);
      expect(sink.packets.map((p) => p.srcPort)).toEqual([1024, 1025, 1027, 1028, 1029]);
    }
  });

  it("skips an undecodable frame under --lenient and names it otherwise", async () => {
    const frames = packets(3);
    const broken: CapturedPacket = { ...frames[1]!, data: Buffer.concat([frames[1]!.data.subarray(0, 14), Buffer.from([0x65]), frames[1]!.data.subarray(15)]) };
    const file = dir.file("bad-frame.pcap", pcapFile([frames[0]!, broken, frames[2]!]));
    const error = await readExpectingError(file);
    expect(error.code).toBe("BAD_FRAME");
    expect(error.offset).toBe(24 + pcapRecord(frames[0]!).length + 16);
    const summary = await readTraffic(file, new CollectingSink(), { lenient: true });
    expect(summary).toMatchObject({ records: 2, skipped: 1 });
  });

  it("counts ARP and IPv6 frames as ignored", async () => {
    const other = [0x0806, 0x86dd].map((etherType, i) => ({ seconds: i, fraction: 0, data: buildFrame({ ...tcp(1, 1), etherType }, LINKTYPE_ETHERNET) }));
    const file = dir.file("ignored.pcap", pcapFile([...other, ...packets(1)]));
    expect(await readTraffic(file, new CollectingSink())).toMatchObject({ records: 1, ignored: 2, skipped: 0 });
  });

  it("reports progress and the file size", async () => {
    const file = dir.file("progress.pcap", pcapFile(packets(10)));
    const calls: [number, number][] = [];
    await readTraffic(file, new CollectingSink(), { onProgress: (read, total) => calls.push([read, total]) });
    const size = pcapFile(packets(10)).length;
    expect(calls.at(-1)).toEqual([size, size]);
  });
});
