import { describe, expect, it } from "vitest";
import { checkRouteEntry } from "../../../provider/route-entry/check";
import { diffRouteEntry } from "../../../provider/route-entry/diff";
import type { RouteEntryOutputs } from "../../../provider/route-entry/types";
import { UNKNOWN_VALUE } from "../../../provider/shared/unknown-value";

const base = { routeTableId: "vtb-1", destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: "eni-1" };

describe("checkRouteEntry", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["bad cidr", { ...base, destinationCidrBlock: "10.0.0.0/33" }, "destinationCidrBlock", /"10\.0\.0\.0\/33"; allowed: an IPv4 CIDR/],
    ["not a cidr", { ...base, destinationCidrBlock: "10.0.0.1" }, "destinationCidrBlock", /IPv4 CIDR/],
    ["bad hop type", { ...base, nextHopType: "VpnGateway" }, "nextHopType", /"VpnGateway"; allowed: "NetworkInterface" \| "Instance"/],
    ["missing hop type", { ...base, nextHopType: undefined }, "nextHopType", /required/],
    ["id of the wrong kind", { ...base, nextHopType: "Instance" }, "nextHopId", /does not fit nextHopType Instance.*"i-"/],
    ["missing table", { ...base, routeTableId: undefined }, "routeTableId", /required/],
  ])("%s", (_label, news, property, reason) => {
    const failure = checkRouteEntry({}, news).failures.find((f) => f.property === property);
    expect(failure).toBeDefined();
    expect(failure?.reason).toMatch(reason);
  });
  it("accepts valid and unknown values", () => {
    expect(checkRouteEntry({}, base).failures).toEqual([]);
    expect(checkRouteEntry({}, { ...base, nextHopType: "Instance", nextHopId: "i-1" }).failures).toEqual([]);
    expect(checkRouteEntry({}, { ...base, nextHopId: UNKNOWN_VALUE, destinationCidrBlock: UNKNOWN_VALUE }).failures).toEqual([]);
  });
});

describe("diffRouteEntry", () => {
  const olds: RouteEntryOutputs = { ...base, nextHopType: "NetworkInterface", kind: "alicloud-eni:RouteEntry", routeEntryId: "rte-1", status: "Available", regionId: "cn-hangzhou" };
  it.each<[string, Record<string, unknown>, string[], boolean]>([
    ["unchanged", {}, [], false],
    ["next hop", { nextHopId: "eni-2" }, ["nextHopId"], true],
    ["next hop type", { nextHopType: "Instance", nextHopId: "i-1" }, ["nextHopType", "nextHopId"], true],
    ["destination", { destinationCidrBlock: "10.0.0.0/8" }, ["destinationCidrBlock"], false],
    ["unknown hop", { nextHopId: UNKNOWN_VALUE }, ["nextHopId"], true],
  ])("%s", (_label, change, replaces, deleteFirst) => {
    const result = diffRouteEntry(olds, { ...base, nextHopType: "NetworkInterface", ...change } as never);
    expect(result).toEqual({ changes: replaces.length > 0, replaces, deleteBeforeReplace: deleteFirst });
  });
});
