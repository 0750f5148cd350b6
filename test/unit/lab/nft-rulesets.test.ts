import { describe, expect, it } from "vitest";
import { buildBlueprint } from "../../../simulator/lab/lab-blueprint";
import { arrivalProbeCommands, checkResetCommands, checkRuleset } from "../../../simulator/lab/nft-rulesets";
import type { Topology } from "../../../simulator/model/topology";
import { exampleTopology } from "./lab-fixtures";

describe("checkRuleset", () => {
  it("nat-instance: egress judged by source at prerouting, ingress by destination at postrouting, counted per ENI and direction", () => {
    const text = checkRuleset(buildBlueprint("n", exampleTopology("nat-instance")));
    expect(text).toBe(
      [
        "table bridge enisim_check {",
        "  counter e0_egress {",
        "  }",
        "  set e0_egress_seen {",
        "    type ipv4_addr . ipv4_addr",
        "    flags dynamic",
        "    size 4096",
        "    counter",
        "  }",
        "  counter e0_ingress {",
        "  }",
        "  set e0_ingress_seen {",
        "    type ipv4_addr . ipv4_addr",
        "    flags dynamic",
        "    size 4096",
        "    counter",
        "  }",
        "  counter e1_egress {",
        "  }",
        "  set e1_egress_seen {",
        "    type ipv4_addr . ipv4_addr",
        "    flags dynamic",
        "    size 4096",
        "    counter",
        "  }",
        "  counter e1_ingress {",
        "  }",
        "  set e1_ingress_seen {",
        "    type ipv4_addr . ipv4_addr",
        "    flags dynamic",
        "    size 4096",
        "    counter",
        "  }",
        "  chain no_multicast_in {",
        "    type filter hook prerouting priority -10; policy accept;",
        "    ip daddr 224.0.0.0/4 drop",
        "  }",
        "  chain no_multicast_out {",
        "    type filter hook output priority -10; policy accept;",
        "    ip daddr 224.0.0.0/4 drop",
        "  }",
        "  chain eni_egress {",
        "    type filter hook prerouting priority 0; policy accept;",
        '    iifname "p0" ip saddr != { 10.0.0.10 } update @e0_egress_seen { ip saddr . ip daddr } counter name "e0_egress" drop comment "eni-nat egress spoofed-source"',
        '    iifname "p1" ip saddr != { 10.0.1.5 } update @e1_egress_seen { ip saddr . ip daddr } counter name "e1_egress" drop comment "eni-app egress spoofed-source"',
        "  }",
        "  chain eni_ingress {",
        "    type filter hook postrouting priority 0; policy accept;",
        '    oifname "p0" ip daddr != { 10.0.0.10 } update @e0_ingress_seen { ip saddr . ip daddr } counter name "e0_ingress" drop comment "eni-nat ingress not-destination"',
        '    oifname "p1" ip daddr != { 10.0.1.5 } update @e1_ingress_seen { ip saddr . ip daddr } counter name "e1_ingress" drop comment "eni-app ingress not-destination"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("plain-web: an ENI with the check off gets no rule, and its secondary IPs would count as its own", () => {
    const text = checkRuleset(buildBlueprint("w", exampleTopology("plain-web")));
    expect(text).not.toContain("p0");
    const on: Topology = { ...exampleTopology("plain-web"), networkInterfaces: exampleTopology("plain-web").networkInterfaces.map((e) => ({ ...e, sourceDestCheck: true })) };
    expect(checkRuleset(buildBlueprint("w", on))).toContain('iifname "p0" ip saddr != { 10.0.5.10, 10.0.5.11 }');
  });

  it("quotes and newlines in plan ids cannot break out of the rule comment", () => {
    const base = exampleTopology("plain-web");
    const odd: Topology = { ...base, networkInterfaces: base.networkInterfaces.map((e) => ({ ...e, id: 'eni"x\ny', sourceDestCheck: true })) };
    expect(checkRuleset(buildBlueprint("w", odd))).toContain('comment "eni_x_y egress spoofed-source"');
  });

  it("resets every counter and set of the check, and nothing for a lab without one", () => {
    const reset = checkResetCommands(buildBlueprint("n", exampleTopology("nat-instance")));
    expect(reset.split("\n").filter(Boolean)).toHaveLength(8);
    expect(reset).toContain("reset counter bridge enisim_check e1_ingress");
    expect(reset).toContain("flush set bridge enisim_check e0_egress_seen");
    expect(checkResetCommands(buildBlueprint("w", exampleTopology("plain-web")))).toBe("");
  });
});

describe("arrivalProbeCommands", () => {
  it.each([
    [{ dst: "8.8.8.8", protocol: "udp" as const, dstPort: 53 }, "ip daddr 8.8.8.8 meta l4proto udp udp dport 53"],
    [{ dst: "10.0.0.1", protocol: "tcp" as const }, "ip daddr 10.0.0.1 meta l4proto tcp update @arrived_from { ip saddr } counter"],
    [{ dst: "10.0.0.1", protocol: "icmp" as const }, "ip daddr 10.0.0.1 meta l4proto icmp icmp type echo-request"],
  ])("points the arrival counter at %j", (match, expected) => {
    const text = arrivalProbeCommands(match);
    expect(text.startsWith("flush chain inet enisim_probe arrive\nreset counter inet enisim_probe arrived\nflush set inet enisim_probe arrived_from\n")).toBe(true);
    expect(text).toContain(expected);
  });
});
