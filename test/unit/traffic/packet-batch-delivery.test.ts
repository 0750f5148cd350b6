/**
 * The capture readers hand frames over in batches: a sink that takes batches sees exactly the
 * frames, in the order, that a record-at-a-time sink sees — across batch and buffer boundaries,
 * and up to a bad frame in strict mode (frames before it are delivered before the error).
 */
import { afterAll, describe, expect, it } from "vitest";

import { TrafficFormatError } from "../../../simulator/traffic/errors";
import { PACKET_BATCH_SIZE, type PacketBatch } from "../../../simulator/traffic/packet-batch";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import type { PacketRecord, TrafficFormat } from "../../../simulator/traffic/records";
import { buildFrame, type CapturedPacket, LINKTYPE_ETHERNET, pcapFile, pcapngFile } from "../../support/capture-writer";
import { CollectingSink, ip, mac, readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const COUNT = 2 * PACKET_BATCH_SIZE + 77;

/** Frame i: a distinct source port and address, so order and content are both checked. */
function frame(i: number): Buffer {
  return buildFrame(
    { srcMac: mac("ee:ff:ff:ff:ff:ff"), dstMac: mac("00:16:3e:00:00:01"), ip: { src: ip("10.0.0.0") + i, dst: ip("203.0.113.7"), protocol: 6, srcPort: i % 65536, dstPort: 443 } },
    LINKTYPE_ETHERNET,
  );
}

/** Takes batches and keeps a copy of every frame, as a record. */
class BatchCollectingSink extends CollectingSink {
  batches = 0;
  packetBatch(batch: PacketBatch): void {
    this.batches++;
    for (let i = 0; i < batch.length; i++) this.packets.push(batch.recordAt(i));
  }
}

function pcap(count: number, corruptAt = -1): Buffer {
  const packets: CapturedPacket[] = Array.from({ length: count }, (_, i) => {
    const data = frame(i);
    // A frame too short for its IPv4 header: a bad frame in the middle of a valid file.
    return { seconds: 1_700_000_000, fraction: i, data: i === corruptAt ? data.subarray(0, 20) : data };
  });
  return pcapFile(packets);
}

function pcapng(count: number): Buffer {
  return pcapngFile([{ interfaces: [{ linkType: LINKTYPE_ETHERNET }], blocks: Array.from({ length: count }, (_, i) => ({ kind: "epb" as const, interfaceId: 0, timestamp: BigInt(i), data: frame(i) })) }]);
}

const ports = (packets: readonly PacketRecord[]): number[] => packets.map((p) => p.srcPort);

describe.each([
  ["pcap", pcap(COUNT)],
  ["pcapng", pcapng(COUNT)],
] as const)("%s reader batches", (format, content) => {
  it("hands a batch-taking sink the same frames, in order, as a record sink", async () => {
    const file = dir.file(`batches.${format}`, content);
    const records = new CollectingSink();
    const batches = new BatchCollectingSink();
    await readTraffic(file, records);
    await readTraffic(file, batches);
    expect(records.packets).toHaveLength(COUNT);
    expect(batches.packets).toEqual(records.packets);
    expect(ports(batches.packets)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expect(batches.batches).toBeGreaterThanOrEqual(3);
  });

  it("keeps frames whole when records span small buffer refills", async () => {
    const file = dir.file(`small-chunks.${format}`, content);
    const { sink } = await readWithChunk(file, format as TrafficFormat, 509);
    expect(ports(sink.packets)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expect(sink.packets[COUNT - 1]).toMatchObject({ srcIp: ip("10.0.0.0") + COUNT - 1, dstIp: ip("203.0.113.7") });
  });
});

describe("a bad frame in strict mode", () => {
  it("comes after every frame before it has reached the sink", async () => {
    const badAt = PACKET_BATCH_SIZE + 300;
    const file = dir.file("bad-frame.pcap", pcap(COUNT, badAt));
    const sink = new BatchCollectingSink();
    const error = await readTraffic(file, sink).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrafficFormatError);
    expect(ports(sink.packets)).toEqual(Array.from({ length: badAt }, (_, i) => i));
  });

  it("is skipped and counted under --lenient, the frames around it kept", async () => {
    const badAt = PACKET_BATCH_SIZE + 300;
    const file = dir.file("bad-frame-lenient.pcap", pcap(COUNT, badAt));
    const sink = new BatchCollectingSink();
    const summary = await readTraffic(file, sink, { lenient: true });
    expect(summary).toMatchObject({ records: COUNT - 1, skipped: 1 });
    expect(ports(sink.packets)).toEqual(Array.from({ length: COUNT }, (_, i) => i).filter((i) => i !== badAt));
  });
});
