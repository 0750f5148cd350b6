/**
 * Turns a byte range into a string without allocating when the same bytes were seen recently.
 * Flow logs repeat a handful of ENI, instance and vSwitch ids millions of times; making a fresh
 * string for each would be most of the CSV reader's garbage. The table is fixed-size (a colliding
 * entry is simply replaced), so memory stays bounded whatever the input.
 */

const TABLE_SIZE = 4096;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class ByteStringInterner {
  private readonly keys: (Buffer | undefined)[] = new Array<Buffer | undefined>(TABLE_SIZE).fill(undefined);
  private readonly values: string[] = new Array<string>(TABLE_SIZE).fill("");

  get(buf: Buffer, start: number, end: number): string {
    // Ids share prefixes (`eni-`, `i-`, `vsw-`) and differ at the end: the length and the last
    // eight bytes identify them well, and hashing no more keeps a hit to one pass over the bytes.
    let hash = Math.imul(FNV_OFFSET ^ (end - start), FNV_PRIME);
    for (let i = Math.max(start, end - 8); i < end; i++) hash = Math.imul(hash ^ buf[i]!, FNV_PRIME);
    const slot = (hash >>> 0) & (TABLE_SIZE - 1);
    const key = this.keys[slot];
    if (key !== undefined && key.length === end - start && sameBytes(key, buf, start)) return this.values[slot]!;
    const value = buf.toString("utf8", start, end);
    this.keys[slot] = Buffer.from(buf.subarray(start, end));
    this.values[slot] = value;
    return value;
  }
}

function sameBytes(key: Buffer, buf: Buffer, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== buf[start + i]) return false;
  return true;
}
