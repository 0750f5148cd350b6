/**
 * Flipping sourceDestCheck changes what the kernel does, as the model says it will; and the two
 * places found where the kernel and the model part ways, pinned so that they stay visible.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Topology } from "../../../simulator/model/topology";
import { EXAMPLES_DIR, exampleTopology, LAB_SKIP_REASON, LabFixture, suiteName, verdicts } from "./lab-helpers";

const fixture = new LabFixture("fl");
afterEach(() => fixture.teardown());
afterAll(() => fixture.remove());

const withCheck = (topology: Topology, check: Record<string, boolean>): Topology => ({
  ...topology,
  networkInterfaces: topology.networkInterfaces.map((e) => (e.id in check ? { ...e, sourceDestCheck: check[e.id]! } : e)),
});

describe.skipIf(LAB_SKIP_REASON !== undefined)(suiteName("lab: flipping the check changes the kernel's answer"), () => {
  it("nat-instance: with the check off on the NAT's ENI the app's flows leave (masqueraded) instead of being dropped", async () => {
    const flows = join(EXAMPLES_DIR, "nat-instance", "flows.yaml");
    const on = verdicts(await fixture.run(await fixture.up(exampleTopology("nat-instance")), flows));
    const off = await fixture.run(await fixture.up(withCheck(exampleTopology("nat-instance"), { "eni-nat": false })), flows);
    expect(on["app-to-internet-https"]).toEqual(["DENIED_INGRESS", "DENIED_INGRESS"]);
    expect(verdicts(off)).toEqual({
      "app-to-internet-https": ["EXITS_NETWORK", "EXITS_NETWORK"],
      "app-to-internet-dns": ["EXITS_NETWORK", "EXITS_NETWORK"],
      "nat-own-updates": ["EXITS_NETWORK", "EXITS_NETWORK"],
    });
    expect(off.drops).toEqual([]);
    // The NAT really masqueraded: the internet saw its address, not the app's.
    expect(off.lab.flows.find((f) => f.name === "app-to-internet-dns")!.arrivedFrom).toEqual(["10.0.0.10"]);
  });

  it("router: with the check off the on-premises reply is delivered, and the route back to the router loops (NO_ROUTE in both)", async () => {
    const lab = await fixture.up(withCheck(exampleTopology("router"), { "eni-router-a": false, "eni-router-b": false }));
    const report = await fixture.run(lab, join(EXAMPLES_DIR, "router", "flows.yaml"));
    expect(verdicts(report)).toEqual({
      "a-to-onprem": ["NO_ROUTE", "NO_ROUTE"],
      "onprem-to-a": ["ACCEPTED", "ACCEPTED"],
      "a-to-router-ssh": ["ACCEPTED", "ACCEPTED"],
    });
    // Routed unchanged: the workload sees the on-premises address.
    expect(report.lab.flows.find((f) => f.name === "onprem-to-a")!.arrivedFrom).toEqual(["172.16.4.20"]);
  });

  it("plain-web: turning the check on (can-enable) changes nothing for its own traffic", async () => {
    const lab = await fixture.up(withCheck(exampleTopology("plain-web"), { "eni-web": true }));
    const report = await fixture.run(lab, join(EXAMPLES_DIR, "plain-web", "flows.yaml"));
    expect(verdicts(report)).toEqual({ "visitor-to-web": ["ACCEPTED", "ACCEPTED"], "web-to-package-mirror": ["EXITS_NETWORK", "EXITS_NETWORK"] });
  });
});

describe.skipIf(LAB_SKIP_REASON !== undefined)(suiteName("lab: the model errors the lab found, now fixed"), () => {
  it("load-balancer: an internet client of the proxy's own VIP is ACCEPTED by the kernel, and by the model (delivered on the host it enters)", async () => {
    const flows = fixture.file(
      "lb-flows.yaml",
      [
        "flows:",
        "  - {name: client-to-vip, src: 203.0.113.9, dst: 10.0.0.21, protocol: tcp, dstPort: 443}",
        "  - {name: lb-to-backend-transparent, src: 203.0.113.9, dst: 10.0.1.10, protocol: tcp, dstPort: 8080}",
        "  - {name: backend-reply-via-lb, src: 10.0.1.10, dst: 203.0.113.9, protocol: tcp, dstPort: 50000}",
        "  - {name: lb-own-to-backend, src: 10.0.0.20, dst: 10.0.1.11, protocol: udp, dstPort: 9000}",
        "  - {name: backend-to-backend-icmp, src: 10.0.1.10, dst: 10.0.1.11, protocol: icmp}",
        "  - {name: backend-to-unheld-address, src: 10.0.1.10, dst: 10.0.1.99, protocol: udp}",
      ].join("\n"),
    );
    const lab = await fixture.up(exampleTopology("load-balancer"));
    const got = verdicts(await fixture.run(lab, flows));
    expect(got).toEqual({
      // The model enters 203.0.113.9 at eni-haproxy (vtb-backend's 0.0.0.0/0 points there); the
      // host holds the VIP, so both deliver it there without crossing an ENI.
      "client-to-vip": ["ACCEPTED", "ACCEPTED"],
      "lb-to-backend-transparent": ["DENIED_EGRESS", "DENIED_EGRESS"],
      "backend-reply-via-lb": ["DENIED_INGRESS", "DENIED_INGRESS"],
      "lb-own-to-backend": ["ACCEPTED", "ACCEPTED"],
      "backend-to-backend-icmp": ["ACCEPTED", "ACCEPTED"],
      "backend-to-unheld-address": ["NO_ROUTE", "NO_ROUTE"],
    });
  });

  it("a NAT instance with policy routing forwards out of its primary ENI, in the kernel and in the model", async () => {
    // Linux routes a forwarded packet before SNAT, by its original source, which no `from <eni ip>`
    // rule matches: the main table's default route (the primary ENI) wins. The model once picked
    // the egress ENI by the address SNAT writes (the arrival ENI, with policy routing): a loop.
    const base = exampleTopology("nat-instance");
    const topology: Topology = {
      ...base,
      routeTables: base.routeTables.map((t) => (t.id === "vtb-private" ? { ...t, routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat-priv" } }] } : t)),
      instances: base.instances.map((i) => (i.id === "i-nat" ? { ...i, policyRouting: true } : i)),
      networkInterfaces: [
        { ...base.networkInterfaces[0]!, sourceDestCheck: false },
        { id: "eni-nat-priv", vswitch: "vsw-private", instance: "i-nat", primaryIp: "10.0.1.10", secondaryIps: [], sourceDestCheck: false },
        base.networkInterfaces[1]!,
      ],
    };
    const flows = fixture.file("nat-pr.yaml", "flows:\n  - {name: app-to-internet, src: 10.0.1.5, dst: 93.184.216.34, protocol: tcp, dstPort: 443}\n");
    const report = await fixture.run(await fixture.up(topology), flows);
    expect(verdicts(report)).toEqual({ "app-to-internet": ["EXITS_NETWORK", "EXITS_NETWORK"] });
    expect(report.lab.disagreements).toBe(0);
    // Without policy routing both agree: out of the primary, as the source rewritten to it.
    const plain: Topology = { ...topology, instances: base.instances };
    expect(verdicts(await fixture.run(await fixture.up(plain), flows))).toEqual({ "app-to-internet": ["EXITS_NETWORK", "EXITS_NETWORK"] });
  });
});
