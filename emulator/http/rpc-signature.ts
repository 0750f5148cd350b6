import { createHmac } from "node:crypto";
import { percentEncode } from "./percent-encoding";
import type { ParamPairs } from "./query-string";

/**
 * The legacy RPC signature (SignatureMethod=HMAC-SHA1, SignatureVersion=1.0):
 * StringToSign = METHOD & %2F & percentEncode(sorted `k=v` pairs joined by &), every key and
 * value RFC 3986 encoded; key = secret + "&"; signature = base64 HMAC-SHA1.
 * `pairs` are all parameters (query and form body) except `Signature` itself.
 */
export function rpcStringToSign(method: string, pairs: ParamPairs): string {
  const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let canonical = "";
  for (let i = 0; i < sorted.length; i++) {
    const [key, value] = sorted[i]!;
    if (i > 0) canonical += "&";
    canonical += percentEncode(key) + "=" + percentEncode(value);
  }
  return method + "&%2F&" + percentEncode(canonical);
}

export function rpcSignature(secret: string, stringToSign: string): string {
  return createHmac("sha1", secret + "&").update(stringToSign).digest("base64");
}
