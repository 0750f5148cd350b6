/** The harness's pure value conventions (secrets, Struct round-trip), table-driven. */
import { describe, expect, it } from "vitest";
import {
  PropertyValueError,
  annotateSecrets,
  containsSecrets,
  fromStruct,
  parseUrn,
  secret,
  stripSecrets,
  toPropertyMap,
  toStruct,
} from "../../support/provider-host";
import type { PropertyMap } from "../../support/provider-host";

describe("stripSecrets", () => {
  it.each<[string, PropertyMap, PropertyMap]>([
    ["top level", { a: secret("s"), b: 1 }, { a: "s", b: 1 }],
    ["nested in object", { o: { k: secret(true) } }, { o: { k: true } }],
    ["nested in array", { l: [1, secret(2)] }, { l: [1, 2] }],
    ["secret of object holding secret", { a: secret({ b: secret("x") }) }, { a: { b: "x" } }],
  ])("%s", (_name, input, expected) => {
    expect(stripSecrets(input)).toEqual(expected);
    expect(containsSecrets(stripSecrets(input))).toBe(false);
    expect(containsSecrets(input)).toBe(true);
  });
});

describe("annotateSecrets (the engine's re-marking for providers that refuse secrets)", () => {
  it.each<[string, PropertyMap, PropertyMap, PropertyMap]>([
    ["same key", { pw: "p", id: "x" }, { pw: secret("p") }, { pw: secret("p"), id: "x" }],
    ["changed value stays secret", { pw: "other" }, { pw: secret("p") }, { pw: secret("other") }],
    ["nested path", { o: { k: 1, j: 2 } }, { o: { k: secret(1) } }, { o: { k: secret(1), j: 2 } }],
    ["array element", { l: ["a", "b"] }, { l: ["a", secret("b")] }, { l: ["a", secret("b")] }],
    ["output without input untouched", { extra: "e" }, { pw: secret("p") }, { extra: "e" }],
    ["already secret not double-wrapped", { pw: secret("p") }, { pw: secret("p") }, { pw: secret("p") }],
  ])("%s", (_name, outs, ins, expected) => {
    expect(annotateSecrets(outs, ins)).toEqual(expected);
  });
});

describe("Struct round trip", () => {
  it("keeps JSON values, drops undefined, keeps null", () => {
    const map = { s: "x", n: 1.5, b: false, z: null, l: [1, "a", null], o: { d: { e: 1 } }, u: undefined } as unknown as PropertyMap;
    expect(fromStruct(toStruct(map), "t")).toEqual({ s: "x", n: 1.5, b: false, z: null, l: [1, "a", null], o: { d: { e: 1 } } });
  });

  it("rejects a non-object with an error naming the thing and what is allowed", () => {
    expect(() => toPropertyMap([1], "outputs")).toThrow(PropertyValueError);
    expect(() => toPropertyMap({ f: () => 1 }, "outputs")).toThrow(/outputs\.f has value a function; allowed:/);
  });
});

describe("parseUrn", () => {
  it("splits type and name, even when the name holds colons", () => {
    expect(parseUrn("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface::nat:eni")).toEqual({
      type: "pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface",
      name: "nat:eni",
    });
  });
  it("refuses something that is not a urn", () => {
    expect(() => parseUrn("eni-123")).toThrow(/is not of the form/);
  });
});
