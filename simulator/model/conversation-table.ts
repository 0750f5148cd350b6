/**
 * Open-addressing hash table of (eni ordinal + direction, src, dst) → packets, bytes, in typed
 * arrays: the packet path adds to it without allocating. Its size is capped so a capture full of
 * distinct spoofed addresses cannot grow memory without bound; past the cap, new conversations
 * are folded into one overflow bucket per (eni, direction) and counted.
 */

export interface Conversation {
  /** ordinal * 2 + (1 for egress, 0 for ingress). */
  readonly slot: number;
  readonly src: number;
  readonly dst: number;
  readonly packets: number;
  readonly bytes: number;
}

/**
 * 64k cells (2 MB) from the start: a NAT capture of a few hundred clients makes tens of thousands of
 * conversations, and growing to that from a small table re-places every cell six times (~25 ms of
 * a 2M-packet run). Beyond it the table still doubles, up to the cap.
 */
const INITIAL_CAPACITY = 1 << 16;
export const DEFAULT_MAX_CONVERSATIONS = 1 << 19;
/**
 * One cell is 32 bytes: int32 (slot + 1, src, dst, unused) then float64 (packets, bytes). Keys
 * and counts share a cache line, so an add touches one line where separate key and count arrays
 * touched two: with tens of thousands of conversations the table outgrows the L2 cache and that
 * miss is most of what an add costs.
 */
const CELL_BYTES = 32;
const INTS_PER_CELL = CELL_BYTES / 4;
const DOUBLES_PER_CELL = CELL_BYTES / 8;
/** Rows one ConversationRows holds: two per frame of a PacketBatch (egress and ingress judged). */
export const CONVERSATION_ROWS = 2048;

/**
 * Adds waiting to be applied, in columns. Adds are applied in batches: applying one add right
 * after the reader decoded its frame stalls on that add's cache miss (the table outgrows the L2
 * cache, and the streaming file evicts it from L3 too); a batch first reads every cell it will
 * probe in one tight loop whose loads are independent, so the CPU overlaps their misses, then
 * applies the adds in order (to cells now cached), exactly as one-by-one adds would. One pass
 * that did both measured ~6% slower over the whole 2M-packet run (the loop's own work is too
 * long for the core to keep many misses in flight). A caller with many adds at once fills its
 * own rows (column writes, no call per add) and hands them over with `addRows`.
 */
export class ConversationRows {
  length = 0;
  /** slot + 1 (0 marks an empty cell in the table). */
  readonly tag = new Int32Array(CONVERSATION_ROWS);
  /** Addresses as int32 (`| 0`). */
  readonly src = new Int32Array(CONVERSATION_ROWS);
  readonly dst = new Int32Array(CONVERSATION_ROWS);
  readonly packets = new Float64Array(CONVERSATION_ROWS);
  readonly bytes = new Float64Array(CONVERSATION_ROWS);
}

export class ConversationTable {
  private capacity = INITIAL_CAPACITY;
  /**
   * The cells as int32: (slot + 1, src, dst); slot + 1 = 0 marks an empty cell. Addresses are
   * stored as int32 (`| 0`): uint32 values above 2^31 are heap doubles in V8, int32 ones stay
   * small integers, which keeps the probe loop's compares cheap.
   */
  private keys = new Int32Array(INITIAL_CAPACITY * INTS_PER_CELL);
  /** The same cells as float64: packets at cell * 4 + 2, bytes at cell * 4 + 3. */
  private counts = new Float64Array(this.keys.buffer);
  private count = 0;
  /** Each row's hash (before masking), from the first pass of `apply`. */
  private readonly hashes = new Int32Array(CONVERSATION_ROWS);
  /** Sink for the first pass's loads, so the compiler cannot drop them as unused. */
  private touched = 0;
  /** Adds made one at a time with `add`, applied when full or before anything reads the table. */
  private readonly queued = new ConversationRows();
  private readonly overflowBuckets = new Map<number, { packets: number; bytes: number; records: number }>();

  constructor(private readonly maxConversations = DEFAULT_MAX_CONVERSATIONS) {}

  get size(): number {
    this.flush();
    return this.count;
  }

  /** Per-(eni, direction) totals of conversations that did not fit, keyed by slot. */
  get overflow(): ReadonlyMap<number, { readonly packets: number; readonly bytes: number; readonly records: number }> {
    this.flush();
    return this.overflowBuckets;
  }

  /** `srcAddress` and `dstAddress` may be uint32 or their int32 (`| 0`) form: both are stored alike. */
  add(slot: number, srcAddress: number, dstAddress: number, packets: number, bytes: number): void {
    const q = this.queued;
    const k = q.length;
    q.tag[k] = slot + 1;
    q.src[k] = srcAddress;
    q.dst[k] = dstAddress;
    q.packets[k] = packets;
    q.bytes[k] = bytes;
    q.length = k + 1;
    if (k + 1 === CONVERSATION_ROWS) this.flush();
  }

  /** Applies `rows` (after any single adds still queued, keeping the order) and empties them. */
  addRows(rows: ConversationRows): void {
    this.flush();
    this.apply(rows);
  }

  private flush(): void {
    this.apply(this.queued);
  }

  /**
   * Applies the rows in order and empties them. The probe loop is written out here rather than
   * called per row: counts are doubles, and passing a double to a function V8 does not inline
   * boxes it (an allocation per add).
   */
  private apply(rows: ConversationRows): void {
    const n = rows.length;
    if (n === 0) return;
    rows.length = 0;
    const tags = rows.tag;
    const srcs = rows.src;
    const dsts = rows.dst;
    const packets = rows.packets;
    const bytes = rows.bytes;
    const max = this.maxConversations;
    let keys = this.keys;
    let counts = this.counts;
    let mask = this.capacity - 1;
    let count = this.count;
    const hashes = this.hashes;
    // First pass: every cell the rows will probe, loaded in a loop whose loads are independent.
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const h = hashOf(tags[i]!, srcs[i]!, dsts[i]!);
      hashes[i] = h;
      touched ^= keys[(h & mask) * INTS_PER_CELL]!;
    }
    this.touched ^= touched;
    // Second pass: the adds, in order, to cells now cached.
    for (let i = 0; i < n; i++) {
      const tag = tags[i]!;
      const src = srcs[i]!;
      const dst = dsts[i]!;
      // Masked here, not in the first pass: the table may have grown since.
      let h = hashes[i]! & mask;
      let k = h * INTS_PER_CELL;
      let t = keys[k]!;
      while (t !== 0 && (t !== tag || keys[k + 1] !== src || keys[k + 2] !== dst)) {
        h = (h + 1) & mask;
        k = h * INTS_PER_CELL;
        t = keys[k]!;
      }
      const c = h * DOUBLES_PER_CELL;
      if (t !== 0) {
        counts[c + 2] += packets[i]!;
        counts[c + 3] += bytes[i]!;
      } else if (count >= max) {
        this.addOverflow(tag - 1, packets[i]!, bytes[i]!);
      } else {
        keys[k] = tag;
        keys[k + 1] = src;
        keys[k + 2] = dst;
        counts[c + 2] = packets[i]!;
        counts[c + 3] = bytes[i]!;
        // Half full at most keeps probe chains short.
        if (++count * 2 > mask + 1) {
          this.grow();
          keys = this.keys;
          counts = this.counts;
          mask = this.capacity - 1;
        }
      }
    }
    this.count = count;
  }

  /** Rare (past the cap): kept out of the probe loop. */
  private addOverflow(slot: number, packets: number, bytes: number): void {
    const o = this.overflowBuckets.get(slot) ?? { packets: 0, bytes: 0, records: 0 };
    o.packets += packets;
    o.bytes += bytes;
    o.records += 1;
    this.overflowBuckets.set(slot, o);
  }

  /** Doubles the capacity, re-placing every cell (the count is unchanged). */
  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldCapacity = this.capacity;
    this.capacity *= 2;
    const keys = new Int32Array(this.capacity * INTS_PER_CELL);
    const counts = new Float64Array(keys.buffer);
    const mask = this.capacity - 1;
    for (let i = 0; i < oldCapacity; i++) {
      const t = oldKeys[i * INTS_PER_CELL]!;
      if (t === 0) continue;
      const src = oldKeys[i * INTS_PER_CELL + 1]!;
      const dst = oldKeys[i * INTS_PER_CELL + 2]!;
      let h = hashOf(t, src, dst) & mask;
      // Every key is distinct: the first empty cell is the place.
      while (keys[h * INTS_PER_CELL] !== 0) h = (h + 1) & mask;
      keys[h * INTS_PER_CELL] = t;
      keys[h * INTS_PER_CELL + 1] = src;
      keys[h * INTS_PER_CELL + 2] = dst;
      counts[h * DOUBLES_PER_CELL + 2] = oldCounts[i * DOUBLES_PER_CELL + 2]!;
      counts[h * DOUBLES_PER_CELL + 3] = oldCounts[i * DOUBLES_PER_CELL + 3]!;
    }
    this.keys = keys;
    this.counts = counts;
  }

  /**
   * Visits every conversation without making an object for each (a capture makes tens of
   * thousands): `src` and `dst` as uint32.
   */
  forEach(visit: (slot: number, src: number, dst: number, packets: number, bytes: number) => void): void {
    this.flush();
    const keys = this.keys;
    const counts = this.counts;
    for (let i = 0; i < this.capacity; i++) {
      const k = i * INTS_PER_CELL;
      const t = keys[k]!;
      if (t === 0) continue;
      const c = i * DOUBLES_PER_CELL;
      visit(t - 1, keys[k + 1]! >>> 0, keys[k + 2]! >>> 0, counts[c + 2]!, counts[c + 3]!);
    }
  }

  *entries(): IterableIterator<Conversation> {
    this.flush();
    for (let i = 0; i < this.capacity; i++) {
      const k = i * INTS_PER_CELL;
      const t = this.keys[k]!;
      if (t === 0) continue;
      const c = i * DOUBLES_PER_CELL;
      yield { slot: t - 1, src: this.keys[k + 1]! >>> 0, dst: this.keys[k + 2]! >>> 0, packets: this.counts[c + 2]!, bytes: this.counts[c + 3]! };
    }
  }
}

/**
 * The cell a conversation hashes to, before masking with the capacity (int32). `tag` is slot + 1;
 * `src` and `dst` are taken as int32 (`| 0`), so uint32 and int32 forms of an address agree.
 */
function hashOf(tag: number, srcAddress: number, dstAddress: number): number {
  const src = srcAddress | 0;
  const dst = dstAddress | 0;
  const h = (Math.imul(tag, 0x9e3779b1) ^ Math.imul(src, 0x85ebca6b) ^ Math.imul(dst ^ (src >>> 16), 0xc2b2ae35)) >>> 0;
  return (h ^ (h >>> 15)) | 0;
}
