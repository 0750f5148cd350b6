/** Report and topology fixtures shared by the report tests (unit and the Chromium integration test). */
import type { CheckReport, DropRow, Finding } from "../../../../simulator/model/check-report";
import type { NetworkInterface, Topology } from "../../../../simulator/model/topology";

/** Seed 001's classic case: three app ENIs route 0.0.0.0/0 through a NAT instance whose ENI has the check on. */
export function natTopology(): Topology {
  return {
    region: "cn-hangzhou",
    sourceDestCheckDefault: true,
    vswitches: [
      { id: "vsw-private", cidr: "10.0.1.0/24", routeTable: "vtb-private" },
      { id: "vsw-public", cidr: "10.0.0.0/24", routeTable: "vtb-public" },
    ],
    routeTables: [
      { id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat" } }] },
      { id: "vtb-public", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Internet" } }] },
    ],
    instances: [
      { id: "i-nat", forwarding: "snat" },
      { id: "i-app-1", forwarding: "none" },
      { id: "i-app-2", forwarding: "none" },
      { id: "i-app-3", forwarding: "none" },
    ],
    networkInterfaces: [
      { id: "eni-nat", vswitch: "vsw-public", instance: "i-nat", primaryIp: "10.0.0.10", secondaryIps: [], sourceDestCheck: true },
      { id: "eni-app-1", vswitch: "vsw-private", instance: "i-app-1", primaryIp: "10.0.1.11", secondaryIps: [], sourceDestCheck: true },
      { id: "eni-app-2", vswitch: "vsw-private", instance: "i-app-2", primaryIp: "10.0.1.12", secondaryIps: [] },
      { id: "eni-app-3", vswitch: "vsw-private", instance: "i-app-3", primaryIp: "10.0.1.13", secondaryIps: ["10.0.1.113"], sourceDestCheck: false },
    ],
  };
}

export function natReport(): CheckReport {
  return {
    summary: { flows: 5, allowed: 2, dropped: 3 },
    drops: [
      { eni: "eni-nat", direction: "ingress", reason: "not-destination", src: "10.0.1.11", dst: "203.0.113.7", count: 1234, bytes: 1_650_000 },
      { eni: "eni-nat", direction: "ingress", reason: "not-destination", src: "10.0.1.12", dst: "198.51.100.20", count: 56, bytes: 7_200 },
      { eni: "eni-nat", direction: "ingress", reason: "not-destination", src: "10.0.1.113", dst: "203.0.113.7", count: 7, bytes: 840 },
    ],
    findings: [
      {
        eni: "eni-nat",
        kind: "must-disable",
        scenario: "nat",
        message: "eni-nat forwards for 3 flows (1,297 packets) as a NAT instance and a route points at it",
        evidence: { flows: 3, packets: 1297, bytes: 1_658_040, routes: ["vtb-private: 0.0.0.0/0 -> eni-nat"] },
        fix: "sourceDestCheck: false on eni-nat",
      },
      { eni: "eni-app-3", kind: "can-enable", message: "eni-app-3 forwards nothing and no route points at it" },
    ],
    flows: [
      { name: "app-1 to internet", src: "10.0.1.11", dst: "203.0.113.7", protocol: "tcp", dstPort: 443, disposition: "DENIED_INGRESS", expect: "allowed", asExpected: false, hops: ["eni-app-1 egress ok", "vtb-private 0.0.0.0/0 -> eni-nat", "eni-nat ingress DENIED (not-destination)"] },
      { name: "app-1 to app-2", src: "10.0.1.11", dst: "10.0.1.12", protocol: "tcp", dstPort: 8080, disposition: "ACCEPTED", asExpected: true, hops: ["eni-app-1 egress ok", "eni-app-2 ingress ok"] },
    ],
  };
}

/** A bigger account: `groups` vSwitches of `perGroup` single-ENI instances plus one router ENI. */
export function largeTopology(groups = 5, perGroup = 6): { topology: Topology; report: CheckReport } {
  const vswitches = [];
  const routeTables = [];
  const instances = [];
  const enis: NetworkInterface[] = [];
  const drops: DropRow[] = [];
  const findings: Finding[] = [];
  for (let g = 0; g < groups; g += 1) {
    vswitches.push({ id: `vsw-zone-${g}`, cidr: `10.${g}.0.0/24`, routeTable: `vtb-${g}` });
    for (let k = 0; k < perGroup; k += 1) {
      const id = `eni-${g}-${k}`;
      const isRouter = k === 0;
      instances.push({ id: `i-${g}-${k}`, forwarding: isRouter ? ("route" as const) : ("none" as const) });
      enis.push({ id, vswitch: `vsw-zone-${g}`, instance: `i-${g}-${k}`, primaryIp: `10.${g}.0.${10 + k}`, secondaryIps: [], sourceDestCheck: isRouter ? g % 2 === 0 : undefined });
    }
    const nextGroup = (g + 1) % groups;
    routeTables.push({ id: `vtb-${g}`, routes: [{ destination: `10.${nextGroup}.0.0/24`, nextHop: { type: "NetworkInterface" as const, id: `eni-${g}-0` } }] });
    if (g % 2 === 0) {
      for (let k = 1; k < 3; k += 1) {
        drops.push({ eni: `eni-${g}-0`, direction: "ingress", reason: "not-destination", src: `10.${g}.0.${10 + k}`, dst: `10.${nextGroup}.0.11`, count: 100 * (k + g), bytes: 9000 * (k + g) });
      }
      drops.push({ eni: `eni-${g}-0`, direction: "ingress", reason: "not-destination", src: `172.16.${g}.9`, dst: `10.${nextGroup}.0.12`, count: 42, bytes: 4200 });
      findings.push({ eni: `eni-${g}-0`, kind: "must-disable", scenario: "routing", message: `eni-${g}-0 routes traffic for vsw-zone-${g}`, fix: `sourceDestCheck: false on eni-${g}-0` });
    }
  }
  const dropped = drops.length;
  return {
    topology: { region: "cn-shanghai", sourceDestCheckDefault: false, vswitches, routeTables, instances, networkInterfaces: enis },
    report: { summary: { flows: dropped + 20, allowed: 20, dropped }, drops, findings },
  };
}

/** A NAT instance serving `groups` private vSwitches of `perGroup` app ENIs; every `every`-th app ENI is dropped at the NAT ENI. */
export function natFleet(groups = 3, perGroup = 10, every = 2): { topology: Topology; report: CheckReport } {
  const nat = "eni-bp1natgw0000000000000";
  const enis: NetworkInterface[] = [{ id: nat, vswitch: "vsw-public", instance: "i-nat", primaryIp: "10.0.0.10", secondaryIps: [], sourceDestCheck: true }];
  const drops: DropRow[] = [];
  for (let v = 0; v < groups; v += 1) {
    for (let k = 0; k < perGroup; k += 1) {
      const ip = `10.0.${v + 1}.${10 + k}`;
      enis.push({ id: `eni-bp1app${v}${String(k).padStart(2, "0")}00000000000`, vswitch: `vsw-private-${v}`, instance: `i-app-${v}-${k}`, primaryIp: ip, secondaryIps: [] });
      if (k % every === 0) drops.push({ eni: nat, direction: "ingress", reason: "not-destination", src: ip, dst: "203.0.113.7", count: 1000 * (k + 1) + v, bytes: 100_000 * (k + 1) });
    }
  }
  drops.push({ eni: nat, direction: "ingress", reason: "not-destination", src: "198.51.100.1", dst: "10.0.0.10", count: 77, bytes: 7000 });
  const vswitches = Array.from({ length: groups }, (_, v) => ({ id: `vsw-private-${v}`, cidr: `10.0.${v + 1}.0/24`, routeTable: "vtb-private" }));
  return {
    topology: {
      region: "cn-hangzhou",
      sourceDestCheckDefault: true,
      vswitches: [...vswitches, { id: "vsw-public", cidr: "10.0.0.0/24", routeTable: "vtb-public" }],
      routeTables: [
        { id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: nat } }] },
        { id: "vtb-public", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Internet" } }] },
      ],
      instances: [{ id: "i-nat", forwarding: "snat" }],
      networkInterfaces: enis,
    },
    report: {
      summary: { flows: 100, allowed: 100 - drops.length, dropped: drops.length },
      drops,
      findings: [{ eni: nat, kind: "must-disable", scenario: "nat", message: `${nat} forwards for ${drops.length} flows`, fix: `sourceDestCheck: false on ${nat}` }],
    },
  };
}
