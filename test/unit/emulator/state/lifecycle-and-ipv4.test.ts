import { describe, expect, it } from "vitest";
import { cidrContains, formatIpv4, isUsableHost, parseCidr, parseIpv4, usableRange } from "../../../../emulator/state/ipv4";
import { isSettled, statusAt, transition } from "../../../../emulator/state/lifecycle";

describe("lifecycle timelines", () => {
  const steps = transition(1000, "Attaching", ["InUse", 200]);

  it.each([
    [999, "Attaching", false],
    [1000, "Attaching", false],
    [1199, "Attaching", false],
    [1200, "InUse", true],
    [5000, "InUse", true],
  ] as const)("at %i the status is %s (settled: %s)", (now, status, settled) => {
    expect(statusAt(steps, now)).toBe(status);
    expect(isSettled(steps, now)).toBe(settled);
  });

  it("chains several steps", () => {
    const chain = transition(0, "Pending", ["Starting", 100], ["Running", 50]);
    expect([0, 99, 100, 149, 150].map((t) => statusAt(chain, t))).toEqual(["Pending", "Pending", "Starting", "Starting", "Running"]);
  });

  it("refuses an empty timeline", () => {
    expect(() => statusAt([], 0)).toThrow(/at least one step/);
  });
});

describe("IPv4 and CIDR", () => {
  it.each([
    ["10.0.0.1", 167772161],
    ["255.255.255.255", 4294967295],
    ["0.0.0.0", 0],
  ])("parses %s", (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });

  it.each(["10.0.0", "10.0.0.256", "10.00.0.1", "a.b.c.d", "10.0.0.1.2", ""])("rejects %j", (text) => {
    expect(parseIpv4(text)).toBeUndefined();
  });

  it.each(["10.0.0.1/24", "10.0.0.0/33", "10.0.0.0", "10.0.0.0/x"])("rejects CIDR %j", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it("keeps network, gateway and the last three addresses out of the usable range", () => {
    const cidr = parseCidr("10.0.3.0/29")!;
    const { first, last } = usableRange(cidr);
    expect([formatIpv4(first), formatIpv4(last)]).toEqual(["10.0.3.2", "10.0.3.4"]);
    expect(["10.0.3.0", "10.0.3.1", "10.0.3.5", "10.0.3.7"].map((ip) => isUsableHost(cidr, parseIpv4(ip)!))).toEqual([false, false, false, false]);
    expect(cidrContains(cidr, parseIpv4("10.0.3.7")!)).toBe(true);
    expect(cidrContains(cidr, parseIpv4("10.0.3.8")!)).toBe(false);
  });
});
