import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { MetadataError } from "./metadata-errors";

/** The cloud's bounds for `X-aliyun-ecs-metadata-token-ttl-seconds` (1 s .. 6 h). */
export const MIN_TOKEN_TTL_SECONDS = 1;
export const MAX_TOKEN_TTL_SECONDS = 21_600;

export const TOKEN_TTL_HEADER = "x-aliyun-ecs-metadata-token-ttl-seconds";
export const TOKEN_HEADER = "x-aliyun-ecs-metadata-token";

/** Reads the TTL header of a token request; throws MetadataError naming the header, the value and the range. */
export function parseTokenTtl(value: string | readonly string[] | undefined): number {
  if (value === undefined) {
    throw new MetadataError("TOKEN_TTL_MISSING", `PUT /latest/api/token needs the header X-aliyun-ecs-metadata-token-ttl-seconds (an integer from ${MIN_TOKEN_TTL_SECONDS} to ${MAX_TOKEN_TTL_SECONDS}).`);
  }
  const text = typeof value === "string" ? value.trim() : value.join(", ");
  const ttl = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(ttl >= MIN_TOKEN_TTL_SECONDS && ttl <= MAX_TOKEN_TTL_SECONDS)) {
    throw new MetadataError("TOKEN_TTL_INVALID", `X-aliyun-ecs-metadata-token-ttl-seconds must be an integer from ${MIN_TOKEN_TTL_SECONDS} to ${MAX_TOKEN_TTL_SECONDS}, got "${text}".`);
  }
  return ttl;
}

export interface IssuedToken {
  readonly token: string;
  readonly instanceId: string;
  /** Epoch ms; the token is refused from this instant on. */
  readonly expiresAt: number;
}

/** What verify() found; only "valid" grants access. */
export type TokenVerdict = "valid" | "malformed" | "not-for-this-instance" | "expired";

export interface TokenServiceOptions {
  /** Epoch ms; injected so expiry is testable without sleeping. */
  now?: () => number;
  /** The HMAC key; random per service otherwise (tokens then die with the process, as sessions do). */
  key?: Buffer;
}

const TOKEN_SHAPE = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/**
 * Issues and checks metadata tokens. Tokens are HMAC-signed rather than random keys in a map:
 * the cloud allows an unlimited number of tokens per instance, and a signed token costs no memory
 * and needs no sweeping of expired entries, while verification stays a pure function of (token,
 * instance, clock). The instance id is inside the MAC but not in the token, so a token only
 * verifies for the instance it was issued to, and reveals nothing about it.
 * Format: `<expiresAt ms, base36>.<16-char nonce>.<base64url HMAC-SHA256>`.
 */
export class TokenService {
  private readonly now: () => number;
  private readonly key: Buffer;

  constructor(options: TokenServiceOptions = {}) {
    this.now = options.now ?? Date.now;
    this.key = options.key ?? randomBytes(32);
  }

  issue(instanceId: string, ttlSeconds: number): IssuedToken {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < MIN_TOKEN_TTL_SECONDS || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
      throw new MetadataError("TOKEN_TTL_INVALID", `token TTL must be an integer from ${MIN_TOKEN_TTL_SECONDS} to ${MAX_TOKEN_TTL_SECONDS} seconds, got ${String(ttlSeconds)}.`);
    }
    const expiresAt = this.now() + ttlSeconds * 1000;
    const expiry = expiresAt.toString(36);
    const nonce = randomBytes(12).toString("base64url");
    return { token: `${expiry}.${nonce}.${this.sign(instanceId, expiry, nonce)}`, instanceId, expiresAt };
  }

  verify(token: string, instanceId: string): TokenVerdict {
    const match = TOKEN_SHAPE.exec(token);
    if (match === null) return "malformed";
    const [, expiry, nonce, signature] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.sign(instanceId, expiry, nonce));
    const given = Buffer.from(signature);
    // Signature first: a token of another instance is "not-for-this-instance" whether or not it expired.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "not-for-this-instance";
    return this.now() >= parseInt(expiry, 36) ? "expired" : "valid";
  }

  private sign(instanceId: string, expiry: string, nonce: string): string {
    return createHmac("sha256", this.key).update(`v1\n${instanceId}\n${expiry}\n${nonce}`).digest("base64url");
  }
}
