/**
 * A file read through one reused buffer: the readers consume whole records from `buf[start, end)`
 * in a synchronous loop and call `refill()` when the next record does not fit. Memory stays at the
 * buffer's size whatever the file size, and a record that spans two reads is simply moved to the
 * front of the buffer before the next read completes it.
 */
import type { FileHandle } from "node:fs/promises";

import type { ReadTrafficOptions } from "./records";

/** Large enough that the per-read cost (a libuv round trip) is amortised over thousands of packets. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;
/** Progress callbacks are throttled to this interval: the caller redraws a bar, not a log. */
const PROGRESS_INTERVAL_MS = 200;

export class FileChunkSource {
  buf: Buffer;
  /** First unconsumed byte in `buf`. */
  start = 0;
  /** One past the last valid byte in `buf`. */
  end = 0;
  /** File offset of `buf[0]`: `base + i` is the byte offset of `buf[i]` for error messages. */
  base = 0;
  /** True once a read returned no bytes. */
  eof = false;
  private position = 0;
  private lastProgress = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    readonly size: number,
    private readonly onProgress: ReadTrafficOptions["onProgress"],
    chunkBytes: number = DEFAULT_CHUNK_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  get available(): number {
    return this.end - this.start;
  }

  /** File offset of the first unconsumed byte. */
  get offset(): number {
    return this.base + this.start;
  }

  /**
   * Makes room for at least `need` contiguous bytes (growing the buffer if a single record is
   * larger than it; callers bound `need` so a corrupt length cannot exhaust memory), moves the
   * unconsumed tail to the front and reads until the buffer is full or the file ends.
   * Returns the number of bytes read.
   */
  async refill(need: number = 0): Promise<number> {
    const pending = this.end - this.start;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(grown, 0, this.start, this.end);
      this.buf = grown;
    } else if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
    }
    this.base += this.start;
    this.start = 0;
    this.end = pending;
    let total = 0;
    while (this.end < this.buf.length) {
      const { bytesRead } = await this.handle.read(this.buf, this.end, this.buf.length - this.end, this.position);
      if (bytesRead === 0) {
        this.eof = true;
        break;
      }
      this.position += bytesRead;
      this.end += bytesRead;
      total += bytesRead;
    }
    this.reportProgress(false);
    return total;
  }

  /** Reports progress now (at the end of a read) or when the throttle interval has passed. */
  reportProgress(final: boolean): void {
    if (this.onProgress === undefined) return;
    const now = Date.now();
    if (!final && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    this.onProgress(this.position, this.size);
  }
}
