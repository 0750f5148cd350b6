import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { decodeEthernetIpv4, decodeFrame, FRAME_DECODED, FRAME_NEEDS_FULL_DECODE, LINK_ETHERNET } from "../../../simulator/traffic/frame-decoder";
import { FRAME_INTS } from "../../../simulator/traffic/packet-batch";
import { buildFrame, LINKTYPE_ETHERNET } from "../../support/capture-writer";

const mac = fc.integer({ min: 0, max: 2 ** 48 - 1 });
const address = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 ** 32 - 1 }), weight: 6 }, { arbitrary: fc.constant(0x646464c8), weight: 1 });
const frameSpec = fc.record({
  srcMac: mac,
  dstMac: mac,
  // Weighted towards the common frame, so both paths are well exercised.
  vlanTags: fc.oneof({ arbitrary: fc.constant([]), weight: 6 }, { arbitrary: fc.constant([0x8100]), weight: 1 }, { arbitrary: fc.constant([0x88a8, 0x8100]), weight: 1 }),
  etherType: fc.oneof({ arbitrary: fc.constant(0x0800), weight: 8 }, { arbitrary: fc.constantFrom(0x86dd, 0x0806), weight: 1 }),
  ip: fc.record({
    src: address,
    dst: address,
    protocol: fc.constantFrom(6, 17, 132, 1, 47, 50),
    srcPort: fc.integer({ min: 0, max: 65535 }),
    dstPort: fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.constant(80)),
    optionWords: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 1 }),
    fragmentOffset: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 1 }),
    payloadBytes: fc.integer({ min: 0, max: 40 }),
  }),
});

/** The fields decodeFrame fills for `frame`, and its code. */
function full(frame: Buffer): { code: number; fields: number[] } {
  const f = new Int32Array(FRAME_INTS);
  const code = decodeFrame(frame, new DataView(frame.buffer, frame.byteOffset, frame.byteLength), 0, frame.length, LINK_ETHERNET, f, 0);
  return { code, fields: [...f] };
}

describe("decodeEthernetIpv4, the readers' inlined common case", () => {
  it("decodes exactly what decodeFrame decodes, or hands the frame to it", () => {
    let taken = 0;
    fc.assert(
      fc.property(frameSpec, fc.integer({ min: 0, max: 80 }), (spec, cut) => {
        const whole = buildFrame(spec, LINKTYPE_ETHERNET);
        // Snaplen cuts too: a frame shorter than its headers must go to the full decoder.
        const frame = cut < whole.length && cut % 5 === 0 ? whole.subarray(0, cut) : whole;
        const f = new Int32Array(FRAME_INTS).fill(0x5a5a);
        const code = decodeEthernetIpv4(new DataView(frame.buffer, frame.byteOffset, frame.byteLength), 0, frame.length, f, 0);
        if (code === FRAME_NEEDS_FULL_DECODE) return;
        taken++;
        expect(code).toBe(FRAME_DECODED);
        const reference = full(frame);
        expect(reference.code).toBe(FRAME_DECODED);
        // Every field the reader does not fill itself (the interface id, index 9) is the same.
        const mine = [...f].map((v, i) => (i === 9 ? 0 : v));
        expect(mine).toEqual(reference.fields.map((v, i) => (i === 9 ? 0 : v)));
      }),
      { numRuns: 500 },
    );
    // The generator makes plenty of common frames: the comparison above did run.
    expect(taken).toBeGreaterThan(100);
  });

  it("leaves tagged, optioned, fragmented, short and metadata-bound frames to decodeFrame", () => {
    const base = { srcMac: 1, dstMac: 2, ip: { src: 0x0a000001, dst: 0x0a000002, protocol: 6, srcPort: 1, dstPort: 2 } };
    const cases = [
      buildFrame({ ...base, vlanTags: [0x8100] }, LINKTYPE_ETHERNET),
      buildFrame({ ...base, ip: { ...base.ip, optionWords: 1 } }, LINKTYPE_ETHERNET),
      buildFrame({ ...base, ip: { ...base.ip, fragmentOffset: 8 } }, LINKTYPE_ETHERNET),
      buildFrame({ ...base, ip: { ...base.ip, dst: 0x646464c8, dstPort: 80 } }, LINKTYPE_ETHERNET),
      buildFrame(base, LINKTYPE_ETHERNET).subarray(0, 37),
    ];
    for (const frame of cases) {
      expect(decodeEthernetIpv4(new DataView(frame.buffer, frame.byteOffset, frame.byteLength), 0, frame.length, new Int32Array(FRAME_INTS), 0)).toBe(FRAME_NEEDS_FULL_DECODE);
    }
    const plain = buildFrame(base, LINKTYPE_ETHERNET);
    expect(decodeEthernetIpv4(new DataView(plain.buffer, plain.byteOffset, plain.byteLength), 0, plain.length, new Int32Array(FRAME_INTS), 0)).toBe(FRAME_DECODED);
  });
});
