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

const INITIAL_CAPACITY = 1 << 10;
export const DEFAULT_MAX_CONVERSATIONS = 1 << 19;

export class ConversationTable {
  private capacity = INITIAL_CAPACITY;
  /**
   * Triples of (slot + 1, src, dst); slot + 1 = 0 marks an empty cell. Addresses are stored as
   * int32 (`| 0`): uint32 values above 2^31 are heap doubles in V8, int32 ones stay small
   * integers, which keeps the probe loop's compares cheap.
   */
  private keys = new Int32Array(INITIAL_CAPACITY * 3);
  private values = new Float64Array(INITIAL_CAPACITY * 2);
  private count = 0;
  /** Per-(eni, direction) totals of conversations that did not fit, keyed by slot. */
  readonly overflow = new Map<number, { packets: number; bytes: number; records: number }>();

  constructor(private readonly maxConversations = DEFAULT_MAX_CONVERSATIONS) {}

  get size(): number {
    return this.count;
  }

  add(slot: number, srcAddress: number, dstAddress: number, packets: number, bytes: number): void {
    const tag = slot + 1;
    const src = srcAddress | 0;
    const dst = dstAddress | 0;
    const mask = this.capacity - 1;
    let h = (Math.imul(tag, 0x9e3779b1) ^ Math.imul(src, 0x85ebca6b) ^ Math.imul(dst ^ (src >>> 16), 0xc2b2ae35)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    const keys = this.keys;
    for (;;) {
      const k = h * 3;
      const t = keys[k]!;
      if (t === 0) break;
      if (t === tag && keys[k + 1] === src && keys[k + 2] === dst) {
        this.values[h * 2] += packets;
        this.values[h * 2 + 1] += bytes;
        return;
      }
      h = (h + 1) & mask;
    }
    if (this.count >= this.maxConversations) {
      const o = this.overflow.get(slot) ?? { packets: 0, bytes: 0, records: 0 };
      o.packets += packets;
      o.bytes += bytes;
      o.records += 1;
      this.overflow.set(slot, o);
      return;
    }
    const k = h * 3;
    keys[k] = tag;
    keys[k + 1] = src;
    keys[k + 2] = dst;
    this.values[h * 2] = packets;
    this.values[h * 2 + 1] = bytes;
    this.count++;
    // Half full at most keeps probe chains short.
    if (this.count * 2 > this.capacity) this.grow();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldCapacity = this.capacity;
    this.capacity *= 2;
    this.keys = new Int32Array(this.capacity * 3);
    this.values = new Float64Array(this.capacity * 2);
    this.count = 0;
    for (let i = 0; i < oldCapacity; i++) {
      const t = oldKeys[i * 3]!;
      if (t !== 0) this.add(t - 1, oldKeys[i * 3 + 1]!, oldKeys[i * 3 + 2]!, oldValues[i * 2]!, oldValues[i * 2 + 1]!);
    }
  }

  *entries(): IterableIterator<Conversation> {
    for (let i = 0; i < this.capacity; i++) {
      const t = this.keys[i * 3]!;
      if (t === 0) continue;
      yield { slot: t - 1, src: this.keys[i * 3 + 1]! >>> 0, dst: this.keys[i * 3 + 2]! >>> 0, packets: this.values[i * 2]!, bytes: this.values[i * 2 + 1]! };
    }
  }
}
