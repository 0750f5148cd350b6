import { describe, expect, it } from "vitest";
import { ObservedTraffic } from "../../../../simulator/model/observed-traffic";
import { buildCheckReport } from "../../../../simulator/model/evaluate";
import { indexTopology } from "../../../../simulator/model/topology-index";
import { classifyScenario } from "../../../../simulator/model/scenario-hints";
import { parseIpv4 } from "../../../../simulator/model/ipv4";
import type { Topology } from "../../../../simulator/model/topology";
import type { Finding } from "../../../../simulator/model/check-report";
import { GATEWAY_MAC, eni, natTopology, packet } from "./fixtures";

function findingsOf(topology: Topology, feed: (sink: ObservedTraffic) => void = () => {}): Finding[] {
  const index = indexTopology(topology);
  const sink = new ObservedTraffic(index);
  feed(sink);
  return [...buildCheckReport(index, sink).findings];
}

/** One forwarding host in vsw-a, a plain web ENI beside it; no route points anywhere. */
function hostTopology(instance: Topology["instances"][number], check: boolean | undefined, region = "cn-beijing"): Topology {
  return {
    region,
    vswitches: [{ id: "vsw-a", cidr: "10.1.0.0/24", routeTable: "vtb-a" }],
    routeTables: [{ id: "vtb-a", routes: [] }],
    instances: [instance, { id: "i-web", forwarding: "none" }],
    networkInterfaces: [eni("eni-host", "vsw-a", instance.id, "10.1.0.1", "00:16:3e:00:02:01", check), eni("eni-web", "vsw-a", "i-web", "10.1.0.2", "00:16:3e:00:02:02", false)],
  };
}

const forwarded = (sink: ObservedTraffic, protocol = 6, port = 443): void => {
  sink.packet(packet(GATEWAY_MAC, "00:16:3e:00:02:01", "198.51.100.4", "10.1.0.77", 100, protocol, 5000, port));
};

describe("findings", () => {
  it("must-disable for a routed-to NAT with no traffic yet: the route is the evidence", () => {
    const f = findingsOf(natTopology(undefined)).find((x) => x.eni === "eni-nat")!;
    expect(f).toMatchObject({ kind: "must-disable", scenario: "nat", evidence: { flows: 0, packets: 0, bytes: 0, routes: ["vtb-private: 0.0.0.0/0 -> eni-nat"] } });
    expect(f.message).toContain("left unset");
  });

  it.each<[string, Topology["instances"][number], (s: ObservedTraffic) => void, string]>([
    ["vpn by name", { id: "i-1", forwarding: "route", name: "strongswan-vpn" }, (s) => forwarded(s), "vpn"],
    ["vpn by IKE traffic on its own address", { id: "i-1", forwarding: "route" }, (s) => {
      forwarded(s);
      s.packet(packet(GATEWAY_MAC, "00:16:3e:00:02:01", "203.0.113.1", "10.1.0.1", 200, 17, 4500, 4500));
    }, "vpn"],
    ["load balancer by tag", { id: "i-1", forwarding: "route", tags: { app: "haproxy" } }, (s) => forwarded(s), "load-balancer"],
    ["explicit role tag", { id: "i-1", forwarding: "snat", tags: { role: "load-balancer" } }, (s) => forwarded(s), "load-balancer"],
    ["nat by forwarding", { id: "i-1", forwarding: "snat" }, (s) => forwarded(s), "nat"],
    ["router by forwarding", { id: "i-1", forwarding: "route" }, (s) => forwarded(s), "routing"],
    ["firewall by name", { id: "i-1", forwarding: "none", name: "edge-firewall" }, (s) => forwarded(s), "routing"],
    ["other", { id: "i-1", forwarding: "none" }, (s) => forwarded(s), "other"],
  ])("classifies the scenario: %s", (_name, instance, feed, scenario) => {
    const f = findingsOf(hostTopology(instance, true), feed).find((x) => x.eni === "eni-host")!;
    expect(f.kind).toBe("must-disable");
    expect(f.scenario).toBe(scenario);
    expect(f.fix).toBe("set sourceDestCheck: false on eni-host");
    expect(f.evidence).toMatchObject({ flows: 1, packets: 1, bytes: 100 });
  });

  it("multi-eni: asymmetric replies through the primary ENI get the policy-routing advice", () => {
    const t = hostTopology({ id: "i-1", forwarding: "none" }, true);
    const topology: Topology = {
      ...t,
      vswitches: [...t.vswitches, { id: "vsw-b", cidr: "10.2.0.0/24" }],
      networkInterfaces: [...t.networkInterfaces, eni("eni-host-2", "vsw-b", "i-1", "10.2.0.9", "00:16:3e:00:02:03", true)],
    };
    const f = findingsOf(topology, (s) => {
      // a request came in on eni-host-2; the reply leaves by the primary ENI with eni-host-2's address
      s.packet(packet("00:16:3e:00:02:01", GATEWAY_MAC, "10.2.0.9", "198.51.100.4", 300));
    }).find((x) => x.eni === "eni-host")!;
    expect(f.scenario).toBe("multi-eni");
    expect(f.fix).toContain("policy-based routing on i-1");
    expect(f.fix).toContain("or set sourceDestCheck: false on eni-host");
  });

  it("can-enable: check off, no foreign traffic, no route, no forwarding", () => {
    const findings = findingsOf(hostTopology({ id: "i-1", forwarding: "snat" }, false), (s) => {
      s.packet(packet("00:16:3e:00:02:02", GATEWAY_MAC, "10.1.0.2", "198.51.100.4"));
    });
    expect(findings).toEqual([
      expect.objectContaining({ eni: "eni-web", kind: "can-enable", fix: "set sourceDestCheck: true on eni-web" }),
    ]);
  });

  it("no can-enable when foreign traffic was seen with the check off", () => {
    const findings = findingsOf(hostTopology({ id: "i-1", forwarding: "none" }, false), (s) => {
      s.packet(packet(GATEWAY_MAC, "00:16:3e:00:02:02", "198.51.100.4", "10.1.0.99"));
    });
    expect(findings.map((f) => f.eni)).toEqual(["eni-host"]);
  });

  it("unsupported-region: sourceDestCheck true outside the 28 regions, never a drop there", () => {
    const index = indexTopology(hostTopology({ id: "i-1", forwarding: "snat" }, true, "cn-nowhere-1"));
    const sink = new ObservedTraffic(index);
    forwarded(sink);
    const report = buildCheckReport(index, sink);
    expect(report.drops).toEqual([]);
    expect(report.findings).toEqual([expect.objectContaining({ eni: "eni-host", kind: "unsupported-region" })]);
    expect(report.region).toEqual({ id: "cn-nowhere-1", sourceDestCheckSupported: false });
  });

  it("declared flows through a forwarder count as evidence", () => {
    const index = indexTopology(natTopology(true));
    const sink = new ObservedTraffic(index);
    sink.declaredFlow({ name: "a", src: "10.0.1.5", dst: "1.1.1.1", protocol: "tcp", dstPort: 443 });
    sink.declaredFlow({ name: "b", src: "10.0.1.5", dst: "1.1.1.1", protocol: "udp", dstPort: 53, expect: "dropped" });
    const report = buildCheckReport(index, sink);
    expect(report.findings.find((f) => f.eni === "eni-nat")!.evidence!.flows).toBe(2);
    expect(report.summary).toEqual({ flows: 2, allowed: 0, dropped: 2, unexpected: 1 });
    expect(report.drops.map((d) => d.flow)).toEqual(["a", "b"]);
  });

  it("classifyScenario ignores cloud ids that happen to spell a keyword", () => {
    const index = indexTopology({ ...hostTopology({ id: "i-bp1nat2xq9ztc0rgk7w", forwarding: "none" }, true) });
    expect(classifyScenario(index.enis[0]!, { siblingFlows: 0, vpnTraffic: false, routesPointHere: false })).toBe("other");
    expect(parseIpv4("10.1.0.1", "x")).toBe(index.enis[0]!.ips[0]);
  });
});
