import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LpmTable } from "../../../../simulator/model/lpm";
import { prefixMask } from "../../../../simulator/model/ipv4";

interface Prefix {
  network: number;
  length: number;
  id: number;
}

/** The obvious matcher: every prefix that contains the address, longest wins, first inserted on ties. */
function bruteForce(prefixes: readonly Prefix[], ip: number): number | undefined {
  let best: Prefix | undefined;
  for (const p of prefixes) {
    const contains = ((ip & prefixMask(p.length)) >>> 0) === ((p.network & prefixMask(p.length)) >>> 0);
    if (contains && (!best || p.length > best.length)) best = p;
  }
  return best?.id;
}

const uint32 = fc.integer({ min: 0, max: 0xffffffff });
// Few distinct networks and lengths so prefixes overlap and nest, as route tables do.
const prefixArb = fc.record({
  network: fc.oneof(uint32, fc.constantFrom(0x0a000000, 0x0a000100, 0x0a0001ff, 0xc0a80000)),
  length: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(0, 8, 16, 24, 32)),
});

describe("LpmTable", () => {
  it("agrees with a brute-force matcher", () => {
    fc.assert(
      fc.property(fc.array(prefixArb, { maxLength: 40 }), fc.array(fc.oneof(uint32, fc.constantFrom(0x0a000105, 0x0a0001ff, 0xc0a80001)), { minLength: 1, maxLength: 30 }), (raw, ips) => {
        const prefixes = raw.map((p, id) => ({ ...p, id }));
        const lpm = new LpmTable<number>();
        for (const p of prefixes) lpm.insert(p.network, p.length, p.id);
        for (const ip of ips) expect(lpm.lookup(ip)).toBe(bruteForce(prefixes, ip));
      }),
      { numRuns: 300 },
    );
  });

  it("prefers the longest prefix and reports its length", () => {
    const lpm = new LpmTable<string>();
    lpm.insert(0, 0, "default");
    lpm.insert(0x0a000000, 8, "ten");
    lpm.insert(0x0a000100, 24, "private");
    expect(lpm.lookupWithLength(0x0a000105)).toEqual({ value: "private", prefixLength: 24 });
    expect(lpm.lookup(0x0a020304)).toBe("ten");
    expect(lpm.lookup(0x08080808)).toBe("default");
    expect(lpm.size).toBe(3);
  });

  it("keeps the first entry for a duplicate prefix unless asked to replace", () => {
    const lpm = new LpmTable<string>();
    lpm.insert(0x0a000100, 24, "system");
    lpm.insert(0x0a0001aa, 24, "custom");
    expect(lpm.lookup(0x0a000101)).toBe("system");
    lpm.insert(0x0a000100, 24, "custom", true);
    expect(lpm.lookup(0x0a000101)).toBe("custom");
  });

  it("misses when nothing matches", () => {
    const lpm = new LpmTable<string>();
    expect(lpm.lookup(1)).toBeUndefined();
    lpm.insert(0x0a000000, 8, "ten");
    expect(lpm.lookup(0x0b000000)).toBeUndefined();
  });
});
