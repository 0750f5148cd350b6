import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "../../../../emulator/actions/render";

describe("isoTime", () => {
  it("renders ECS times to the second, the same on a cache hit as on a miss", () => {
    expect(isoTime(1_700_000_000_123)).toBe("2023-11-14T22:13:20Z");
    expect(isoTime(0)).toBe("1970-01-01T00:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        const expected = new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
        expect(isoTime(ms)).toBe(expected);
        expect(isoTime(ms)).toBe(expected);
      }),
      { numRuns: 2000, seed: 20261122 },
    );
  });
});
