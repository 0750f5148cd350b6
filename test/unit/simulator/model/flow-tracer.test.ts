import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatIpv4 } from "../../../../simulator/model/ipv4";
import { traceFlow } from "../../../../simulator/model/flow-tracer";
import { flowRow } from "../../../../simulator/model/evaluate";
import { indexTopology } from "../../../../simulator/model/topology-index";
import type { Topology } from "../../../../simulator/model/topology";
import type { DeclaredFlow } from "../../../../simulator/traffic/records";
import { ModelError } from "../../../../simulator/errors";
import { eni, natTopology } from "./fixtures";

const flow = (src: string, dst: string, extra: Partial<DeclaredFlow> = {}): DeclaredFlow => ({ name: `${src}->${dst}`, src, dst, protocol: "tcp", dstPort: 443, ...extra });

describe("traceFlow: NAT instance", () => {
  it("is stopped at the NAT's ingress when its check is on", () => {
    const trace = traceFlow(indexTopology(natTopology(true)), flow("10.0.1.5", "93.184.216.34"));
    expect(trace.disposition).toBe("DENIED_INGRESS");
    expect(trace.denial).toMatchObject({ eni: 0, direction: "ingress", reason: "not-destination" });
    expect(flowRow(trace).hops).toEqual([
      "eni-app origin 10.0.1.5 is eni-app (instance i-app)",
      "eni-app egress ok source 10.0.1.5 is its own",
      "vtb-private route 0.0.0.0/0 -> eni-nat",
      "eni-nat ingress DENIED (not-destination: destination 93.184.216.34 is not its own; check on)",
    ]);
  });

  it("leaves the network through the NAT with the check off, its source rewritten", () => {
    const trace = traceFlow(indexTopology(natTopology(false)), flow("10.0.1.5", "93.184.216.34"));
    expect(trace.disposition).toBe("EXITS_NETWORK");
    const hops = flowRow(trace).hops;
    expect(hops).toContain("eni-nat forward snat: source rewritten to 10.0.0.10, out by eni-nat");
    expect(hops).toContain("eni-nat egress ok source 10.0.0.10 is its own");
    expect(hops[hops.length - 1]).toBe("vtb-public exit next hop Internet leaves the VPC");
    expect(trace.foreign).toEqual([{ eni: 0, direction: "ingress", src: 0x0a000105, dst: 0x5db8d822 }]);
  });

  it("starts a reply from outside at the instance the return route points at", () => {
    const trace = traceFlow(indexTopology(natTopology(true)), flow("93.184.216.34", "10.0.1.5"));
    expect(trace.disposition).toBe("DENIED_EGRESS");
    expect(trace.denial?.reason).toBe("spoofed-source");
    expect(flowRow(trace).hops[0]).toBe("eni-nat origin 93.184.216.34 is outside the topology; it enters at eni-nat (instance i-nat) (vtb-private: 0.0.0.0/0 -> eni-nat)");
  });

  it("delivers inside a vSwitch by its system route", () => {
    const t = natTopology(true);
    const topology: Topology = { ...t, networkInterfaces: [...t.networkInterfaces, eni("eni-db", "vsw-private", undefined, "10.0.1.6", "00:16:3e:00:00:05", true)] };
    const trace = traceFlow(indexTopology(topology), flow("10.0.1.5", "10.0.1.6"));
    expect(trace.disposition).toBe("ACCEPTED");
    expect(flowRow(trace).hops).toContain("vtb-private route 10.0.1.0/24 -> local");
  });

  it("is NO_ROUTE to an address nobody holds inside a vSwitch", () => {
    expect(traceFlow(indexTopology(natTopology(true)), flow("10.0.1.5", "10.0.1.200")).disposition).toBe("NO_ROUTE");
  });

  it("accepts a flow from the internet to an ENI with no route back (EIP)", () => {
    const t = natTopology(true);
    const topology: Topology = { ...t, routeTables: [{ id: "vtb-private", routes: [] }, t.routeTables[1]!] };
    const trace = traceFlow(indexTopology(topology), flow("203.0.113.9", "10.0.1.5"));
    expect(trace.disposition).toBe("ACCEPTED");
    expect(traceFlow(indexTopology(topology), flow("203.0.113.9", "198.51.100.1")).disposition).toBe("NO_ROUTE");
  });

  it("rejects a flow whose address is not IPv4, naming the flow", () => {
    expect(() => traceFlow(indexTopology(natTopology(true)), { name: "bad", src: "10.0.1.5", dst: "example.com", protocol: "tcp" })).toThrow(ModelError);
    expect(() => traceFlow(indexTopology(natTopology(true)), { name: "bad", src: "10.0.1.5", dst: "example.com", protocol: "tcp" })).toThrow(/flow "bad": dst "example.com"/);
  });
});

describe("traceFlow: routers, loops and multi-ENI hosts", () => {
  function routerTopology(check: boolean, forwarding: "route" | "none"): Topology {
    return {
      region: "cn-shanghai",
      vswitches: [
        { id: "vsw-a", cidr: "10.1.0.0/24", routeTable: "vtb-a" },
        { id: "vsw-b", cidr: "10.2.0.0/24", routeTable: "vtb-b" },
      ],
      routeTables: [
        { id: "vtb-a", routes: [{ destination: "10.9.0.0/16", nextHop: { type: "Instance", id: "i-router" } }] },
        { id: "vtb-b", routes: [{ destination: "10.9.0.0/16", nextHop: { type: "NetworkInterface", id: "eni-a" } }] },
      ],
      instances: [
        { id: "i-router", forwarding },
        { id: "i-a", forwarding: "none" },
      ],
      networkInterfaces: [
        eni("eni-router", "vsw-a", "i-router", "10.1.0.1", "00:16:3e:00:01:01", check, { primary: true }),
        eni("eni-router-b", "vsw-b", "i-router", "10.2.0.1", "00:16:3e:00:01:02", check),
        eni("eni-a", "vsw-a", "i-a", "10.1.0.5", "00:16:3e:00:01:03", true),
        eni("eni-b", "vsw-b", undefined, "10.2.0.5", "00:16:3e:00:01:04", true),
      ],
    };
  }

  it("a routing instance forwards unchanged and its egress check drops the foreign source", () => {
    const t = routerTopology(false, "route");
    const topology: Topology = {
      ...t,
      routeTables: [{ id: "vtb-a", routes: [{ destination: "10.2.0.5/32", nextHop: { type: "Instance", id: "i-router" } }] }, t.routeTables[1]!],
      networkInterfaces: t.networkInterfaces.map((e) => (e.id === "eni-router-b" ? { ...e, sourceDestCheck: true } : e)),
    };
    const trace = traceFlow(indexTopology(topology), flow("10.1.0.5", "10.2.0.5"));
    expect(trace.disposition).toBe("DENIED_EGRESS");
    expect(trace.denial).toMatchObject({ eni: 1, direction: "egress", reason: "spoofed-source" });
    expect(flowRow(trace).hops).toContain("eni-router forward routed unchanged, out by eni-router-b");
    expect(trace.foreign.map((p) => `${p.eni}/${p.direction}`)).toEqual(["0/ingress", "1/egress"]);
  });

  it("stops a routing loop", () => {
    const t = routerTopology(false, "route");
    const topology: Topology = { ...t, networkInterfaces: t.networkInterfaces.map((e) => (e.id === "eni-router-b" ? { ...e, sourceDestCheck: true } : e)) };
    const trace = traceFlow(indexTopology(topology), flow("10.1.0.5", "10.9.0.1"));
    // vtb-a sends 10.9/16 to i-router (primary eni-router, check off); it routes by destination: no connected
    // subnet holds 10.9.0.1, so out by its primary again, back to vtb-a -> i-router: a loop.
    expect(trace.disposition).toBe("NO_ROUTE");
    expect(flowRow(trace).hops.some((h) => h.includes("routing loop"))).toBe(true);
  });

  it("a routing instance that reaches the destination's subnet delivers with both checks off", () => {
    const trace = traceFlow(indexTopology(routerTopology(false, "route")), flow("10.1.0.5", "10.2.0.5", { name: "a-to-b" }));
    // Local delivery: 10.2.0.0/24 is a system route in vtb-a, so the router is not on the path.
    expect(trace.disposition).toBe("ACCEPTED");
  });

  it("an instance that does not forward discards with NO_ROUTE", () => {
    const trace = traceFlow(indexTopology(routerTopology(false, "none")), flow("10.1.0.5", "10.9.0.1"));
    expect(trace.disposition).toBe("NO_ROUTE");
    expect(flowRow(trace).hops.at(-1)).toBe("eni-router discard DENIED instance i-router does not forward (forwarding: none)");
  });

  it("a multi-ENI host without policy routing sends a secondary ENI's traffic out of its primary ENI", () => {
    const index = indexTopology(routerTopology(true, "none"));
    const trace = traceFlow(index, flow("10.2.0.1", "203.0.113.7"));
    expect(trace.disposition).toBe("DENIED_EGRESS");
    expect(flowRow(trace).hops[0]).toContain("leaves by eni-router (no policy routing");
    // With policy routing it leaves by the ENI that owns its source and passes.
    const t = routerTopology(true, "none");
    const withPbr: Topology = { ...t, instances: t.instances.map((i) => (i.id === "i-router" ? { ...i, policyRouting: true } : i)) };
    expect(traceFlow(indexTopology(withPbr), flow("10.2.0.1", "203.0.113.7")).disposition).toBe("EXITS_NETWORK");
  });
});

describe("traceFlow properties", () => {
  const uint32 = fc.integer({ min: 0, max: 0xffffffff });
  const interesting = fc.constantFrom("10.0.1.5", "10.0.0.10", "10.0.1.77", "93.184.216.34", "10.0.0.200");
  const address = fc.oneof(interesting, uint32.map(formatIpv4));

  it("never denies anything when every ENI has the check off", () => {
    const t = natTopology(false, { sourceDestCheckDefault: false });
    const index = indexTopology({ ...t, networkInterfaces: t.networkInterfaces.map((e) => ({ ...e, sourceDestCheck: false })) });
    fc.assert(
      fc.property(address, address, (src, dst) => {
        const d = traceFlow(index, flow(src, dst)).disposition;
        expect(d === "DENIED_EGRESS" || d === "DENIED_INGRESS").toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("never denies a flow between an ENI's own addresses, whatever the check", () => {
    const t = natTopology(true);
    const own = ["10.0.0.10", "10.0.0.11", "10.0.0.12"];
    const index = indexTopology({ ...t, networkInterfaces: [{ ...t.networkInterfaces[0]!, secondaryIps: own.slice(1) }, t.networkInterfaces[1]!] });
    fc.assert(
      fc.property(fc.constantFrom(...own), fc.constantFrom(...own), (src, dst) => {
        const trace = traceFlow(index, flow(src, dst));
        expect(trace.denial).toBeUndefined();
        expect(trace.disposition).toBe("ACCEPTED");
      }),
    );
  });
});

describe("traceFlow: a destination on the sending host", () => {
  // i-app gets a second ENI in vsw-public; eni-app's check is on.
  const twoEnis = (): Topology => {
    const t = natTopology(true);
    return { ...t, networkInterfaces: [...t.networkInterfaces, eni("eni-app-2", "vsw-public", "i-app", "10.0.0.20", "00:16:3e:00:00:05", true)] };
  };

  it("is delivered locally when the instance holds the destination on another ENI: no ENI crossed, nothing judged", () => {
    const trace = traceFlow(indexTopology(twoEnis()), flow("10.0.1.5", "10.0.0.20"));
    expect(trace.disposition).toBe("ACCEPTED");
    expect(trace.denial).toBeUndefined();
    expect(trace.foreign).toEqual([]);
    expect(flowRow(trace).hops[1]).toBe("eni-app-2 deliver ok 10.0.0.20 is eni-app-2 on the same host (instance i-app): delivered locally, no ENI crossed");
  });

  it("is delivered locally when an outside source enters at the instance that holds the destination", () => {
    // vtb-private's 0.0.0.0/0 -> eni-nat makes an outside source enter at i-nat; 10.0.0.10 is its own.
    const trace = traceFlow(indexTopology(natTopology(true)), flow("93.184.216.34", "10.0.0.10"));
    expect(trace.disposition).toBe("ACCEPTED");
    expect(trace.denial).toBeUndefined();
  });

  it("still crosses the network to another instance's address", () => {
    const trace = traceFlow(indexTopology(twoEnis()), flow("10.0.0.20", "10.0.0.10"));
    expect(trace.disposition).toBe("ACCEPTED");
    const hops = flowRow(trace).hops;
    expect(hops).toContain("eni-app-2 egress ok source 10.0.0.20 is its own");
    expect(hops.some((h) => h.includes("delivered locally"))).toBe(false);
  });
});

describe("traceFlow: a NAT with policy routing and a second ENI as the next hop", () => {
  it("forwards out of the ENI the OS routes the original source by (the primary), masqueraded to its address", () => {
    const t = natTopology(false);
    const topology: Topology = {
      ...t,
      routeTables: t.routeTables.map((r) => (r.id === "vtb-private" ? { ...r, routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat-priv" } }] } : r)),
      instances: t.instances.map((i) => (i.id === "i-nat" ? { ...i, policyRouting: true } : i)),
      networkInterfaces: [...t.networkInterfaces, eni("eni-nat-priv", "vsw-private", "i-nat", "10.0.1.10", "00:16:3e:00:00:06", false)],
    };
    const trace = traceFlow(indexTopology(topology), flow("10.0.1.5", "93.184.216.34"));
    expect(trace.disposition).toBe("EXITS_NETWORK");
    expect(flowRow(trace).hops).toContain("eni-nat-priv forward snat: source rewritten to 10.0.0.10, out by eni-nat");
  });
});
