import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../emulator/errors";
import { readPaging, takePage } from "../../../../emulator/actions/paging";
import { ParamReader, requestFingerprint } from "../../../../emulator/actions/params";

const reader = (params: Record<string, string>) => ParamReader.of(new Map(Object.entries(params)));

function failure(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("ParamReader", () => {
  it.each([
    ["bool yes", { B: "yes" }, (r: ParamReader) => r.bool("B"), "InvalidParameter", ["B", "yes", "true or false"]],
    ["bool TRUE", { B: "TRUE" }, (r: ParamReader) => r.bool("B"), "InvalidParameter", ["B", "TRUE"]],
    ["int text", { N: "two" }, (r: ParamReader) => r.int("N", 1, 5), "InvalidParameter", ["N", "two", "1 to 5"]],
    ["int range", { N: "6" }, (r: ParamReader) => r.int("N", 1, 5), "InvalidParameter", ["N", "6"]],
    ["int fraction", { N: "1.5" }, (r: ParamReader) => r.int("N", 1, 5), "InvalidParameter", ["N"]],
    ["required missing", {}, (r: ParamReader) => r.requiredStr("VSwitchId"), "MissingParameter", ["VSwitchId"]],
    ["required empty", { V: "" }, (r: ParamReader) => r.requiredStr("V"), "MissingParameter", ["V"]],
    ["one of", { M: "maybe" }, (r: ParamReader) => r.oneOf("M", ["a", "b"]), "InvalidParameter", ["M", "maybe", "a, b"]],
    ["max length", { S: "x".repeat(5) }, (r: ParamReader) => r.str("S", { max: 4 }), "InvalidParameter", ["S", "at most 4"]],
    ["list index 0", { "L.0": "a" }, (r: ParamReader) => r.list("L", 5), "InvalidParameter", ["L.0"]],
    ["list index over max", { "L.6": "a" }, (r: ParamReader) => r.list("L", 5), "InvalidParameter", ["L.6"]],
    ["json not json", { J: "i-1" }, (r: ParamReader) => r.jsonList("J", 3), "InvalidParameter", ["J", "i-1"]],
    ["json too long", { J: '["a","b","c","d"]' }, (r: ParamReader) => r.jsonList("J", 3), "InvalidParameter", ["J"]],
    ["json not strings", { J: "[1]" }, (r: ParamReader) => r.jsonList("J", 3), "InvalidParameter", ["J"]],
  ])("%s", (_name, params, read, code, mentions) => {
    const error = failure(() => read(reader(params)));
    expect(error.code).toBe(code);
    for (const text of mentions) expect(error.message).toContain(text);
  });

  it("reads lists in index order and object lists with nested lists", () => {
    const r = reader({
      "L.2": "b", "L.1": "a", "L.10": "j",
      "NetworkInterface.2.VSwitchId": "vsw-2", "NetworkInterface.1.SecurityGroupIds.2": "sg-2", "NetworkInterface.1.SecurityGroupIds.1": "sg-1",
    });
    expect(r.list("L", 20)).toEqual(["a", "b", "j"]);
    expect(r.objects("NetworkInterface", 2, (n, i) => ({ i, vsw: n.str("VSwitchId"), groups: n.list("SecurityGroupIds", 5) })))
      .toEqual([{ i: 1, vsw: undefined, groups: ["sg-1", "sg-2"] }, { i: 2, vsw: "vsw-2", groups: [] }]);
    expect(() => r.finish("Test")).not.toThrow();
  });

  it("finish() names a parameter nobody read, but lets account fields through", () => {
    const r = reader({ A: "1", OwnerId: "123", Mystery: "x" });
    r.str("A");
    const error = failure(() => r.finish("CreateThing"));
    expect(error.message).toContain("Mystery");
    expect(error.message).toContain("CreateThing");
  });

  it("fingerprints ignore the token, caller fields and order", () => {
    const a = new Map([["B", "2"], ["A", "1"], ["ClientToken", "t1"], ["OwnerId", "9"]]);
    const b = new Map([["A", "1"], ["B", "2"], ["ClientToken", "t2"]]);
    expect(requestFingerprint(a)).toBe(requestFingerprint(b));
    expect(requestFingerprint(new Map([["A", "2"]]))).not.toBe(requestFingerprint(new Map([["A", "1"]])));
  });
});

describe("paging", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);
  const rules = { maxPageSize: 10, defaultPageSize: 10, token: true };

  it("page numbers: slices and reports TotalCount", () => {
    const page = takePage(items, readPaging(reader({ PageNumber: "3", PageSize: "10" }), rules));
    expect(page).toEqual({ items: [20, 21, 22], fields: { PageNumber: 3, PageSize: 10, TotalCount: 23 } });
  });

  it("tokens: walks to the end with an empty NextToken", () => {
    const walked: number[] = [];
    let token = "";
    for (let i = 0; i < 10; i++) {
      const page = takePage(items, readPaging(reader({ MaxResults: "10", ...(token ? { NextToken: token } : {}) }), rules));
      walked.push(...page.items);
      token = String(page.fields.NextToken);
      if (!token) break;
    }
    expect(walked).toEqual(items);
  });

  it.each([
    [{ PageNumber: "2", MaxResults: "5" }, "PageNumber"],
    [{ NextToken: "bogus" }, "NextToken"],
    [{ PageSize: "11" }, "PageSize"],
  ])("refuses %j", (params, name) => {
    expect(failure(() => readPaging(reader(params), rules)).message).toContain(name);
  });
});
