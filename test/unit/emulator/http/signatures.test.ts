import { OpenApiUtil } from "@alicloud/openapi-core";
import { describe, expect, it } from "vitest";
import {
  EMPTY_PAYLOAD_SHA256,
  acs3Signature,
  acs3StringToSign,
  canonicalQuery,
  parseAcs3Authorization,
} from "../../../../emulator/http/acs3-signature";
import { percentEncode } from "../../../../emulator/http/percent-encoding";
import type { ParamPairs } from "../../../../emulator/http/query-string";
import { rpcSignature, rpcStringToSign } from "../../../../emulator/http/rpc-signature";

const SECRET = "EmulatorDevSecret0000000000000000";

/** Signs with the official SDK's own helper, so the emulator is checked against the real client. */
function sdkAuthorization(query: Record<string, string>, headers: Record<string, string>): string {
  // getAuthorization reads only these four fields of the SDK's request object.
  const request = { method: "POST", pathname: "/", query, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  return OpenApiUtil.getAuthorization(request, "ACS3-HMAC-SHA256", EMPTY_PAYLOAD_SHA256, "AKID", SECRET);
}

const HEADERS = {
  host: "127.0.0.1:8080",
  "x-acs-action": "DescribeNetworkInterfaces",
  "x-acs-version": "2014-05-26",
  "x-acs-date": "2026-01-01T00:00:00Z",
  "x-acs-signature-nonce": "n-1",
  "x-acs-content-sha256": EMPTY_PAYLOAD_SHA256,
  "user-agent": "not signed",
};

describe("ACS3-HMAC-SHA256", () => {
  const cases: [string, Record<string, string>][] = [
    ["no parameters", {}],
    ["plain parameters", { RegionId: "cn-hangzhou", "NetworkInterfaceId.1": "eni-1", PageSize: "10" }],
    ["values needing RFC 3986 encoding", { Description: "a b*c'(d)!~é/+", "Tag.1.Key": "k=v&x" }],
    ["JSON-string list", { InstanceIds: '["i-1","i-2"]', RegionId: "cn-hangzhou" }],
  ];
  it.each(cases)("matches the official SDK's Authorization for %s", (_name, query) => {
    const expected = sdkAuthorization(query, HEADERS);
    const auth = parseAcs3Authorization(expected);
    const pairs: ParamPairs = Object.entries(query);
    const stringToSign = acs3StringToSign("POST", canonicalQuery(pairs, true), HEADERS, auth, EMPTY_PAYLOAD_SHA256);
    expect(acs3Signature(SECRET, stringToSign)).toBe(auth.signature);
    expect(acs3Signature("other-secret", stringToSign)).not.toBe(auth.signature);
  });

  it("signs exactly the headers the SDK lists (host, content-type, x-acs-*)", () => {
    const auth = parseAcs3Authorization(sdkAuthorization({}, HEADERS));
    expect(auth.accessKeyId).toBe("AKID");
    expect(auth.signedHeaders).toEqual([
      "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version",
    ]);
  });

  it("detects a changed parameter value", () => {
    const query = { RegionId: "cn-hangzhou" };
    const auth = parseAcs3Authorization(sdkAuthorization(query, HEADERS));
    const tampered = acs3StringToSign("POST", canonicalQuery([["RegionId", "cn-beijing"]], true), HEADERS, auth, EMPTY_PAYLOAD_SHA256);
    expect(acs3Signature(SECRET, tampered)).not.toBe(auth.signature);
  });

  it.each([
    ["another algorithm", "ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=x", "Unsupported signature algorithm"],
    ["missing Signature", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;x-acs-date", "Credential, SignedHeaders and Signature"],
    ["nonce not signed", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;x-acs-action;x-acs-version;x-acs-date,Signature=x", "x-acs-signature-nonce"],
  ])("rejects a malformed Authorization (%s) with IncompleteSignature", (_name, header, fragment) => {
    expect(() => parseAcs3Authorization(header)).toThrow(expect.objectContaining({ code: "IncompleteSignature", httpStatus: 400 }));
    expect(() => parseAcs3Authorization(header)).toThrow(fragment);
  });
});

describe("legacy HMAC-SHA1", () => {
  it.each([
    [{ Action: "DescribeVpcs", RegionId: "cn-hangzhou", SignatureNonce: "1", Timestamp: "2026-01-01T00:00:00Z" }],
    [{ Action: "CreateNetworkInterface", Description: "a b*c'(d)!~é", "Tag.1.Key": "k=v&x" }],
  ])("matches the official SDK's getRPCSignature (%#)", (params) => {
    const expected = OpenApiUtil.getRPCSignature(params, "POST", SECRET);
    expect(rpcSignature(SECRET, rpcStringToSign("POST", Object.entries(params)))).toBe(expected);
    expect(rpcSignature(SECRET, rpcStringToSign("GET", Object.entries(params)))).not.toBe(expected);
  });
});

describe("percentEncode", () => {
  it.each([
    ["abc-_.~XYZ09", "abc-_.~XYZ09"],
    ["a b", "a%20b"],
    ["*'()!", "%2A%27%28%29%21"],
    ["é/+=&", "%C3%A9%2F%2B%3D%26"],
  ])("%s → %s", (input, output) => {
    expect(percentEncode(input)).toBe(output);
  });
});
