import { describe, expect, it } from "vitest";
import { LabError } from "../../../simulator/lab/errors";
import { blueprintNamespaces, buildBlueprint, chooseGateway, chooseUplink } from "../../../simulator/lab/lab-blueprint";
import { parseCidr, parseIpv4, formatIpv4 } from "../../../simulator/model/ipv4";
import { indexTopology } from "../../../simulator/model/topology-index";
import type { Topology } from "../../../simulator/model/topology";
import { EXAMPLES, exampleTopology } from "./lab-fixtures";

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof LabError ? e.code : `not a LabError: ${String(e)}`;
  }
  return undefined;
};

describe("buildBlueprint", () => {
  it("nat-instance: one bridge per vSwitch at .253, one host per instance, the check as the cloud would enforce it", () => {
    const b = buildBlueprint("t", exampleTopology("nat-instance"));
    expect(b.bridges).toEqual([
      { vswitch: "vsw-private", name: "br0", cidr: "10.0.1.0/24", prefixLength: 24, gateway: "10.0.1.253" },
      { vswitch: "vsw-public", name: "br1", cidr: "10.0.0.0/24", prefixLength: 24, gateway: "10.0.0.253" },
    ]);
    expect(b.hosts.map((h) => [h.namespace, h.instance, h.forwarding, h.ports])).toEqual([
      ["es-t-h0", "i-nat", "snat", [0]],
      ["es-t-h1", "i-app", "none", [1]],
    ]);
    // eni-nat leaves the check unset; the account default (true) applies, as in the model.
    expect(b.ports.map((p) => [p.eni, p.port, p.ifname, p.bridge, p.mac, p.addresses, p.gateway, p.checked])).toEqual([
      ["eni-nat", "p0", "eth0", "br1", "00:16:3e:00:00:01", ["10.0.0.10"], "10.0.0.253", true],
      ["eni-app", "p1", "eth0", "br0", "00:16:3e:00:00:02", ["10.0.1.5"], "10.0.1.253", true],
    ]);
    expect(blueprintNamespaces(b)).toEqual(["es-t-vpc", "es-t-net", "es-t-h0", "es-t-h1"]);
  });

  it("nat-instance: each route table routes its bridges; an ENI next hop goes via the ENI's primary IP", () => {
    const b = buildBlueprint("t", exampleTopology("nat-instance"));
    const privateTable = b.tables.find((t) => t.id === "vtb-private")!;
    expect(privateTable.number).toBe(1000);
    expect(privateTable.bridges).toEqual(["br0"]);
    expect(privateTable.routes).toEqual([
      { destination: "10.0.1.0/24", target: { kind: "connected", dev: "br0" }, origin: "vSwitch vsw-private" },
      { destination: "10.0.0.0/24", target: { kind: "connected", dev: "br1" }, origin: "vSwitch vsw-public" },
      { destination: "0.0.0.0/0", target: { kind: "eni", via: "10.0.0.10", dev: "br1", eni: "eni-nat" }, origin: "vtb-private route 1" },
    ]);
    const publicTable = b.tables.find((t) => t.id === "vtb-public")!;
    expect(publicTable.routes.at(-1)).toEqual({ destination: "0.0.0.0/0", target: { kind: "exit", via: b.uplink.internetAddress, dev: "up0" }, origin: "vtb-public route 1" });
  });

  it("router: an Instance next hop resolves to its primary ENI; Other leaves the VPC; tables without a default get one to the internet", () => {
    const b = buildBlueprint("r", exampleTopology("router"));
    const a = b.tables.find((t) => t.id === "vtb-a")!;
    expect(a.routes.find((r) => r.destination === "172.16.0.0/12")!.target).toEqual({ kind: "eni", via: "10.1.0.1", dev: "br0", eni: "eni-router-a" });
    expect(a.routes.at(-1)!.origin).toBe("lab: no route matches, it leaves the VPC");
    const bt = b.tables.find((t) => t.id === "vtb-b")!;
    expect(bt.routes.find((r) => r.destination === "10.1.0.0/16")!.target).toEqual({ kind: "eni", via: "10.2.0.1", dev: "br1", eni: "eni-router-b" });
    expect(bt.routes.find((r) => r.destination === "172.16.0.0/12")!.target.kind).toBe("exit");
    // Two ENIs of one instance share its host: eth0 and eth1.
    expect(b.hosts[0]!.ports.map((o) => b.ports[o]!.ifname)).toEqual(["eth0", "eth1"]);
  });

  it("multi-eni: the check left unset without an account default is on (the model's default)", () => {
    const b = buildBlueprint("m", exampleTopology("multi-eni"));
    expect(b.ports.map((p) => p.checked)).toEqual([true, true]);
  });

  it("plain-web: an ENI with the check off gets no rule; secondary IPs are kept in order", () => {
    const b = buildBlueprint("w", exampleTopology("plain-web"));
    expect(b.ports[0]!.checked).toBe(false);
    expect(b.ports[0]!.addresses).toEqual(["10.0.5.10", "10.0.5.11"]);
  });

  it("a region without the check enforces nothing, as the cloud", () => {
    const topology: Topology = { ...exampleTopology("router"), region: "me-central-1" };
    expect(buildBlueprint("x", topology).ports.every((p) => !p.checked)).toBe(true);
  });

  it.each(EXAMPLES)("%s: every gateway and uplink address is free of the plan's addresses and inside its vSwitch", (name) => {
    const topology = exampleTopology(name);
    const b = buildBlueprint("e", topology);
    const owned = new Set(topology.networkInterfaces.flatMap((e) => [e.primaryIp, ...e.secondaryIps]));
    for (const bridge of b.bridges) {
      expect(owned.has(bridge.gateway)).toBe(false);
      const cidr = parseCidr(bridge.cidr, "test");
      expect(((parseIpv4(bridge.gateway, "test") & (0xffffffff << (32 - cidr.prefixLength))) >>> 0) === cidr.network).toBe(true);
    }
    expect(owned.has(b.uplink.vpcAddress) || owned.has(b.uplink.internetAddress)).toBe(false);
  });

  it("an ENI without an instance gets a host of its own", () => {
    const base = exampleTopology("plain-web");
    const topology: Topology = { ...base, networkInterfaces: [...base.networkInterfaces, { id: "eni-spare", vswitch: "vsw-web", primaryIp: "10.0.5.20", secondaryIps: [] }] };
    const b = buildBlueprint("u", topology);
    expect(b.hosts.map((h) => h.label)).toEqual(["i-web", "unattached eni-spare"]);
    expect(b.hosts[1]!.instance).toBeUndefined();
  });

  it("a custom route for a vSwitch's own prefix loses to the vSwitch's route (as in the VPC)", () => {
    const base = exampleTopology("nat-instance");
    const topology: Topology = {
      ...base,
      routeTables: base.routeTables.map((t) => (t.id === "vtb-private" ? { ...t, routes: [{ destination: "10.0.0.0/24", nextHop: { type: "Internet" as const } }, ...t.routes] } : t)),
    };
    const table = buildBlueprint("s", topology).tables.find((t) => t.id === "vtb-private")!;
    expect(table.routes.filter((r) => r.destination === "10.0.0.0/24")).toEqual([{ destination: "10.0.0.0/24", target: { kind: "connected", dev: "br1" }, origin: "vSwitch vsw-public" }]);
  });

  it("vSwitches naming no route table are routed by a system table", () => {
    const base = exampleTopology("plain-web");
    const topology: Topology = { ...base, vswitches: base.vswitches.map(({ routeTable: _unused, ...vs }) => vs), routeTables: [] };
    const b = buildBlueprint("y", topology);
    expect(b.tables.map((t) => [t.id, t.number, t.bridges])).toEqual([["system", 999, ["br0"]]]);
  });

  it("refuses a bad lab name before anything else", () => {
    expect(codeOf(() => buildBlueprint("Bad Name", exampleTopology("router")))).toBe("INVALID_LAB_NAME");
  });
});

describe("chooseGateway", () => {
  const cidr = parseCidr("10.0.0.0/24", "test");
  it("takes .253 as the cloud does, then the next free address from the top", () => {
    expect(formatIpv4(chooseGateway("v", cidr, new Set()))).toBe("10.0.0.253");
    expect(formatIpv4(chooseGateway("v", cidr, new Set([parseIpv4("10.0.0.253", "t")])))).toBe("10.0.0.254");
    expect(formatIpv4(chooseGateway("v", cidr, new Set(["10.0.0.253", "10.0.0.254"].map((a) => parseIpv4(a, "t")))))).toBe("10.0.0.252");
  });
  it("refuses a vSwitch too small for a gateway and an ENI, and one whose every address is taken", () => {
    expect(codeOf(() => chooseGateway("v", parseCidr("10.0.0.0/31", "t"), new Set()))).toBe("UNSUPPORTED_TOPOLOGY");
    const slash30 = parseCidr("10.0.0.0/30", "t");
    expect(codeOf(() => chooseGateway("v", slash30, new Set([parseIpv4("10.0.0.1", "t"), parseIpv4("10.0.0.2", "t")])))).toBe("UNSUPPORTED_TOPOLOGY");
  });
});

describe("chooseUplink", () => {
  it("skips a link network the plan routes or holds", () => {
    const base = exampleTopology("router");
    const topology: Topology = { ...base, routeTables: [...base.routeTables, { id: "vtb-c", routes: [{ destination: "100.64.0.0/10", nextHop: { type: "Other" } }] }] };
    expect(chooseUplink(indexTopology(topology)).cidr).toBe("198.18.255.252/30");
    expect(chooseUplink(indexTopology(base))).toEqual({ cidr: "100.127.255.252/30", vpcAddress: "100.127.255.253", internetAddress: "100.127.255.254", prefixLength: 30 });
  });
});
