import * as crypto from "node:crypto";
import { createHash, createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { incompleteSignature } from "./auth-errors";
import { percentEncode } from "./percent-encoding";
import type { ParamPairs } from "./query-string";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** The parts of `Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`. */
export interface Acs3Authorization {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/**
 * Headers the client must sign: without them a captured request could be replayed with another
 * action, date or nonce. The cloud asks for every common header to be signed.
 */
const REQUIRED_SIGNED = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce"] as const;

export function parseAcs3Authorization(header: string): Acs3Authorization {
  if (!header.startsWith(ACS3_ALGORITHM + " ")) {
    const algorithm = header.split(" ", 1)[0] ?? "";
    throw incompleteSignature(`Unsupported signature algorithm "${algorithm}" in Authorization; expected ${ACS3_ALGORITHM}.`);
  }
  let accessKeyId = "";
  let signedHeaders = "";
  let signature = "";
  for (const part of header.slice(ACS3_ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "Credential") accessKeyId = value;
    else if (name === "SignedHeaders") signedHeaders = value;
    else if (name === "Signature") signature = value;
  }
  if (!accessKeyId || !signedHeaders || !signature) {
    throw incompleteSignature("Authorization must carry Credential, SignedHeaders and Signature.");
  }
  const names = signedHeaders.split(";");
  for (const required of REQUIRED_SIGNED) {
    if (!names.includes(required)) {
      throw incompleteSignature(`SignedHeaders "${signedHeaders}" must include "${required}".`);
    }
  }
  return { accessKeyId, signedHeaders: names, signature };
}

const SIGNATURE_PART = ",Signature=";

/**
 * parseAcs3Authorization with the scope (everything before `,Signature=`) remembered: a client
 * sends the same Credential and SignedHeaders on every call, only the signature changes.
 * Answers exactly what parseAcs3Authorization does: the shortcut is taken only when the header
 * ends in `,Signature=<no comma>` and that scope has parsed before, and for such a header the
 * full parse reads the same Credential and SignedHeaders from the scope and the trimmed tail
 * as the signature (the last Signature part wins). Bounded: past `maxScopes` it starts afresh.
 */
export class Acs3AuthorizationParser {
  private readonly scopes = new Map<string, Omit<Acs3Authorization, "signature">>();

  constructor(private readonly maxScopes = 64) {}

  parse(header: string): Acs3Authorization {
    const at = header.lastIndexOf(SIGNATURE_PART);
    const tail = at < 0 ? "" : header.slice(at + SIGNATURE_PART.length);
    const shortcut = at >= 0 && tail.indexOf(",") < 0;
    if (shortcut) {
      const signature = tail.trim();
      const scope = this.scopes.get(header.slice(0, at));
      if (scope !== undefined && signature !== "") {
        return { accessKeyId: scope.accessKeyId, signedHeaders: scope.signedHeaders, signature };
      }
    }
    const parsed = parseAcs3Authorization(header);
    if (shortcut) {
      if (this.scopes.size >= this.maxScopes) this.scopes.clear();
      this.scopes.set(header.slice(0, at), { accessKeyId: parsed.accessKeyId, signedHeaders: parsed.signedHeaders });
    }
    return parsed;
  }
}

const compareKeys = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The canonical query string: pairs sorted by key, values RFC 3986 encoded. The official SDK
 * leaves keys unencoded while the documentation encodes them; they only differ for keys with
 * characters outside `A-Za-z0-9-_.~`, so `encodeKeys` lets the caller try both.
 */
export function canonicalQuery(pairs: ParamPairs, encodeKeys: boolean): string {
  const sorted = pairs.length > 1 ? [...pairs].sort(compareKeys) : pairs;
  let out = "";
  for (let i = 0; i < sorted.length; i++) {
    const [key, value] = sorted[i]!;
    if (i > 0) out += "&";
    out += (encodeKeys ? percentEncode(key) : key) + "=" + percentEncode(value);
  }
  return out;
}

export function hasKeyNeedingEncoding(pairs: ParamPairs): boolean {
  return pairs.some(([key]) => percentEncode(key) !== key);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (value === undefined) return "";
  return (Array.isArray(value) ? value.join(",") : value).trim();
}

/**
 * SHA-256 as lower-case hex. crypto.hash (Node >= 20.12) hashes in one call without building a
 * Hash object (one per request here, each with a handle the collector must finalize).
 */
const sha256Hex: (data: string | Buffer) => string =
  typeof crypto.hash === "function"
    ? (data) => crypto.hash("sha256", data, "hex")
    : (data) => createHash("sha256").update(data).digest("hex");

export function acs3StringToSign(
  method: string,
  query: string,
  headers: IncomingHttpHeaders,
  auth: Acs3Authorization,
  payloadHashHex: string,
): string {
  let canonical = method + "\n/\n" + query + "\n";
  for (const name of auth.signedHeaders) canonical += name + ":" + headerValue(headers, name) + "\n";
  canonical += "\n" + auth.signedHeaders.join(";") + "\n" + payloadHashHex;
  return ACS3_ALGORITHM + "\n" + sha256Hex(canonical);
}

export function acs3Signature(secret: string, stringToSign: string): string {
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

export const EMPTY_PAYLOAD_SHA256 = createHash("sha256").update("").digest("hex");

export function payloadSha256(body: Buffer): string {
  return body.length === 0 ? EMPTY_PAYLOAD_SHA256 : sha256Hex(body);
}
