import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NonceCache } from "../../../../emulator/http/nonce-cache";

/** The cache as first written (walks its entries on every call): what the shortcut must equal. */
class WalkingNonceCache {
  private readonly entries = new Map<string, number>();
  constructor(private readonly windowMs: number, private readonly maxEntries: number) {}
  remember(nonce: string, requestTimeMs: number, nowMs: number): boolean {
    for (const [key, expiresAt] of this.entries) {
      if (expiresAt > nowMs) break;
      this.entries.delete(key);
    }
    if (this.entries.has(nonce)) return false;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(nonce, Math.max(requestTimeMs, nowMs) + this.windowMs);
    return true;
  }
  get size(): number {
    return this.entries.size;
  }
}

describe("NonceCache (sweep skipped until the oldest entry expires)", () => {
  it("accepts, refuses and forgets exactly as walking the entries on every call does", () => {
    const step = fc.record({ nonce: fc.constantFrom("a", "b", "c", "d", "e"), skew: fc.integer({ min: -40, max: 40 }), advance: fc.integer({ min: 0, max: 30 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 80 }), (maxEntries, steps) => {
        const cache = new NonceCache(50, maxEntries);
        const reference = new WalkingNonceCache(50, maxEntries);
        let now = 1000;
        for (const { nonce, skew, advance } of steps) {
          now += advance;
          expect(cache.remember(nonce, now + skew, now)).toBe(reference.remember(nonce, now + skew, now));
          expect(cache.size).toBe(reference.size);
        }
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });
});
