import { UNKNOWN_VALUE } from "./unknown-value";

/** ECS accepts at most 64 ASCII characters in ClientToken. */
const CLIENT_TOKEN_LENGTH = 64;

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => v !== undefined && !key.startsWith("__"))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The ClientToken of a create call, derived from the resource's URN and its inputs.
 *
 * Why here and why this way: Pulumi's dynamic provider host calls create(inputs) with the checked
 * inputs only (no URN), but check runs first on every `up`, and what it returns is exactly what
 * create receives. So check computes the token and stores it as the hidden input `__clientToken`.
 * The URN reaches check as the hidden input `__urn`, which the sdk classes add
 * (pulumi.createUrn of the resource's name, type and parent).
 * - A create whose response was lost is retried (by our retry loop, or by the next `pulumi up`,
 *   which again has no state for it) with the same token, and ECS returns the ENI/instance it
 *   already made instead of a second one.
 * - The URN separates two stacks or two resources with identical inputs; the inputs make a
 *   changed resource (a replacement) ask for a new object instead of getting IdempotentParameterMismatch.
 * Hidden keys (`__*`) are left out of the hash so the token does not depend on itself or on the
 * serialized provider text.
 * Without a URN (a provider called directly, not through the sdk classes) the token falls back to
 * a random nonce that check keeps from the previous inputs; that still makes our own retries
 * idempotent.
 */
export function deriveClientToken(urn: string | undefined, inputs: Record<string, unknown>, previousToken: string | undefined): string | undefined {
  if (urn === undefined) {
    if (previousToken !== undefined) return previousToken;
    const crypto = require("crypto") as typeof import("crypto");
    return `nonce-${crypto.randomUUID()}`;
  }
  if (urn === UNKNOWN_VALUE || JSON.stringify(inputs).includes(UNKNOWN_VALUE)) return undefined;
  const crypto = require("crypto") as typeof import("crypto");
  return crypto.createHash("sha256").update(`${urn}\n${stableJson(inputs)}`).digest("hex").slice(0, CLIENT_TOKEN_LENGTH);
}

/** How many fresh tokens a create tries after finding its token's resource gone. */
export const MAX_TOKEN_GENERATIONS = 8;

/**
 * The token of the `generation`-th attempt to make this resource. Generation 0 is check's token.
 *
 * Why generations: a deterministic token is replayed by the cloud for as long as it remembers it,
 * also after the resource it made was deleted (a `pulumi destroy` followed by an `up` with the same
 * inputs, or a create we rolled back). The create then "returns" a dead id. The controllers verify
 * the id is alive (the describe or attach they do anyway) and, when it is not, move on to the next
 * generation: still deterministic, so a lost answer in that generation is still found again.
 */
export function tokenForGeneration(base: string | undefined, generation: number): string | undefined {
  if (base === undefined || generation === 0) return base;
  const crypto = require("crypto") as typeof import("crypto");
  return crypto.createHash("sha256").update(`${base}:${generation}`).digest("hex").slice(0, CLIENT_TOKEN_LENGTH);
}
