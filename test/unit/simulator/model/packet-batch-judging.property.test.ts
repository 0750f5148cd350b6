/**
 * The batch path (`packetBatch`, what the capture readers call) against a reference judge written
 * here from DESIGN.md's rule, record by record with Maps: a frame is judged at the ENI whose MAC
 * sent it (egress: its source must be the ENI's) and, unless dropped there, at the ENI whose MAC
 * receives it (ingress: its destination must be the ENI's); a MAC-less frame at the capturing ENI.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { buildCheckReport } from "../../../../simulator/model/evaluate";
import { parseIpv4, parseMac } from "../../../../simulator/model/ipv4";
import { ObservedTraffic } from "../../../../simulator/model/observed-traffic";
import { indexTopology } from "../../../../simulator/model/topology-index";
import { PACKET_BATCH_SIZE, PacketBatch } from "../../../../simulator/traffic/packet-batch";
import { CAPTURE_DIRECTION_IN, CAPTURE_DIRECTION_OUT, CAPTURE_DIRECTION_UNKNOWN, type PacketRecord } from "../../../../simulator/traffic/records";
import { eni, GATEWAY_MAC, natTopology } from "./fixtures";

// eni-nat (check off), eni-app (on), eni-multi (on, two addresses); one MAC shares eni-nat's low bits.
const base = natTopology(false);
const topology = {
  ...base,
  networkInterfaces: [...base.networkInterfaces, eni("eni-multi", "vsw-private", "i-app", "10.0.1.7", "00:17:3e:00:00:01", true, { secondaryIps: ["10.0.1.8"] })],
};
const ENIS = [
  { id: "eni-nat", mac: parseMac("00:16:3e:00:00:01", "m"), ips: ["10.0.0.10"], check: false },
  { id: "eni-app", mac: parseMac("00:16:3e:00:00:02", "m"), ips: ["10.0.1.5"], check: true },
  { id: "eni-multi", mac: parseMac("00:17:3e:00:00:01", "m"), ips: ["10.0.1.7", "10.0.1.8"], check: true },
].map((e) => ({ ...e, ips: e.ips.map((a) => parseIpv4(a, "ip")) }));
const MACS = [...ENIS.map((e) => e.mac), GATEWAY_MAC, parseMac("00:16:3e:99:99:99", "m"), -1];
// Own addresses, foreign ones, and one above 2^31 (a uint32 that is not an int32).
const ADDRESSES = [...ENIS.flatMap((e) => e.ips), parseIpv4("93.184.216.34", "ip"), parseIpv4("203.0.113.9", "ip"), parseIpv4("100.100.100.200", "ip")];

const frame = fc.record({
  src: fc.constantFrom(...MACS),
  dst: fc.constantFrom(...MACS),
  srcIp: fc.constantFrom(...ADDRESSES),
  dstIp: fc.constantFrom(...ADDRESSES),
  bytes: fc.integer({ min: 40, max: 9000 }),
  direction: fc.constantFrom(CAPTURE_DIRECTION_UNKNOWN, CAPTURE_DIRECTION_IN, CAPTURE_DIRECTION_OUT),
});
type Frame = typeof frame extends fc.Arbitrary<infer T> ? T : never;

function record(f: Frame): PacketRecord {
  const macLess = f.src < 0 || f.dst < 0;
  return {
    srcMac: macLess ? -1 : f.src,
    dstMac: macLess ? -1 : f.dst,
    srcIp: f.srcIp,
    dstIp: f.dstIp,
    protocol: 6,
    srcPort: 40000,
    dstPort: 443,
    bytes: f.bytes,
    interfaceId: 0,
    captureDirection: macLess ? f.direction : CAPTURE_DIRECTION_UNKNOWN,
  };
}

interface Expected {
  dropped: number;
  droppedBytes: number;
  unattributed: number;
  conversations: Map<string, { packets: number; bytes: number }>;
}

/** DESIGN.md's rule, one frame at a time; `captureEni` is the ENI MAC-less frames were taken on. */
function referenceJudge(frames: readonly PacketRecord[], captureEni: string | undefined): Expected {
  const out: Expected = { dropped: 0, droppedBytes: 0, unattributed: 0, conversations: new Map() };
  const byMac = new Map(ENIS.map((e) => [e.mac, e]));
  const capturing = ENIS.find((e) => e.id === captureEni);
  const note = (id: string, direction: string, r: PacketRecord): void => {
    const key = `${id} ${direction} ${r.srcIp} ${r.dstIp}`;
    const c = out.conversations.get(key) ?? { packets: 0, bytes: 0 };
    c.packets++;
    c.bytes += r.bytes;
    out.conversations.set(key, c);
  };
  for (const r of frames) {
    let sender = r.srcMac < 0 ? undefined : byMac.get(r.srcMac);
    let receiver = r.dstMac < 0 ? undefined : byMac.get(r.dstMac);
    if (r.srcMac < 0 && capturing) {
      const left = r.captureDirection === CAPTURE_DIRECTION_UNKNOWN ? capturing.ips.includes(r.srcIp) : r.captureDirection === CAPTURE_DIRECTION_OUT;
      if (left) sender = capturing;
      else receiver = capturing;
    }
    if (!sender && !receiver) {
      out.unattributed++;
      continue;
    }
    let dropped = false;
    if (sender && !sender.ips.includes(r.srcIp)) {
      note(sender.id, "egress", r);
      dropped = sender.check;
    }
    if (!dropped && receiver && !receiver.ips.includes(r.dstIp)) {
      note(receiver.id, "ingress", r);
      dropped = receiver.check;
    }
    if (dropped) {
      out.dropped++;
      out.droppedBytes += r.bytes;
    }
  }
  return out;
}

/** Feeds the frames as the readers do: full batches, then the rest. */
function judgeInBatches(sink: ObservedTraffic, frames: readonly PacketRecord[], batchSize: number): void {
  const batch = new PacketBatch();
  for (const r of frames) {
    batch.setRecord(batch.length, r);
    batch.length++;
    if (batch.length === batchSize) {
      sink.packetBatch(batch);
      batch.length = 0;
    }
  }
  if (batch.length > 0) sink.packetBatch(batch);
}

describe("ObservedTraffic.packetBatch", () => {
  it.each([
    ["without a capturing ENI", undefined],
    ["with MAC-less frames taken on eni-multi", "eni-multi"],
  ])("property: judges every frame as the reference rule does, %s", (_name, captureEni) => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 2600 }), fc.constantFrom(1, 7, PACKET_BATCH_SIZE), (generated, batchSize) => {
        const frames = generated.map(record);
        const index = indexTopology(topology);
        const sink = new ObservedTraffic(index, captureEni === undefined ? {} : { captureEni });
        judgeInBatches(sink, frames, batchSize);
        const expected = referenceJudge(frames, captureEni);
        expect(sink.totals).toMatchObject({ records: frames.length, packets: frames.length, droppedPackets: expected.dropped, droppedBytes: expected.droppedBytes, unattributed: expected.unattributed });
        expect(sink.totals.bytes).toBe(frames.reduce((sum, r) => sum + r.bytes, 0));
        const got = new Map(
          [...sink.conversations.entries()].map((c) => [`${index.enis[c.slot >> 1]!.eni.id} ${(c.slot & 1) === 1 ? "egress" : "ingress"} ${c.src} ${c.dst}`, { packets: c.packets, bytes: c.bytes }]),
        );
        expect(got).toEqual(expected.conversations);
      }),
      { numRuns: 40 },
    );
  });

  it("gives the same report whether frames come one by one or in batches", () => {
    const frames = fc.sample(frame, { numRuns: 3000, seed: 7 }).map(record);
    const one = new ObservedTraffic(indexTopology(topology));
    for (const r of frames) one.packet(r);
    const many = new ObservedTraffic(indexTopology(topology));
    judgeInBatches(many, frames, PACKET_BATCH_SIZE);
    expect(buildCheckReport(indexTopology(topology), many)).toEqual(buildCheckReport(indexTopology(topology), one));
    expect(many.totals.droppedRecords).toBeGreaterThan(0);
  });
});

describe("PacketBatch", () => {
  it("property: a record written into a frame reads back unchanged (48-bit MACs, uint32 addresses)", () => {
    const mac = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 2 ** 48 - 1 }));
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(mac, mac, u32, u32, fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 65535 }), fc.double({ min: 0, max: 2e9, noNaN: true }), (srcMac, dstMac, srcIp, dstIp, protocol, port, timestamp) => {
        const batch = new PacketBatch();
        const r: PacketRecord = { srcMac, dstMac, srcIp, dstIp, protocol, srcPort: port, dstPort: 65535 - port, bytes: 1514, interfaceId: 3, timestamp, metadataRequest: 2, captureDirection: CAPTURE_DIRECTION_IN };
        batch.setRecord(PACKET_BATCH_SIZE - 1, r);
        expect(batch.recordAt(PACKET_BATCH_SIZE - 1)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
