import { describe, expect, it } from "vitest";
import { QueryCache } from "../../../../emulator/http/query-cache";
import { parseParamString } from "../../../../emulator/http/query-string";
import type { ParamPairs } from "../../../../emulator/http/query-string";

const PROTOCOL = new Set(["Signature", "Timestamp"]);
const cache = (maxEntries?: number, maxTextLength?: number): QueryCache =>
  new QueryCache((key) => !PROTOCOL.has(key), maxEntries, maxTextLength);

describe("QueryCache", () => {
  it("parses like parseParamString, and keeps only the action's parameters in params", () => {
    const text = "RegionId=cn-hangzhou&Tag.1.Key=a%20b&Signature=xyz&Timestamp=t";
    const expected: ParamPairs = [];
    parseParamString(text, expected, new Set());
    const parsed = cache().parse(text);
    expect(parsed.pairs).toEqual(expected);
    expect([...parsed.keys]).toEqual(expected.map(([key]) => key));
    expect(Object.fromEntries(parsed.params)).toEqual({ RegionId: "cn-hangzhou", "Tag.1.Key": "a b" });
  });

  it("hands the same frozen parse for the same text, and a new one for another text", () => {
    const queries = cache();
    const first = queries.parse("A=1&B=2");
    expect(queries.parse("A=1&B=2")).toBe(first);
    expect(Object.isFrozen(first.pairs) && first.pairs.every((pair) => Object.isFrozen(pair))).toBe(true);
    expect(() => (first.pairs as unknown as unknown[]).push(["C", "3"])).toThrow(TypeError);
    expect(queries.parse("A=1&B=3").pairs).toEqual([["A", "1"], ["B", "3"]]);
    expect(queries.parse("B=2&A=1")).not.toBe(first);
  });

  it("throws for a malformed or duplicated text every time (nothing is kept)", () => {
    const queries = cache();
    for (let i = 0; i < 2; i++) {
      expect(() => queries.parse("A=1&A=2")).toThrow(expect.objectContaining({ code: "InvalidParameter" }));
      expect(() => queries.parse("A=%zz")).toThrow(expect.objectContaining({ code: "InvalidParameter" }));
    }
  });

  it("stays bounded: starts afresh past maxEntries and does not keep long texts", () => {
    const queries = cache(2, 10);
    const a = queries.parse("A=1");
    queries.parse("B=1");
    expect(queries.parse("A=1")).toBe(a);
    queries.parse("C=1"); // third entry: the cache starts afresh
    expect(queries.parse("A=1")).not.toBe(a);
    const long = "Long=12345678";
    expect(queries.parse(long)).not.toBe(queries.parse(long));
  });
});
