import { describe, expect, it } from "vitest";
import { blueprintNamespaces, buildBlueprint } from "../../../simulator/lab/lab-blueprint";
import { MAX_IFNAME_LENGTH } from "../../../simulator/lab/lab-names";
import { buildSteps, stepArgv, type LabStep } from "../../../simulator/lab/lab-steps";
import type { Topology } from "../../../simulator/model/topology";
import { EXAMPLES, exampleTopology } from "./lab-fixtures";

const runs = (steps: readonly LabStep[], namespace: string): string[] =>
  steps.flatMap((s) => (s.kind === "run" && s.namespace === namespace ? [s.argv.join(" ")] : []));

describe("buildSteps", () => {
  it.each(EXAMPLES)("%s: every command is confined to one of the lab's namespaces", (name) => {
    const b = buildBlueprint("conf", exampleTopology(name));
    const namespaces = new Set(blueprintNamespaces(b));
    for (const step of buildSteps(b)) {
      expect(namespaces.has(step.namespace)).toBe(true);
      const argv = stepArgv(step);
      expect(argv[0]).toBe("ip");
      // `ip netns add <ns>`, `ip -n <ns> ...` or `ip netns exec <ns> ...`: never the host's namespace.
      const confined =
        (argv[1] === "netns" && argv[2] === "add" && argv[3] === step.namespace) ||
        (argv[1] === "-n" && argv[2] === step.namespace) ||
        (argv[1] === "netns" && argv[2] === "exec" && argv[3] === step.namespace);
      expect(confined, argv.join(" ")).toBe(true);
    }
  });

  it.each(EXAMPLES)("%s: namespaces are made before anything runs in them, and interface names fit IFNAMSIZ", (name) => {
    const steps = buildSteps(buildBlueprint("order", exampleTopology(name)));
    const made = new Set<string>();
    for (const step of steps) {
      if (step.kind === "netns-add") made.add(step.namespace);
      else expect(made.has(step.namespace)).toBe(true);
      if (step.kind === "run" && step.argv[0] === "ip" && step.argv[1] === "link" && step.argv[2] === "add") {
        expect(step.argv[3]!.length).toBeLessThanOrEqual(MAX_IFNAME_LENGTH);
      }
    }
  });

  it("nat-instance: veths from bridge ports into instances, MACs and addresses from the plan, a default route via the vSwitch gateway", () => {
    const b = buildBlueprint("n", exampleTopology("nat-instance"));
    const steps = buildSteps(b);
    const vpc = runs(steps, "es-n-vpc");
    expect(vpc).toContain("ip link add p0 type veth peer name eth0 netns es-n-h0");
    expect(vpc).toContain("ip link set p0 master br1");
    expect(vpc).toContain("ip addr add 10.0.1.253/24 dev br0");
    expect(vpc).toContain("ip route add 0.0.0.0/0 via 10.0.0.10 dev br1 onlink table 1000");
    expect(vpc).toContain("ip rule add iif br0 lookup 1000 pref 1000");
    expect(vpc).toContain("sysctl -q -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.default.send_redirects=0");
    const nat = runs(steps, "es-n-h0");
    expect(nat).toEqual(
      expect.arrayContaining([
        "ip link set eth0 address 00:16:3e:00:00:01",
        "ip addr add 10.0.0.10/24 dev eth0 noprefixroute",
        // Even its own subnet is reached through the gateway, as every VPC neighbour is.
        "ip route add 10.0.0.253/32 dev eth0 scope link",
        "ip route add 10.0.0.0/24 via 10.0.0.253 dev eth0",
        "ip route add default via 10.0.0.253 dev eth0",
        expect.stringContaining("net.ipv4.ip_forward=1"),
      ]),
    );
    // The NAT masquerades what it forwards; the app does not forward and has no NAT table.
    const natNft = steps.filter((s): s is Extract<LabStep, { kind: "run" }> => s.kind === "run" && s.namespace === "es-n-h0" && s.argv[0] === "nft").map((s) => s.stdin ?? "");
    expect(natNft.some((t) => t.includes("masquerade"))).toBe(true);
    const app = steps.filter((s): s is Extract<LabStep, { kind: "run" }> => s.kind === "run" && s.namespace === "es-n-h1");
    expect(app.some((s) => (s.stdin ?? "").includes("masquerade"))).toBe(false);
    expect(runs(steps, "es-n-h1")).toContain("sysctl -q -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv4.ip_forward=0 net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.default.accept_redirects=0");
  });

  it("an instance with policy routing gets a table per ENI chosen by source address; without it, none", () => {
    const base = exampleTopology("multi-eni");
    const withPolicy: Topology = { ...base, instances: base.instances.map((i) => ({ ...i, policyRouting: true })) };
    const host = runs(buildSteps(buildBlueprint("p", withPolicy)), "es-p-h0");
    expect(host).toEqual(
      expect.arrayContaining([
        "ip route add 10.0.2.253/32 dev eth1 scope link table 101",
        "ip route add 10.0.2.0/24 via 10.0.2.253 dev eth1 table 101",
        "ip route add default via 10.0.2.253 dev eth1 table 101",
        "ip rule add from 10.0.2.10 lookup 101 pref 101",
        "ip rule add from 10.0.1.10 lookup 100 pref 100",
      ]),
    );
    expect(runs(buildSteps(buildBlueprint("p", base)), "es-p-h0").some((c) => c.includes("ip rule"))).toBe(false);
  });

  it("two ENIs of one instance in one vSwitch: the first carries the subnet (no duplicate route)", () => {
    const base = exampleTopology("plain-web");
    const topology: Topology = { ...base, networkInterfaces: [...base.networkInterfaces, { id: "eni-web-2", vswitch: "vsw-web", instance: "i-web", primaryIp: "10.0.5.20", secondaryIps: [] }] };
    const host = runs(buildSteps(buildBlueprint("d", topology)), "es-d-h0");
    expect(host.filter((c) => c.startsWith("ip route add 10.0.5.0/24"))).toEqual(["ip route add 10.0.5.0/24 via 10.0.5.253 dev eth0"]);
  });

  it("the internet namespace answers to the uplink and routes back through the vpc router", () => {
    const b = buildBlueprint("i", exampleTopology("router"));
    expect(runs(buildSteps(b), "es-i-net")).toEqual(
      expect.arrayContaining([`ip addr add ${b.uplink.internetAddress}/30 dev wan0`, `ip route add default via ${b.uplink.vpcAddress} dev wan0`, expect.stringContaining("net.ipv4.ip_forward=0")]),
    );
  });
});
