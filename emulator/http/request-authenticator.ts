import { createHmac, createSecretKey, timingSafeEqual } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  accessKeyNotFound,
  incompleteSignature,
  missingAuthParameter,
  nonceUsed,
  signatureDoesNotMatch,
  unsupportedSignatureMethod,
} from "./auth-errors";
import { Acs3AuthorizationParser, acs3StringToSign, canonicalQuery, hasKeyNeedingEncoding, payloadSha256 } from "./acs3-signature";
import type { Acs3Authorization } from "./acs3-signature";
import type { CredentialStore } from "./credentials";
import { NonceCache } from "./nonce-cache";
import type { ParamPairs } from "./query-string";
import { rpcSignature, rpcStringToSign } from "./rpc-signature";
import { SIGNATURE_WINDOW_MS, checkSigningTime } from "./signature-timestamp";

/** What the authenticator needs from one request, already parsed by the HTTP layer. */
export interface SignedRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly queryPairs: ParamPairs;
  /** Form-body parameters (legacy clients may put everything there). */
  readonly bodyPairs: ParamPairs;
  readonly body: Buffer;
}

export type SignatureScheme = "acs3" | "rpc-hmac-sha1";

export interface Authenticated {
  readonly accessKeyId: string;
  readonly scheme: SignatureScheme;
}

const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Equality of two strings in time that depends only on their lengths (public: a signature's
 * is fixed), without allocating: the ACS3 check runs on every call.
 */
const sameText = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
};

const findParam = (pairs: ParamPairs, name: string): string | undefined => {
  for (const [key, value] of pairs) if (key === name) return value;
  return undefined;
};

/**
 * Verifies ACS3-HMAC-SHA256 (the Authorization header) or the legacy HMAC-SHA1 query signature.
 * Order: key → clock → signature → nonce, so a request that fails verification never burns a
 * nonce (a client retrying after a clock fix is not refused as a replay).
 */
export class RequestAuthenticator {
  private readonly nonces = new NonceCache(SIGNATURE_WINDOW_MS);
  private readonly authorizations = new Acs3AuthorizationParser();
  /**
   * Canonical query strings of frozen pairs arrays (the HTTP layer's QueryCache hands the same
   * frozen array for the same query text); a frozen array cannot change, so neither can this.
   */
  private readonly canonicalQueries = new WeakMap<ParamPairs, string>();
  /** HMAC keys by secret, prepared once: createHmac re-imports a string key on every call. */
  private readonly hmacKeys = new Map<string, KeyObject>();

  constructor(
    private readonly credentials: CredentialStore,
    private readonly clock: () => number = Date.now,
  ) {}

  authenticate(request: SignedRequest): Authenticated {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return this.verifyAcs3(request, authorization);
    if (findParam(request.queryPairs, "Signature") !== undefined || findParam(request.bodyPairs, "Signature") !== undefined) {
      return this.verifyRpc(request);
    }
    throw incompleteSignature("The request has neither an Authorization header (ACS3-HMAC-SHA256) nor a Signature parameter (HMAC-SHA1).");
  }

  private secretOf(accessKeyId: string): string {
    const secret = this.credentials.secretFor(accessKeyId);
    if (secret === undefined) throw accessKeyNotFound(accessKeyId);
    return secret;
  }

  private verifyAcs3(request: SignedRequest, authorization: string): Authenticated {
    const auth = this.authorizations.parse(authorization);
    const secret = this.secretOf(auth.accessKeyId);
    const now = this.clock();
    const date = request.headers["x-acs-date"];
    if (typeof date !== "string") throw missingAuthParameter("x-acs-date");
    const requestTime = checkSigningTime("x-acs-date", date, now);
    const nonce = request.headers["x-acs-signature-nonce"];
    if (typeof nonce !== "string" || nonce.length === 0) throw missingAuthParameter("x-acs-signature-nonce");

    const payloadHash = payloadSha256(request.body);
    const declaredHash = request.headers["x-acs-content-sha256"];
    if (declaredHash !== undefined && declaredHash !== payloadHash) {
      throw signatureDoesNotMatch("x-acs-content-sha256 does not match the SHA-256 of the request body.");
    }
    if (!this.acs3Matches(request, auth, secret, payloadHash)) {
      throw signatureDoesNotMatch("The ACS3-HMAC-SHA256 signature does not match.");
    }
    this.claimNonce(nonce, requestTime, now);
    return { accessKeyId: auth.accessKeyId, scheme: "acs3" };
  }

  private acs3Matches(request: SignedRequest, auth: Acs3Authorization, secret: string, payloadHash: string): boolean {
    const key = this.hmacKey(secret);
    const expected = (encodeKeys: boolean): string =>
      createHmac("sha256", key)
        .update(acs3StringToSign(request.method, this.canonical(request.queryPairs, encodeKeys), request.headers, auth, payloadHash))
        .digest("hex");
    if (sameText(expected(true), auth.signature)) return true;
    // The official SDK leaves query keys unencoded; accept that form too when it differs.
    return hasKeyNeedingEncoding(request.queryPairs) && sameText(expected(false), auth.signature);
  }

  private canonical(pairs: ParamPairs, encodeKeys: boolean): string {
    if (!encodeKeys || !Object.isFrozen(pairs)) return canonicalQuery(pairs, encodeKeys);
    let text = this.canonicalQueries.get(pairs);
    if (text === undefined) this.canonicalQueries.set(pairs, (text = canonicalQuery(pairs, true)));
    return text;
  }

  private hmacKey(secret: string): KeyObject {
    let key = this.hmacKeys.get(secret);
    if (key === undefined) this.hmacKeys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
    return key;
  }

  private verifyRpc(request: SignedRequest): Authenticated {
    const all: ParamPairs = [...request.queryPairs, ...request.bodyPairs];
    const param = (name: string): string => {
      const value = findParam(all, name);
      if (value === undefined || value === "") throw missingAuthParameter(name);
      return value;
    };
    const method = param("SignatureMethod");
    if (method !== "HMAC-SHA1") throw unsupportedSignatureMethod("SignatureMethod", method, '"HMAC-SHA1"');
    const version = param("SignatureVersion");
    if (version !== "1.0") throw unsupportedSignatureMethod("SignatureVersion", version, '"1.0"');
    const accessKeyId = param("AccessKeyId");
    const secret = this.secretOf(accessKeyId);
    const now = this.clock();
    const requestTime = checkSigningTime("Timestamp", param("Timestamp"), now);
    const nonce = param("SignatureNonce");
    const signature = param("Signature");
    const signed = all.filter(([key]) => key !== "Signature");
    if (!safeEqual(rpcSignature(secret, rpcStringToSign(request.method, signed)), signature)) {
      throw signatureDoesNotMatch("The HMAC-SHA1 signature does not match.");
    }
    this.claimNonce(nonce, requestTime, now);
    return { accessKeyId, scheme: "rpc-hmac-sha1" };
  }

  private claimNonce(nonce: string, requestTime: number, now: number): void {
    if (!this.nonces.remember(nonce, requestTime, now)) throw nonceUsed(nonce);
  }
}
