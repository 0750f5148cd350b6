/**
 * Longest-prefix match over IPv4 prefixes: one hash map per prefix length, probed from the
 * longest length present down to the shortest. At most 33 probes, usually a handful, and no
 * allocation per lookup, which is all a route table of a few hundred entries needs.
 */
import { prefixMask } from "./ipv4";

export class LpmTable<V> {
  private readonly byLength = new Map<number, Map<number, V>>();
  /** Prefix lengths present, longest first, with their masks (rebuilt on insert). */
  private lengths: number[] = [];
  private masks: number[] = [];

  /** Inserts a prefix. An existing entry for the same prefix is kept unless `replace` is set. */
  insert(network: number, prefixLength: number, value: V, replace = false): void {
    let table = this.byLength.get(prefixLength);
    if (!table) {
      table = new Map();
      this.byLength.set(prefixLength, table);
      this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
      this.masks = this.lengths.map(prefixMask);
    }
    const key = (network & prefixMask(prefixLength)) >>> 0;
    if (replace || !table.has(key)) table.set(key, value);
  }

  /** The value of the longest prefix containing `ip`, or undefined. */
  lookup(ip: number): V | undefined {
    const lengths = this.lengths;
    for (let i = 0; i < lengths.length; i++) {
      const hit = this.byLength.get(lengths[i]!)!.get((ip & this.masks[i]!) >>> 0);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** The matched prefix length along with the value (for explanations). */
  lookupWithLength(ip: number): { readonly value: V; readonly prefixLength: number } | undefined {
    const lengths = this.lengths;
    for (let i = 0; i < lengths.length; i++) {
      const hit = this.byLength.get(lengths[i]!)!.get((ip & this.masks[i]!) >>> 0);
      if (hit !== undefined) return { value: hit, prefixLength: lengths[i]! };
    }
    return undefined;
  }

  get size(): number {
    let n = 0;
    for (const t of this.byLength.values()) n += t.size;
    return n;
  }
}
