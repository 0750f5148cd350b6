/**
 * Property: whatever frames, link type, byte order and resolution, writing a capture and reading
 * it back gives the records the frames were built from, however the reader's buffer splits it.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { CAPTURE_DIRECTION_IN, CAPTURE_DIRECTION_UNKNOWN, type PacketRecord } from "../../../simulator/traffic/records";
import {
  buildFrame,
  type FrameSpec,
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
  pcapFile,
  pcapngFile,
} from "../../support/capture-writer";
import { readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const LINK_TYPES = [LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW, LINKTYPE_IPV4];
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const mac48 = fc.integer({ min: 0, max: 2 ** 48 - 1 });

const frameSpec: fc.Arbitrary<FrameSpec> = fc.record({
  srcMac: mac48,
  dstMac: mac48,
  vlanTags: fc.array(fc.constantFrom(0x8100, 0x88a8, 0x9100), { maxLength: 2 }),
  ip: fc.record({
    src: uint32,
    dst: uint32,
    protocol: fc.constantFrom(6, 17, 1, 47),
    srcPort: fc.integer({ min: 0, max: 65535 }),
    dstPort: fc.integer({ min: 0, max: 65535 }),
    optionWords: fc.integer({ min: 0, max: 10 }),
    fragmentOffset: fc.constantFrom(0, 0, 0, 7),
    payloadBytes: fc.integer({ min: 0, max: 300 }),
  }),
});

function expected(spec: FrameSpec, linkType: number, bytes: number, interfaceId: number): Omit<PacketRecord, "timestamp"> {
  const ip = spec.ip!;
  const ports = (ip.protocol === 6 || ip.protocol === 17) && ip.fragmentOffset === 0;
  return {
    srcMac: linkType === LINKTYPE_ETHERNET ? spec.srcMac : -1,
    dstMac: linkType === LINKTYPE_ETHERNET ? spec.dstMac : -1,
    srcIp: ip.src,
    dstIp: ip.dst,
    protocol: ip.protocol,
    srcPort: ports ? ip.srcPort! : 0,
    dstPort: ports ? ip.dstPort! : 0,
    bytes,
    interfaceId,
    // The writer's payloads are zeros: never an HTTP request to the metadata service.
    metadataRequest: -1,
    // Cooked captures say which way the frame went (the writer's default packet type: to us).
    captureDirection: linkType === LINKTYPE_LINUX_SLL || linkType === LINKTYPE_LINUX_SLL2 ? CAPTURE_DIRECTION_IN : CAPTURE_DIRECTION_UNKNOWN,
  };
}

const withoutTimestamp = ({ timestamp: _timestamp, ...rest }: PacketRecord): Omit<PacketRecord, "timestamp"> => rest;

describe("capture round trips", () => {
  it("pcap: write then read gives the same records and timestamps", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(frameSpec, fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 999_999 })), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...LINK_TYPES),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 24, max: 512 }),
        async (frames, linkType, littleEndian, nanos, chunk) => {
          const packets = frames.map(([spec, seconds, fraction]) => ({ seconds, fraction, data: buildFrame(spec, linkType) }));
          const file = dir.file(`p${run++}.pcap`, pcapFile(packets, { littleEndian, nanos, linkType }));
          const { sink, counters } = await readWithChunk(file, "pcap", chunk);
          expect(counters).toMatchObject({ skipped: 0, ignored: 0 });
          expect(sink.packets.map(withoutTimestamp)).toEqual(frames.map(([spec], i) => expected(spec, linkType, packets[i]!.data.length, 0)));
          sink.packets.forEach((record, i) => {
            const [, seconds, fraction] = frames[i]!;
            expect(Math.abs(record.timestamp! - (seconds + fraction / (nanos ? 1e9 : 1e6)))).toBeLessThan(1e-6);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("pcapng: several sections and interfaces read back to the same records", async () => {
    let run = 0;
    const section = fc.record({
      littleEndian: fc.boolean(),
      links: fc.array(fc.constantFrom(...LINK_TYPES), { minLength: 1, maxLength: 3 }),
      packets: fc.array(fc.tuple(frameSpec, fc.nat(), fc.constantFrom("epb", "pb", "spb")), { maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(section, { minLength: 1, maxLength: 3 }), fc.integer({ min: 32, max: 600 }), async (sections, chunk) => {
        const want: Omit<PacketRecord, "timestamp">[] = [];
        const file = dir.file(
          `n${run++}.pcapng`,
          pcapngFile(
            sections.map((s) => ({
              littleEndian: s.littleEndian,
              interfaces: s.links.map((linkType) => ({ linkType })),
              blocks: s.packets.map(([spec, pick, kind]) => {
                const interfaceId = kind === "spb" ? 0 : pick % s.links.length;
                const linkType = s.links[interfaceId]!;
                const data = buildFrame(spec, linkType);
                want.push(expected(spec, linkType, data.length, interfaceId));
                return kind === "spb" ? { kind, data } : { kind, interfaceId, timestamp: BigInt(pick), data };
              }),
            })),
          ),
        );
        const { sink, counters } = await readWithChunk(file, "pcapng", chunk);
        expect(counters).toMatchObject({ skipped: 0, ignored: 0 });
        expect(sink.packets.map(withoutTimestamp)).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});
