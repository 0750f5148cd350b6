import { describe, expect, it } from "vitest";
import { PRODUCT_VERSIONS } from "../../../../emulator/actions/action";
import type { ActionDefinition } from "../../../../emulator/actions/action";
import { ActionRouter, ActionTableError } from "../../../../emulator/http/action-router";
import { CredentialStore, CredentialStoreError } from "../../../../emulator/http/credentials";
import { NonceCache } from "../../../../emulator/http/nonce-cache";
import { parseParamString } from "../../../../emulator/http/query-string";
import type { ParamPairs } from "../../../../emulator/http/query-string";
import { RequestLog } from "../../../../emulator/http/request-log";
import { newRequestId } from "../../../../emulator/http/response-writer";

const parse = (text: string): ParamPairs => {
  const pairs: ParamPairs = [];
  parseParamString(text, pairs, new Set());
  return pairs;
};

describe("parseParamString", () => {
  it("decodes keys and values, %20 and + as spaces, keeps order", () => {
    expect(parse("B=2&A=x%20y+z&Tag.1.Key=k%3Dv&Empty=&Bare")).toEqual([
      ["B", "2"], ["A", "x y z"], ["Tag.1.Key", "k=v"], ["Empty", ""], ["Bare", ""],
    ]);
  });

  it("rejects a duplicated key, naming it", () => {
    expect(() => parse("A=1&A=2")).toThrow(expect.objectContaining({ code: "InvalidParameter", message: expect.stringContaining('"A"') }));
  });

  it("rejects a key repeated between query and body", () => {
    const seen = new Set<string>();
    parseParamString("A=1", [], seen);
    expect(() => parseParamString("A=1", [], seen)).toThrow(expect.objectContaining({ code: "InvalidParameter" }));
  });

  it("rejects a malformed escape, naming the component", () => {
    expect(() => parse("A=%E0%A4%A")).toThrow('"A=%E0%A4%A"');
  });
});

const action = (product: "Ecs" | "Vpc", name: string): ActionDefinition => ({ product, name, mutates: false, handle: () => ({}) });

describe("ActionRouter", () => {
  const router = new ActionRouter([action("Ecs", "DescribeNetworkInterfaces"), action("Vpc", "DescribeVpcs")]);

  it("routes on version and action", () => {
    expect(router.resolve(PRODUCT_VERSIONS.Ecs, "DescribeNetworkInterfaces").name).toBe("DescribeNetworkInterfaces");
    expect(router.resolve(PRODUCT_VERSIONS.Vpc, "DescribeVpcs").product).toBe("Vpc");
  });

  it.each([
    ["an unknown action", PRODUCT_VERSIONS.Ecs, "DescribeEverything"],
    ["an action of the other product", PRODUCT_VERSIONS.Ecs, "DescribeVpcs"],
    ["an unknown version", "2099-01-01", "DescribeVpcs"],
  ])("answers %s with InvalidAction.NotFound (404)", (_name, version, name) => {
    expect(() => router.resolve(version, name)).toThrow(expect.objectContaining({ code: "InvalidAction.NotFound", httpStatus: 404 }));
  });

  it("refuses a table that defines an action twice", () => {
    expect(() => new ActionRouter([action("Ecs", "A"), action("Ecs", "A")])).toThrow(ActionTableError);
  });
});

describe("CredentialStore", () => {
  it("refuses an empty list, an empty secret and a duplicate id", () => {
    expect(() => new CredentialStore([])).toThrow(CredentialStoreError);
    expect(() => new CredentialStore([{ accessKeyId: "a", accessKeySecret: "" }])).toThrow(CredentialStoreError);
    expect(() => new CredentialStore([{ accessKeyId: "a", accessKeySecret: "s" }, { accessKeyId: "a", accessKeySecret: "t" }])).toThrow(
      '"a" is configured twice',
    );
  });
});

describe("NonceCache", () => {
  it("refuses a nonce inside the window and forgets it after", () => {
    const cache = new NonceCache(1000);
    expect(cache.remember("n", 0, 0)).toBe(true);
    expect(cache.remember("n", 0, 999)).toBe(false);
    expect(cache.remember("other", 1001, 1001)).toBe(true);
    expect(cache.size).toBe(1);
    expect(cache.remember("n", 1001, 1001)).toBe(true);
  });

  it("stays within its hard ceiling", () => {
    const cache = new NonceCache(60_000, 3);
    for (let i = 0; i < 10; i++) cache.remember(`n${i}`, 0, 0);
    expect(cache.size).toBe(3);
  });
});

describe("RequestLog", () => {
  const record = (log: RequestLog, action: string): void =>
    log.record(Date.parse("2026-01-01T00:00:00Z"), 1.23456, 200, null, {
      product: "Ecs", action, fault: null, params: new Map([["RegionId", "cn-hangzhou"]]),
    });

  it("keeps the newest entries in order, filters by action and clears", () => {
    const log = new RequestLog(3);
    for (const name of ["A", "B", "A", "C", "A"]) record(log, name);
    expect(log.list().map((e) => `${e.seq}${e.action}`)).toEqual(["3A", "4C", "5A"]);
    expect(log.list("A").map((e) => e.seq)).toEqual([3, 5]);
    expect(log.list()[0]).toMatchObject({ time: "2026-01-01T00:00:00.000Z", durationMs: 1.235, params: { RegionId: "cn-hangzhou" } });
    log.clear();
    expect(log.list()).toEqual([]);
  });
});

describe("newRequestId", () => {
  it("looks like the cloud's upper-case UUID and never repeats", () => {
    const ids = Array.from({ length: 1000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
