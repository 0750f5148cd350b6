import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ConversationTable } from "../../../../simulator/model/conversation-table";

describe("ConversationTable", () => {
  it("sums like a Map keyed by (slot, src, dst), through growth", () => {
    const entry = fc.record({
      slot: fc.integer({ min: 0, max: 7 }),
      src: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 5 })),
      dst: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 5 })),
      bytes: fc.integer({ min: 0, max: 9000 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 3000 }), (entries) => {
        const table = new ConversationTable();
        const reference = new Map<string, { packets: number; bytes: number }>();
        for (const e of entries) {
          table.add(e.slot, e.src, e.dst, 1, e.bytes);
          const key = `${e.slot}/${e.src}/${e.dst}`;
          const r = reference.get(key) ?? { packets: 0, bytes: 0 };
          r.packets++;
          r.bytes += e.bytes;
          reference.set(key, r);
        }
        const got = new Map([...table.entries()].map((c) => [`${c.slot}/${c.src}/${c.dst}`, { packets: c.packets, bytes: c.bytes }]));
        expect(got).toEqual(reference);
        expect(table.size).toBe(reference.size);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps every conversation through several growths", () => {
    const table = new ConversationTable();
    for (let round = 0; round < 2; round++) for (let i = 0; i < 5000; i++) table.add(i % 3, i * 7919, 0xffffffff - i, 1, i);
    expect(table.size).toBe(5000);
    const all = [...table.entries()];
    expect(all.every((c) => c.packets === 2 && c.bytes === 2 * ((0xffffffff - c.dst) >>> 0))).toBe(true);
  });

  it("folds conversations past its cap into an overflow bucket per slot", () => {
    const table = new ConversationTable(4);
    for (let i = 0; i < 10; i++) table.add(3, i, 1000, 2, 100);
    table.add(3, 0, 1000, 1, 50);
    expect(table.size).toBe(4);
    expect(table.overflow.get(3)).toEqual({ packets: 12, bytes: 600, records: 6 });
    const first = [...table.entries()].find((c) => c.src === 0)!;
    expect(first.packets).toBe(3);
  });

  it("property: past its cap, matches a reference that keeps the first conversations and folds the rest per slot", () => {
    const entry = fc.record({
      slot: fc.integer({ min: 0, max: 3 }),
      src: fc.integer({ min: 0, max: 40 }),
      dst: fc.constantFrom(7, 0xffffffff),
      packets: fc.integer({ min: 1, max: 5 }),
      bytes: fc.integer({ min: 0, max: 9000 }),
      // Reading mid-stream must see every add so far (adds are applied in batches).
      peek: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(entry, { maxLength: 2500 }), (cap, entries) => {
        const table = new ConversationTable(cap);
        const kept = new Map<string, { packets: number; bytes: number }>();
        const folded = new Map<number, { packets: number; bytes: number; records: number }>();
        for (const e of entries) {
          table.add(e.slot, e.src, e.dst, e.packets, e.bytes);
          const key = `${e.slot}/${e.src}/${e.dst}`;
          const k = kept.get(key);
          if (k !== undefined) {
            k.packets += e.packets;
            k.bytes += e.bytes;
          } else if (kept.size < cap) {
            kept.set(key, { packets: e.packets, bytes: e.bytes });
          } else {
            const o = folded.get(e.slot) ?? { packets: 0, bytes: 0, records: 0 };
            o.packets += e.packets;
            o.bytes += e.bytes;
            o.records += 1;
            folded.set(e.slot, o);
          }
          if (e.peek) expect(table.size).toBe(kept.size);
        }
        const got = new Map([...table.entries()].map((c) => [`${c.slot}/${c.src}/${c.dst}`, { packets: c.packets, bytes: c.bytes }]));
        expect(got).toEqual(kept);
        expect(new Map(table.overflow)).toEqual(folded);
      }),
      { numRuns: 60 },
    );
  });
});
