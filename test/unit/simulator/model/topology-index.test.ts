import { describe, expect, it } from "vitest";
import { indexTopology, effectiveCheck } from "../../../../simulator/model/topology-index";
import { ModelError } from "../../../../simulator/errors";
import { parseIpv4 } from "../../../../simulator/model/ipv4";
import { eni, natTopology } from "./fixtures";
import type { Topology } from "../../../../simulator/model/topology";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelError);
    return (err as ModelError).code;
  }
  return undefined;
}

describe("indexTopology", () => {
  it("indexes addresses, MACs, instances and routes pointing at ENIs", () => {
    const index = indexTopology(natTopology(true));
    expect(index.ipOwner.get(parseIpv4("10.0.0.10", "x"))).toBe(0);
    expect(index.macOwner.get(0x00163e000002)).toBe(1);
    expect(index.instanceEnis.get("i-nat")).toEqual([0]);
    expect(index.routesTo[0]!.map((r) => r.route.destination)).toEqual(["0.0.0.0/0"]);
    expect(index.routesTo[1]).toEqual([]);
    // The vSwitch's own CIDR is delivered locally before the default route.
    expect(index.routeTables.get("vtb-private")!.lookup(parseIpv4("10.0.1.9", "x"))!.system).toBe(true);
    expect(index.routeTables.get("vtb-private")!.lookup(parseIpv4("8.8.8.8", "x"))!.targetEni).toBe(0);
  });

  it("resolves an Instance next hop to the instance's primary ENI", () => {
    const t = natTopology(true);
    const topology: Topology = {
      ...t,
      routeTables: [{ id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Instance", id: "i-nat" } }] }, t.routeTables[1]!],
      networkInterfaces: [...t.networkInterfaces, eni("eni-nat-2", "vsw-private", "i-nat", "10.0.1.10", "00:16:3e:00:00:03", true, { primary: true })],
    };
    const index = indexTopology(topology);
    expect(index.instanceEnis.get("i-nat")).toEqual([2, 0]);
    expect(index.routesTo[2]!.length).toBe(1);
  });

  it.each<[string, (t: Topology) => Topology, string]>([
    ["duplicate ENI id", (t) => ({ ...t, networkInterfaces: [...t.networkInterfaces, { ...t.networkInterfaces[0]!, primaryIp: "10.0.0.99", mac: "00:16:3e:00:00:09" }] }), "DUPLICATE_ID"],
    ["unknown vswitch", (t) => ({ ...t, networkInterfaces: [{ ...t.networkInterfaces[0]!, vswitch: "vsw-x" }] }), "UNKNOWN_REFERENCE"],
    ["unknown route table", (t) => ({ ...t, vswitches: [{ id: "vsw-public", cidr: "10.0.0.0/24", routeTable: "vtb-x" }, t.vswitches[0]!] }), "UNKNOWN_REFERENCE"],
    ["unknown next-hop ENI", (t) => ({ ...t, routeTables: [{ id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-x" } }] }, t.routeTables[1]!] }), "UNKNOWN_REFERENCE"],
    ["shared address", (t) => ({ ...t, networkInterfaces: [t.networkInterfaces[0]!, { ...t.networkInterfaces[1]!, secondaryIps: ["10.0.0.10"] }] }), "DUPLICATE_ADDRESS"],
    ["bad address", (t) => ({ ...t, networkInterfaces: [{ ...t.networkInterfaces[0]!, primaryIp: "10.0.0.300" }] }), "INVALID_IP"],
    ["bad route CIDR", (t) => ({ ...t, routeTables: [{ id: "vtb-private", routes: [{ destination: "0.0.0.0/40", nextHop: { type: "Internet" } }] }, t.routeTables[1]!] }), "INVALID_CIDR"],
  ])("rejects a %s with a typed error", (_name, mutate, code) => {
    expect(codeOf(() => indexTopology(mutate(natTopology(true))))).toBe(code);
  });

  it("names the ENI, its origin and the known vswitches in the message", () => {
    const t = natTopology(true);
    const bad: Topology = { ...t, networkInterfaces: [{ ...t.networkInterfaces[0]!, vswitch: "vsw-x", origin: "topology.yaml:12" }] };
    expect(() => indexTopology(bad)).toThrow(/eni-nat \(topology.yaml:12\): vswitch "vsw-x" is not declared \(known: vsw-private, vsw-public\)/);
  });

  it("computes the effective check: ENI setting, else account default, else on; never outside the 28 regions", () => {
    const base = eni("e", "v", undefined, "10.0.0.1", "00:16:3e:00:00:01", undefined);
    const t = natTopology(undefined);
    expect(effectiveCheck(base, t)).toBe(true);
    expect(effectiveCheck(base, { ...t, sourceDestCheckDefault: false })).toBe(false);
    expect(effectiveCheck({ ...base, sourceDestCheck: true }, { ...t, sourceDestCheckDefault: false })).toBe(true);
    expect(effectiveCheck({ ...base, sourceDestCheck: false }, t)).toBe(false);
    expect(effectiveCheck({ ...base, sourceDestCheck: true }, { ...t, region: "cn-zhangjiakou-x" })).toBe(false);
    expect(effectiveCheck({ ...base, sourceDestCheck: true }, { ...t, region: "eu-west-1" })).toBe(true);
  });
});
