import { OpenApiUtil } from "@alicloud/openapi-core";
import { describe, expect, it } from "vitest";
import { EMPTY_PAYLOAD_SHA256, payloadSha256 } from "../../../../emulator/http/acs3-signature";
import { CredentialStore, DEV_ACCESS_KEY } from "../../../../emulator/http/credentials";
import { RequestAuthenticator } from "../../../../emulator/http/request-authenticator";
import type { SignedRequest } from "../../../../emulator/http/request-authenticator";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const { accessKeyId: AK, accessKeySecret: SECRET } = DEV_ACCESS_KEY;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function authenticator(): RequestAuthenticator {
  return new RequestAuthenticator(new CredentialStore([DEV_ACCESS_KEY, { accessKeyId: "AK2", accessKeySecret: "S2" }]), () => NOW);
}

interface Acs3Options {
  query?: Record<string, string>;
  date?: string;
  nonce?: string;
  secret?: string;
  accessKeyId?: string;
  body?: string;
}

/** A request signed by the official SDK's signer (OpenApiUtil.getAuthorization). */
function acs3Request(options: Acs3Options = {}): SignedRequest {
  const query = options.query ?? { RegionId: "cn-hangzhou" };
  const body = Buffer.from(options.body ?? "");
  const headers: Record<string, string> = {
    host: "127.0.0.1:1234",
    "x-acs-action": "DescribeVpcs",
    "x-acs-version": "2016-04-28",
    "x-acs-date": options.date ?? iso(NOW),
    "x-acs-signature-nonce": options.nonce ?? `nonce-${Math.random()}`,
    "x-acs-content-sha256": payloadSha256(body),
  };
  if (body.length > 0) headers["content-type"] = "application/x-www-form-urlencoded";
  const sdkRequest = { method: "POST", pathname: "/", query, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  headers["authorization"] = OpenApiUtil.getAuthorization(
    sdkRequest, "ACS3-HMAC-SHA256", payloadSha256(body), options.accessKeyId ?? AK, options.secret ?? SECRET,
  );
  return { method: "POST", headers, queryPairs: Object.entries(query), bodyPairs: [], body };
}

function rpcRequest(params: Record<string, string>, secret = SECRET, method = "GET"): SignedRequest {
  const all: Record<string, string> = {
    Action: "DescribeVpcs", Version: "2016-04-28", Format: "JSON", AccessKeyId: AK, SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0", SignatureNonce: `nonce-${Math.random()}`, Timestamp: iso(NOW), RegionId: "cn-hangzhou", ...params,
  };
  all["Signature"] = OpenApiUtil.getRPCSignature(all, method, secret);
  return { method, headers: {}, queryPairs: Object.entries(all), bodyPairs: [], body: Buffer.alloc(0) };
}

const rejects = (request: SignedRequest, code: string, status: number, auth = authenticator()): void => {
  expect(() => auth.authenticate(request)).toThrow(expect.objectContaining({ code, httpStatus: status }));
};

describe("RequestAuthenticator, ACS3-HMAC-SHA256", () => {
  it("accepts a request signed by the SDK and names the caller", () => {
    expect(authenticator().authenticate(acs3Request())).toEqual({ accessKeyId: AK, scheme: "acs3" });
  });

  it("accepts a form body whose hash is signed", () => {
    const request = acs3Request({ body: "Description=hello%20world" });
    expect(authenticator().authenticate(request).accessKeyId).toBe(AK);
  });

  it("rejects a body that does not match x-acs-content-sha256", () => {
    const request = acs3Request({ body: "Description=a" });
    rejects({ ...request, body: Buffer.from("Description=b") }, "SignatureDoesNotMatch", 400);
  });

  it("rejects a wrong secret with SignatureDoesNotMatch (400)", () => {
    rejects(acs3Request({ secret: "wrong" }), "SignatureDoesNotMatch", 400);
  });

  it("rejects a tampered parameter", () => {
    const request = acs3Request();
    rejects({ ...request, queryPairs: [["RegionId", "cn-beijing"]] }, "SignatureDoesNotMatch", 400);
  });

  it("rejects an unknown key with InvalidAccessKeyId.NotFound (404)", () => {
    rejects(acs3Request({ accessKeyId: "LTAI-unknown" }), "InvalidAccessKeyId.NotFound", 404);
  });

  it("accepts a second configured pair", () => {
    expect(authenticator().authenticate(acs3Request({ accessKeyId: "AK2", secret: "S2" })).accessKeyId).toBe("AK2");
  });

  it.each([
    ["16 minutes late", NOW - 16 * 60_000],
    ["16 minutes early", NOW + 16 * 60_000],
  ])("rejects x-acs-date %s with InvalidTimeStamp.Expired", (_name, at) => {
    rejects(acs3Request({ date: iso(at) }), "InvalidTimeStamp.Expired", 400);
  });

  it("accepts x-acs-date 14 minutes off", () => {
    expect(authenticator().authenticate(acs3Request({ date: iso(NOW - 14 * 60_000) })).scheme).toBe("acs3");
  });

  it("rejects a malformed x-acs-date with InvalidTimeStamp.Format", () => {
    rejects(acs3Request({ date: "yesterday" }), "InvalidTimeStamp.Format", 400);
  });

  it("rejects a reused nonce with SignatureNonceUsed, but a failed request does not burn its nonce", () => {
    const auth = authenticator();
    rejects(acs3Request({ nonce: "n-1", secret: "wrong" }), "SignatureDoesNotMatch", 400, auth);
    auth.authenticate(acs3Request({ nonce: "n-1" }));
    rejects(acs3Request({ nonce: "n-1" }), "SignatureNonceUsed", 400, auth);
  });

  it("accepts only the signature's exact lower-case hex (compared as bytes)", () => {
    const auth = authenticator();
    const request = acs3Request();
    const header = request.headers.authorization as string;
    const signature = header.slice(header.lastIndexOf("=") + 1);
    const withSignature = (s: string): SignedRequest => ({ ...request, headers: { ...request.headers, authorization: header.slice(0, header.lastIndexOf("=") + 1) + s } });
    for (const bad of [signature.toUpperCase(), signature.slice(0, 62), `${signature}00`, `${signature.slice(0, 63)}g`, `${signature.slice(0, 63)}${signature[63] === "0" ? "1" : "0"}`]) {
      rejects(withSignature(bad), "SignatureDoesNotMatch", 400, auth);
    }
    expect(auth.authenticate(withSignature(signature)).scheme).toBe("acs3");
  });

  it("checks each call against its own secret when two keys share a scope shape", () => {
    const auth = authenticator();
    expect(auth.authenticate(acs3Request({ accessKeyId: "AK2", secret: "S2" })).accessKeyId).toBe("AK2");
    rejects(acs3Request({ accessKeyId: "AK2", secret: SECRET }), "SignatureDoesNotMatch", 400, auth);
    expect(auth.authenticate(acs3Request()).accessKeyId).toBe(AK);
  });

  it("remembers canonical queries per frozen query, never across queries", () => {
    const auth = authenticator();
    const frozen = (request: SignedRequest): SignedRequest =>
      ({ ...request, queryPairs: Object.freeze(request.queryPairs.map((pair) => Object.freeze([...pair]))) as unknown as SignedRequest["queryPairs"] });
    const hangzhou = frozen(acs3Request({ query: { RegionId: "cn-hangzhou", MaxResults: "10" } }));
    expect(auth.authenticate(hangzhou).scheme).toBe("acs3");
    // The same frozen query again (a new nonce and signature), as the HTTP layer's QueryCache hands it.
    const again = acs3Request({ query: { RegionId: "cn-hangzhou", MaxResults: "10" } });
    expect(auth.authenticate({ ...again, queryPairs: hangzhou.queryPairs }).scheme).toBe("acs3");
    // Another frozen query under a signature made for the first one is refused.
    const signedForHangzhou = acs3Request({ query: { RegionId: "cn-hangzhou", MaxResults: "10" } });
    const beijing = frozen(acs3Request({ query: { RegionId: "cn-beijing", MaxResults: "10" } }));
    rejects({ ...signedForHangzhou, queryPairs: beijing.queryPairs }, "SignatureDoesNotMatch", 400, auth);
    expect(auth.authenticate(beijing).scheme).toBe("acs3");
  });

  it("rejects a request without any signature with IncompleteSignature", () => {
    rejects({ method: "POST", headers: { "x-acs-action": "DescribeVpcs" }, queryPairs: [], bodyPairs: [], body: Buffer.alloc(0) }, "IncompleteSignature", 400);
  });
});

describe("RequestAuthenticator, legacy HMAC-SHA1", () => {
  it("accepts a GET signed like the SDK's v2 signer", () => {
    expect(authenticator().authenticate(rpcRequest({}))).toEqual({ accessKeyId: AK, scheme: "rpc-hmac-sha1" });
  });

  it("accepts parameters in a form body", () => {
    const query = rpcRequest({}, SECRET, "POST");
    const all = query.queryPairs;
    const request: SignedRequest = { ...query, queryPairs: all.slice(0, 3), bodyPairs: all.slice(3) };
    expect(authenticator().authenticate(request).scheme).toBe("rpc-hmac-sha1");
  });

  it.each([
    ["a wrong secret", rpcRequest({}, "wrong"), "SignatureDoesNotMatch", 400],
    ["an unknown key", rpcRequest({ AccessKeyId: "nobody" }), "InvalidAccessKeyId.NotFound", 404],
    ["an old Timestamp", rpcRequest({ Timestamp: iso(NOW - 20 * 60_000) }), "InvalidTimeStamp.Expired", 400],
    ["another SignatureMethod", rpcRequest({ SignatureMethod: "HMAC-SHA256" }), "InvalidParameter", 400],
    ["no SignatureNonce", rpcRequest({ SignatureNonce: "" }), "MissingParameter", 400],
  ])("rejects %s", (_name, request, code, status) => {
    rejects(request, code, status);
  });

  it("rejects a replayed request with SignatureNonceUsed", () => {
    const auth = authenticator();
    const request = rpcRequest({ SignatureNonce: "same" });
    auth.authenticate(request);
    rejects(request, "SignatureNonceUsed", 400, auth);
  });
});

describe("payloadSha256", () => {
  it("hashes the empty body to the constant the SDK sends", () => {
    expect(payloadSha256(Buffer.alloc(0))).toBe(EMPTY_PAYLOAD_SHA256);
    expect(EMPTY_PAYLOAD_SHA256).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
