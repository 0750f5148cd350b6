/**
 * A file read through reused buffers: the readers consume whole records from `buf[start, end)` in
 * a synchronous loop and call `refill()` when the next record does not fit. Memory stays at the
 * buffers' size whatever the file size, and a record that spans two reads is moved to the front
 * of the buffer before the next chunk is appended behind it.
 *
 * The next chunk is always being read (into `spare`) while the reader decodes the current one:
 * an async read costs a thread-pool round trip, and on a busy machine waiting for each one in
 * turn costs more than the decoding. Appending a finished chunk is one memcpy.
 */
import type { FileHandle } from "node:fs/promises";

import type { ReadTrafficOptions } from "./records";

/** Large enough that the per-read cost is amortised over thousands of packets. */
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
  /** True once a read returned no bytes: `buf[start, end)` is all that is left. */
  eof = false;
  private readonly spare: Buffer;
  /** File position of the next read. */
  private position = 0;
  /** Bytes appended to `buf` so far (what progress reports). */
  private delivered = 0;
  private inflight: Promise<number> | undefined;
  private lastProgress = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    readonly size: number,
    private readonly onProgress: ReadTrafficOptions["onProgress"],
    chunkBytes: number = DEFAULT_CHUNK_BYTES,
  ) {
    this.spare = Buffer.allocUnsafe(chunkBytes);
    this.buf = Buffer.allocUnsafe(2 * chunkBytes);
  }

  get available(): number {
    return this.end - this.start;
  }

  /** File offset of the first unconsumed byte. */
  get offset(): number {
    return this.base + this.start;
  }

  /**
   * Moves the unconsumed tail to the front and appends the next chunk (waiting for it if its read
   * has not finished), growing the buffer when the tail plus the chunk, or `need` bytes, do not
   * fit; callers bound `need` so a corrupt length cannot exhaust memory. Returns the bytes added
   * (0 at end of file, which also sets `eof`).
   */
  async refill(need: number = 0): Promise<number> {
    const pending = this.end - this.start;
    if (this.eof) return 0;
    const bytes = await (this.inflight ?? this.readAhead());
    this.inflight = undefined;
    const required = Math.max(need, pending + bytes);
    if (required > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(required, this.buf.length * 2));
      this.buf.copy(grown, 0, this.start, this.end);
      this.buf = grown;
    } else if (this.start > 0 && pending > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
    }
    this.base += this.start;
    this.start = 0;
    this.end = pending;
    if (bytes === 0) {
      this.eof = true;
      this.reportProgress(true);
      return 0;
    }
    this.spare.copy(this.buf, pending, 0, bytes);
    this.end = pending + bytes;
    this.delivered += bytes;
    // Start reading the next chunk now, so it is (nearly) ready when the reader asks for it.
    this.inflight = this.readAhead();
    this.reportProgress(false);
    return bytes;
  }

  private readAhead(): Promise<number> {
    const read = this.handle.read(this.spare, 0, this.spare.length, this.position).then(({ bytesRead }) => {
      this.position += bytesRead;
      return bytesRead;
    });
    // A reader that stops early (a format error) never awaits its last read-ahead; its failure
    // must not surface as an unhandled rejection. Awaiting `read` still sees the error.
    read.catch(() => undefined);
    return read;
  }

  /** Waits for a read still in flight, so the file can be closed safely. */
  async settle(): Promise<void> {
    await this.inflight?.catch(() => undefined);
    this.inflight = undefined;
  }

  /** Reports progress now (at the end of a read) or when the throttle interval has passed. */
  reportProgress(final: boolean): void {
    if (this.onProgress === undefined) return;
    const now = Date.now();
    if (!final && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    this.onProgress(this.delivered, this.size);
  }
}
