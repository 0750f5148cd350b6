/**
 * The point of the lab: for every declared flow of the examples, the kernel (namespaces, bridges,
 * routes, nftables) gives the disposition the model's flow tracer gives.
 */
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { EXAMPLES_DIR, LAB_SKIP_REASON, LabFixture, suiteName, verdicts } from "./lab-helpers";

const fixture = new LabFixture("ex");
afterEach(() => fixture.teardown());
afterAll(() => fixture.remove());

describe.skipIf(LAB_SKIP_REASON !== undefined)(suiteName("lab: the kernel agrees with the model on the examples"), () => {
  it.each([
    ["nat-instance", { "app-to-internet-https": "DENIED_INGRESS", "app-to-internet-dns": "DENIED_INGRESS", "nat-own-updates": "EXITS_NETWORK" }],
    ["router", { "a-to-onprem": "DENIED_INGRESS", "onprem-to-a": "DENIED_EGRESS", "a-to-router-ssh": "ACCEPTED" }],
    ["vpn-endpoint", { "office-to-db": "DENIED_EGRESS", "db-to-office": "DENIED_INGRESS", "ike-from-office": "ACCEPTED" }],
    ["multi-eni", { "ssh-reply-from-eth1-address": "DENIED_EGRESS", "https-reply-from-eth0-address": "EXITS_NETWORK", "eth1-to-mgmt-subnet": "NO_ROUTE" }],
    // The check correctly left on (well, off here, and nothing needs it): everything passes.
    ["plain-web", { "visitor-to-web": "ACCEPTED", "web-to-package-mirror": "EXITS_NETWORK" }],
  ] as const)("%s: every declared flow", async (example, expected) => {
    const lab = await fixture.up(join(EXAMPLES_DIR, example, "topology.yaml"));
    const report = await fixture.run(lab, join(EXAMPLES_DIR, example, "flows.yaml"));
    const got = verdicts(report);
    expect(Object.fromEntries(Object.entries(got).map(([name, [kernel]]) => [name, kernel]))).toEqual(expected);
    for (const [name, [kernel, model]] of Object.entries(got)) expect(kernel, `${example} ${name}: kernel vs model`).toBe(model);
    expect(report.lab.disagreements).toBe(0);
  });

  it("nat-instance: the drops are counted by the kernel at the NAT's ENI, with the addresses it saw", async () => {
    const lab = await fixture.up(join(EXAMPLES_DIR, "nat-instance", "topology.yaml"));
    const report = await fixture.run(lab, join(EXAMPLES_DIR, "nat-instance", "flows.yaml"));
    const dns = report.drops.find((d) => d.flow === "app-to-internet-dns")!;
    expect(dns).toMatchObject({ eni: "eni-nat", direction: "ingress", reason: "not-destination", src: "10.0.1.5", dst: "8.8.8.8" });
    expect(dns.count).toBeGreaterThanOrEqual(1);
    expect(dns.bytes).toBeGreaterThan(0);
    // The same shape as check's report: summary, drops, findings, flows.
    expect(report.summary).toEqual({ flows: 3, allowed: 1, dropped: 2, unexpected: 2 });
    expect(report.flows!.find((f) => f.name === "app-to-internet-https")!.asExpected).toBe(false);
  });
});
