import { afterAll, describe, expect, it } from "vitest";

import { TrafficFormatError } from "../../../simulator/traffic/errors";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import {
  buildFrame,
  type FrameSpec,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_RAW,
  pcapngBlock,
  pcapngFile,
  pcapngInterfaceBlock,
  pcapngPacketBlock,
  pcapngSectionHeader,
} from "../../support/capture-writer";
import { CollectingSink, ip, mac, readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

function frame(port: number, linkType = LINKTYPE_ETHERNET): Buffer {
  const spec: FrameSpec = { srcMac: mac("00:16:3e:00:00:02"), dstMac: mac("00:16:3e:00:00:01"), ip: { src: ip("10.0.0.2"), dst: ip("10.0.0.1"), protocol: 17, srcPort: port, dstPort: 53 } };
  return buildFrame(spec, linkType);
}

async function readError(file: string): Promise<TrafficFormatError> {
  const error = await readTraffic(file, new CollectingSink()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrafficFormatError);
  return error as TrafficFormatError;
}

describe("pcapng reader", () => {
  it("reads several sections of both byte orders with several interfaces, EPB, PB and SPB", async () => {
    const file = dir.file(
      "multi.pcapng",
      pcapngFile([
        {
          littleEndian: true,
          interfaces: [{ linkType: LINKTYPE_ETHERNET }, { linkType: LINKTYPE_RAW, tsresol: 9 }],
          blocks: [
            { kind: "epb", interfaceId: 0, timestamp: 1_700_000_000_500_000n, data: frame(1) },
            { kind: "other", type: 4, body: Buffer.alloc(12) },
            { kind: "epb", interfaceId: 1, timestamp: 1_700_000_001_000_000_123n, data: frame(2, LINKTYPE_RAW) },
            { kind: "pb", interfaceId: 1, timestamp: 1_700_000_002_000_000_000n, data: frame(3, LINKTYPE_RAW) },
          ],
        },
        {
          littleEndian: false,
          interfaces: [{ linkType: LINKTYPE_LINUX_SLL, snaplen: 1000, tsresol: 0x80 | 10, tsoffset: 100 }],
          blocks: [
            { kind: "spb", data: frame(4, LINKTYPE_LINUX_SLL) },
            { kind: "epb", interfaceId: 0, timestamp: 1024n * 5n, data: frame(5, LINKTYPE_LINUX_SLL) },
          ],
        },
      ]),
    );
    const sink = new CollectingSink();
    const summary = await readTraffic(file, sink);
    expect(summary).toMatchObject({ format: "pcapng", records: 5, skipped: 0 });
    expect(sink.packets.map((p) => [p.srcPort, p.interfaceId, p.srcMac === -1])).toEqual([
      [1, 0, false],
      [2, 1, true],
      [3, 1, true],
      [4, 0, true],
      [5, 0, true],
    ]);
    expect(sink.packets[0]!.timestamp).toBeCloseTo(1_700_000_000.5, 6);
    expect(sink.packets[1]!.timestamp).toBeCloseTo(1_700_000_001, 6);
    expect(sink.packets[4]!.timestamp).toBeCloseTo(105, 6);
  });

  it("reads blocks that span buffer refills", async () => {
    const blocks = Array.from({ length: 40 }, (_, i) => ({ kind: "epb" as const, interfaceId: 0, timestamp: BigInt(i), data: frame(i) }));
    const file = dir.file("span.pcapng", pcapngFile([{ interfaces: [{ linkType: LINKTYPE_ETHERNET }], blocks }]));
    const { sink } = await readWithChunk(file, "pcapng", 50);
    expect(sink.packets.map((p) => p.srcPort)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("skips a large unknown block without buffering it", async () => {
    const big = pcapngBlock(0x00000bad, Buffer.alloc(300), true);
    const file = dir.file(
      "big-block.pcapng",
      Buffer.concat([pcapngSectionHeader(true), pcapngInterfaceBlock({ linkType: 1 }, true), big, pcapngPacketBlock({ kind: "epb", interfaceId: 0, timestamp: 0n, data: frame(7) }, true)]),
    );
    const { sink, counters } = await readWithChunk(file, "pcapng", 64);
    expect(counters.skipped).toBe(0);
    expect(sink.packets.map((p) => p.srcPort)).toEqual([7]);
  });

  it("names the offset of a block whose trailer disagrees, and resynchronises under --lenient", async () => {
    const head = Buffer.concat([pcapngSectionHeader(true), pcapngInterfaceBlock({ linkType: 1 }, true)]);
    const good = (port: number): Buffer => pcapngPacketBlock({ kind: "epb", interfaceId: 0, timestamp: 0n, data: frame(port) }, true);
    const bad = good(2);
    bad.writeUInt32LE(bad.length + 4, bad.length - 4);
    const file = dir.file("trailer.pcapng", Buffer.concat([head, good(1), bad, good(3)]));
    const error = await readError(file);
    expect(error.code).toBe("BAD_CAPTURE_RECORD");
    expect(error.offset).toBe(head.length + good(1).length + bad.length - 4);
    const { sink, counters } = await readWithChunk(file, "pcapng", 64, true);
    expect(counters.skipped).toBe(1);
    expect(sink.packets.map((p) => p.srcPort)).toEqual([1, 3]);
  });

  it("rejects a packet for an interface the section did not declare", async () => {
    const head = Buffer.concat([pcapngSectionHeader(true), pcapngInterfaceBlock({ linkType: 1 }, true)]);
    const file = dir.file("iface.pcapng", Buffer.concat([head, pcapngPacketBlock({ kind: "epb", interfaceId: 3, timestamp: 0n, data: frame(1) }, true)]));
    const error = await readError(file);
    expect(error.code).toBe("BAD_CAPTURE_RECORD");
    expect(error.offset).toBe(head.length);
    expect(error.message).toContain("interface 3");
  });

  it("scopes interface ids to their section", async () => {
    const file = dir.file(
      "scoped.pcapng",
      pcapngFile([
        { interfaces: [{ linkType: 1 }, { linkType: 1 }], blocks: [] },
        { interfaces: [{ linkType: 1 }], blocks: [{ kind: "epb", interfaceId: 1, timestamp: 0n, data: frame(1) }] },
      ]),
    );
    expect((await readError(file)).message).toContain("ids 0..0");
  });

  it("reports a truncated block with its offset, and skips it under --lenient", async () => {
    const whole = pcapngFile([{ interfaces: [{ linkType: 1 }], blocks: [1, 2].map((port) => ({ kind: "epb" as const, interfaceId: 0, timestamp: 0n, data: frame(port) })) }]);
    const lastBlock = whole.length - pcapngPacketBlock({ kind: "epb", interfaceId: 0, timestamp: 0n, data: frame(2) }, true).length;
    const file = dir.file("truncated.pcapng", whole.subarray(0, whole.length - 6));
    const error = await readError(file);
    expect(error).toMatchObject({ code: "TRUNCATED", offset: lastBlock });
    expect(await readTraffic(file, new CollectingSink(), { lenient: true })).toMatchObject({ records: 1, skipped: 1 });
  });

  it("rejects a bad byte-order magic and an unknown link type", async () => {
    const shb = pcapngSectionHeader(true);
    shb.writeUInt32LE(0x12345678, 8);
    expect(await readError(dir.file("bom.pcapng", shb))).toMatchObject({ code: "BAD_CAPTURE_HEADER", offset: 8 });
    const usb = Buffer.concat([pcapngSectionHeader(true), pcapngInterfaceBlock({ linkType: 189 }, true)]);
    expect(await readError(dir.file("usb.pcapng", usb))).toMatchObject({ code: "UNSUPPORTED_LINK_TYPE", offset: 28 + 8 });
  });
});

describe("pcapng block minimum lengths", () => {
  it("rejects a packet block too short for its fixed fields, naming its offset", async () => {
    const head = Buffer.concat([pcapngSectionHeader(true), pcapngInterfaceBlock({ linkType: 1 }, true)]);
    const file = dir.file("short-spb.pcapng", Buffer.concat([head, pcapngBlock(3, Buffer.alloc(0), true), pcapngPacketBlock({ kind: "epb", interfaceId: 0, timestamp: 0n, data: frame(9) }, true)]));
    const error = await readError(file);
    expect(error).toMatchObject({ code: "BAD_CAPTURE_RECORD", offset: head.length + 4 });
    expect(error.message).toContain("at least 16 bytes");
    const { sink, counters } = await readWithChunk(file, "pcapng", 1 << 16, true);
    expect(counters.skipped).toBe(1);
    expect(sink.packets.map((p) => p.srcPort)).toEqual([9]);
  });
});
