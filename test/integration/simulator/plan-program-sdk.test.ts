import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPlan } from "../../../simulator/plan/plan-loader";

const program = path.join(__dirname, "../../fixtures/plan/program-sdk");

describe("Pulumi program using this project's sdk classes", () => {
  // A child process loads @pulumi/pulumi, @pulumi/alicloud and the sdk: a few seconds of CPU, more on a busy machine.
  it("captures the dynamic resources by their typed token next to @pulumi/alicloud ones", { timeout: 60_000 }, async () => {
    const { topology: t, notes } = await readPlan(program);
    expect(t.region).toBe("cn-hangzhou");
    expect(t.vswitches).toEqual([{ id: "vsw-edge", cidr: "10.0.8.0/24", zone: "cn-hangzhou-h", vpc: "vpc-main", routeTable: "vtb-main-system" }]);
    expect(t.routeTables).toEqual([{ id: "vtb-main-system", routes: [{ destination: "192.168.0.0/16", nextHop: { type: "NetworkInterface", id: "eni-vpn" } }] }]);
    const vpn = t.networkInterfaces.find((e) => e.id === "eni-vpn")!;
    expect(vpn).toMatchObject({ vswitch: "vsw-edge", primaryIp: "10.0.8.5", secondaryIps: [], sourceDestCheck: false, instance: "i-gateway", primary: false, name: "vpn-nic", tags: { role: "vpn" } });
    expect(t.instances).toEqual([{ id: "i-gateway", forwarding: "none", name: "ipsec-gateway", tags: { "eni-sim:policy-routing": "false", team: "net" }, policyRouting: false }]);
    const own = t.networkInterfaces.filter((e) => e.instance === "i-gateway" && e.id !== "eni-vpn").map((e) => [e.primaryIp, e.primary]);
    expect(own).toEqual([["10.0.8.20", true], ["10.0.8.21", false]]);
    expect(vpn.origin).toBe("urn:pulumi:dev::sdk-demo::pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface::vpn");
    const monitor = t.networkInterfaces.find((e) => e.id === "eni-monitor")!;
    // Unset stays unset (the account's default applies); cloud-picked addresses are placeholders.
    expect(monitor.sourceDestCheck).toBeUndefined();
    expect(monitor.secondaryIps).toHaveLength(1);
    expect(notes.join(" ")).toContain("eni-monitor");
  });
});
