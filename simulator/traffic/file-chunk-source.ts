/**
 * A file read through reused buffers: the readers consume whole records from `buf[start, end)` in
 * a synchronous loop and call `refill()` when the next record does not fit. Memory stays at the
 * buffers' size whatever the file size, and a record that spans two reads is moved to the front
 * of the buffer before the next chunk is appended behind it.
 *
 * The next chunk is always being read while the reader decodes the current one: an async read
 * costs a thread-pool round trip, and on a busy machine waiting for each one in turn costs more
 * than the decoding.
 */
import type { FileHandle } from "node:fs/promises";

import type { ReadTrafficOptions } from "./records";

/** Large enough that the per-read cost is amortised over thousands of packets. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;
/** Progress callbacks are throttled to this interval: the caller redraws a bar, not a log. */
const PROGRESS_INTERVAL_MS = 200;

export class FileChunkSource {
  buf: Buffer;
  /**
   * `buf` as a DataView, kept in step with it: binary readers read 16- and 32-bit fields through
   * it, one load each in optimized code, where byte-by-byte arithmetic on the Buffer costs four
   * bounds-checked loads and the shifts.
   */
  view: DataView;
  /** First unconsumed byte in `buf`. */
  start = 0;
  /** One past the last valid byte in `buf`. */
  end = 0;
  /** File offset of `buf[0]`: `base + i` is the byte offset of `buf[i]` for error messages. */
  base = 0;
  /** True once a read returned no bytes: `buf[start, end)` is all that is left. */
  eof = false;
  /**
   * Two buffers take turns: one is decoded while the next chunk is read into the other, behind
   * `headroom` bytes kept free so the unconsumed tail of the first (a record cut by the chunk
   * boundary) can be put in front of it. Only that tail is copied, never the chunk.
   */
  private readonly pool: readonly [Buffer, Buffer];
  private readonly poolViews: readonly [DataView, DataView];
  private readonly headroom: number;
  /** The buffer the read in flight writes into (at `headroom`). */
  private target: Buffer;
  /** File position of the next read. */
  private position = 0;
  /** Bytes handed to the reader so far (what progress reports). */
  private delivered = 0;
  private inflight: Promise<number> | undefined;
  private lastProgress = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    readonly size: number,
    private readonly onProgress: ReadTrafficOptions["onProgress"],
    private readonly chunkBytes: number = DEFAULT_CHUNK_BYTES,
  ) {
    this.headroom = chunkBytes;
    this.pool = [Buffer.allocUnsafe(this.headroom + chunkBytes), Buffer.allocUnsafe(this.headroom + chunkBytes)];
    this.poolViews = [viewOf(this.pool[0]), viewOf(this.pool[1])];
    this.buf = this.pool[0];
    this.view = this.poolViews[0];
    this.target = this.pool[1];
  }

  get available(): number {
    return this.end - this.start;
  }

  /** File offset of the first unconsumed byte. */
  get offset(): number {
    return this.base + this.start;
  }

  /**
   * Appends the next chunk behind the unconsumed bytes (waiting for its read if it has not
   * finished) and starts reading the one after. `need` is the contiguous room the caller's next
   * record needs; callers bound it so a corrupt length cannot exhaust memory. Returns the bytes
   * added (0 at end of file, which also sets `eof`).
   */
  async refill(need: number = 0): Promise<number> {
    if (this.eof) return 0;
    if (this.inflight === undefined) this.inflight = this.readAhead(this.spareFor(this.buf));
    const bytes = await this.inflight;
    this.inflight = undefined;
    if (bytes === 0) {
      this.eof = true;
      this.reportProgress(true);
      return 0;
    }
    const pending = this.end - this.start;
    const firstUnconsumed = this.base + this.start;
    const chunk = this.target;
    if (pending <= this.headroom && need <= pending + bytes) {
      // The usual case: put the tail in front of the new chunk and switch buffers.
      this.buf.copy(chunk, this.headroom - pending, this.start, this.end);
      this.buf = chunk;
      this.view = chunk === this.pool[0] ? this.poolViews[0] : this.poolViews[1];
      this.start = this.headroom - pending;
      this.end = this.headroom + bytes;
    } else {
      // A record longer than the headroom (or a caller that needs more room): one buffer for it.
      const merged = Buffer.allocUnsafe(Math.max(need, pending + bytes));
      this.buf.copy(merged, 0, this.start, this.end);
      chunk.copy(merged, pending, this.headroom, this.headroom + bytes);
      this.buf = merged;
      this.view = viewOf(merged);
      this.start = 0;
      this.end = pending + bytes;
    }
    this.base = firstUnconsumed - this.start;
    this.delivered += bytes;
    // Start reading the next chunk now, so it is (nearly) ready when the reader asks for it.
    this.inflight = this.readAhead(this.spareFor(this.buf));
    this.reportProgress(false);
    return bytes;
  }

  /** The pool buffer not being decoded (either, when `buf` is a one-off merged buffer). */
  private spareFor(current: Buffer): Buffer {
    return current === this.pool[0] ? this.pool[1] : this.pool[0];
  }

  private readAhead(into: Buffer): Promise<number> {
    this.target = into;
    const read = this.handle.read(into, this.headroom, this.chunkBytes, this.position).then(({ bytesRead }) => {
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

function viewOf(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A UTF-8 byte-order mark at the first unconsumed byte (SLS exports from Windows tools have one). */
export function startsWithBom(source: FileChunkSource): boolean {
  const { buf, start } = source;
  return source.available >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf;
}
