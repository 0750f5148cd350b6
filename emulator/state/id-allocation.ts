import { createHash } from "node:crypto";
import type { StoreState } from "./records";

/** The id prefixes the cloud uses, one per resource kind. */
export type IdPrefix = "eni" | "i" | "rte" | "vtb";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_BODY_LENGTH = 20;

/** Region part of ids: the cloud's `bp1` for Hangzhou, a stable three-letter tag elsewhere. */
function regionTag(regionId: string, salt: string): string {
  if (regionId === "cn-hangzhou") return "bp1";
  return hashText(`${salt}:region:${regionId}`, 3);
}

function hashText(input: string, length: number): string {
  const digest = createHash("sha256").update(input).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[digest[i % digest.length]! % ALPHABET.length];
  return out;
}

/**
 * Allocates `eni-bp1…`-style ids: lower-case alphanumerics derived from a counter and the
 * state's salt, so they look random, never repeat, and are reproduced by a restored snapshot.
 */
export function allocateId(state: StoreState, prefix: IdPrefix, regionId: string, taken: (id: string) => boolean): string {
  for (;;) {
    const n = state.counters.resource++;
    const tag = regionTag(regionId, state.salt);
    const id = `${prefix}-${tag}${hashText(`${state.salt}:${n}`, ID_BODY_LENGTH - tag.length)}`;
    if (!taken(id)) return id;
  }
}

const MAC_SPACE = 2 ** 24;
/** Odd multiplier: multiplication by it permutes 0..2^24-1, so sequence numbers map to distinct MACs. */
const MAC_STRIDE = 0x9e3779;

/** Allocates a unique `00:16:3e:xx:xx:xx` (Alibaba's OUI). */
export function allocateMac(state: StoreState): string {
  const n = state.counters.mac++;
  if (n >= MAC_SPACE) throw new RangeError("MAC address space of 00:16:3e exhausted");
  const value = (n * MAC_STRIDE + 0x1234) % MAC_SPACE;
  const bytes = [16, 8, 0].map((shift) => ((value >> shift) & 0xff).toString(16).padStart(2, "0"));
  return `00:16:3e:${bytes.join(":")}`;
}
