/**
 * Property: however a reader consumes records and however small the chunks, the source hands
 * out the file's bytes in order, with `base + i` the file offset of `buf[i]`, and ends with eof.
 */
import { open } from "node:fs/promises";

import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { FileChunkSource } from "../../../simulator/traffic/file-chunk-source";
import { tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

describe("FileChunkSource", () => {
  it("delivers every byte in order at the right offset whatever the chunk and record sizes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 20 }),
        async (size, chunk, records) => {
          const content = Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + (i >> 8)) & 255));
          const file = dir.file(`chunks-${run++}.bin`, content);
          const handle = await open(file, "r");
          const progress: number[] = [];
          const source = new FileChunkSource(handle, file, size, (read) => progress.push(read), chunk);
          try {
            let consumed = 0;
            let turn = 0;
            // Like a reader: take whole "records" while they fit, refill when the next does not.
            for (let guard = 0; guard < 10_000; guard++) {
              const record = records[turn % records.length]!;
              if (source.available >= record) {
                expect(source.offset).toBe(consumed);
                expect(source.buf.subarray(source.start, source.start + record)).toEqual(content.subarray(consumed, consumed + record));
                expect(source.buf[source.start]).toBe(content[source.base + source.start]);
                source.start += record;
                consumed += record;
                turn++;
                continue;
              }
              if (source.eof) break;
              await source.refill(record);
            }
            expect(source.eof).toBe(true);
            expect(consumed + source.available).toBe(size);
            expect(source.buf.subarray(source.start, source.end)).toEqual(content.subarray(consumed));
            expect(progress.at(-1)).toBe(size);
          } finally {
            await source.settle();
            await handle.close();
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
