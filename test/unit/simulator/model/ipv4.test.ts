import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cidrContains, formatIpv4, formatMac, parseCidr, parseIpv4, parseMac, tryParseIpv4 } from "../../../../simulator/model/ipv4";
import { ModelError } from "../../../../simulator/errors";

describe("ipv4", () => {
  it.each([
    ["0.0.0.0", 0],
    ["10.0.0.1", 0x0a000001],
    ["255.255.255.255", 0xffffffff],
    ["192.168.1.1", 0xc0a80101],
  ])("parses %s", (text, value) => {
    expect(parseIpv4(text, "x")).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });

  it.each(["256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "a.b.c.d", "", "1.2.3.-1", " 1.2.3.4"])("rejects %j", (text) => {
    expect(tryParseIpv4(text)).toBeUndefined();
    expect(() => parseIpv4(text, "eni-a address")).toThrow(ModelError);
    expect(() => parseIpv4(text, "eni-a address")).toThrow(/eni-a address.*not an IPv4 address/);
  });

  it("round-trips every uint32", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => parseIpv4(formatIpv4(v), "x") === v));
  });

  it("parses CIDRs, clearing host bits, and tests containment", () => {
    const c = parseCidr("10.0.1.77/24", "r");
    expect(c).toEqual({ network: 0x0a000100, prefixLength: 24 });
    expect(cidrContains(c, parseIpv4("10.0.1.255", "x"))).toBe(true);
    expect(cidrContains(c, parseIpv4("10.0.2.0", "x"))).toBe(false);
    expect(cidrContains(parseCidr("0.0.0.0/0", "r"), 0xffffffff)).toBe(true);
    expect(parseCidr("1.2.3.4", "r")).toEqual({ network: 0x01020304, prefixLength: 32 });
  });

  it.each(["10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "10.0.0.0/08", "x/1"])("rejects CIDR %j naming the field", (text) => {
    try {
      parseCidr(text, "route table vtb-1 route 1");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ModelError);
      expect((err as ModelError).code).toBe("INVALID_CIDR");
      expect((err as Error).message).toContain("route table vtb-1 route 1");
    }
  });

  it("parses and formats MACs as 48-bit integers", () => {
    expect(parseMac("00:16:3e:00:00:01", "m")).toBe(0x00163e000001);
    expect(parseMac("FF-FF-FF-FF-FF-FF", "m")).toBe(0xffffffffffff);
    expect(formatMac(0x00163e0a0b0c)).toBe("00:16:3e:0a:0b:0c");
    expect(() => parseMac("00:16:3e:00:00", "eni-a mac")).toThrow(/eni-a mac/);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (v) => parseMac(formatMac(v), "m") === v));
  });
});
