import { badRequest } from "../errors";
import type { ApiError } from "../errors";
import { decodeComponent } from "./percent-encoding";

/** Decoded `key=value` pairs in arrival order; keys are unique (duplicates are rejected). */
export type ParamPairs = Array<[string, string]>;

const duplicated = (key: string): ApiError =>
  badRequest("InvalidParameter", `The parameter "${key}" is given more than once; each parameter may appear only once.`);

const malformed = (part: string): ApiError =>
  badRequest("InvalidParameter", `The query component "${part}" is not valid percent-encoding.`);

/**
 * Parses an `a=1&b=2` string (URL query or form body) into `into`, rejecting malformed escapes
 * and duplicated keys: the signature covers each key once, so a duplicate is ambiguous.
 * `seen` is shared between the query and the form body so a key cannot hide in both.
 */
export function parseParamString(text: string, into: ParamPairs, seen: Set<string>): void {
  if (text.length === 0) return;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end < 0) end = text.length;
    if (end > start) {
      const part = text.slice(start, end);
      const eq = part.indexOf("=");
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? "" : part.slice(eq + 1);
      const key = decodeComponent(rawKey);
      const value = decodeComponent(rawValue);
      if (key === undefined || value === undefined) throw malformed(part);
      if (seen.has(key)) throw duplicated(key);
      seen.add(key);
      into.push([key, value]);
    }
    start = end + 1;
  }
}
