import { describe, expect, it } from "vitest";
import { liveAccountToTopology, type LiveAccount } from "../../../../simulator/plan/live-mapping";
import { byPage, byToken, splitEndpoint } from "../../../../simulator/plan/live";

// Shaped like the SDK models the official clients return (camelCase, wrapped lists).
const recorded: LiveAccount = {
  region: "cn-hangzhou",
  vswitches: [
    { vSwitchId: "vsw-a", cidrBlock: "10.0.0.0/24", zoneId: "cn-hangzhou-h", vpcId: "vpc-1", routeTable: { routeTableId: "vtb-sys" } },
    { vSwitchId: "vsw-b", cidrBlock: "10.0.1.0/24", zoneId: "cn-hangzhou-h", vpcId: "vpc-1", routeTable: { routeTableId: "" } },
  ],
  routeTables: [
    { routeTableId: "vtb-sys", vSwitchIds: { vSwitchId: ["vsw-a"] } },
    { routeTableId: "vtb-b", vSwitchIds: { vSwitchId: ["vsw-b"] } },
  ],
  routeEntries: [
    { routeTableId: "vtb-sys", destinationCidrBlock: "10.0.0.0/24", type: "System", nextHops: { nextHop: [{ nextHopType: "local", nextHopId: "" }] } },
    { routeTableId: "vtb-b", destinationCidrBlock: "0.0.0.0/0", type: "Custom", nextHops: { nextHop: [{ nextHopType: "NetworkInterface", nextHopId: "eni-nat" }, { nextHopType: "NetworkInterface", nextHopId: "eni-b" }] } },
    { routeTableId: "vtb-b", destinationCidrBlock: "192.168.0.0/16", nextHops: { nextHop: [{ nextHopType: "Instance", nextHopId: "i-elsewhere" }] } },
    { routeTableId: "vtb-b", destinationCidrBlock: "172.16.0.0/12", nextHops: { nextHop: [{ nextHopType: "VpnGateway", nextHopId: "vpn-1" }] } },
    { routeTableId: "vtb-b", destinationCidrBlock: "100.64.0.0/10", nextHops: { nextHop: [{ nextHopType: "NatGateway", nextHopId: "ngw-1" }] } },
    { routeTableId: "vtb-b", destinationCidrBlock: "2408:4000::/56", ipVersion: "IPv6", nextHops: { nextHop: [{ nextHopType: "Ipv6Gateway" }] } },
  ],
  instances: [
    { instanceId: "i-nat", instanceName: "nat-gateway", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 }, tags: { tag: [{ tagKey: "eni-sim:forwarding", tagValue: "snat" }, { tagKey: "eni-sim:policy-routing", tagValue: "true" }] } },
    { instanceId: "i-odd", metadataOptions: { httpEndpoint: "weird" }, tags: { tag: [{ tagKey: "eni-sim:forwarding", tagValue: "bridge" }, { tagKey: "eni-sim:policy-routing", tagValue: "yes" }] } },
  ],
  networkInterfaces: [
    {
      networkInterfaceId: "eni-nat", vSwitchId: "vsw-a", instanceId: "i-nat", privateIpAddress: "10.0.0.10", macAddress: "00:16:3E:01:02:03", sourceDestCheck: true, type: "Primary",
      networkInterfaceName: "nat-eth0", tags: { tag: [{ tagKey: "role", tagValue: "nat" }, { tagKey: "", tagValue: "dropped" }] },
      privateIpSets: { privateIpSet: [{ privateIpAddress: "10.0.0.10", primary: true }, { privateIpAddress: "10.0.0.11", primary: false }] },
    },
    { networkInterfaceId: "eni-b", vSwitchId: "vsw-b", instanceId: "", privateIpAddress: "10.0.1.5", type: "Secondary", networkInterfaceName: "" },
    { networkInterfaceId: "eni-svc", vSwitchId: "vsw-b", instanceId: "i-managed", privateIpAddress: "10.0.1.6", sourceDestCheck: false },
    // Listed before i-nat's own eth0 would be in another order: the Type decides, not the position.
    { networkInterfaceId: "eni-nat-2", vSwitchId: "vsw-b", instanceId: "i-nat", privateIpAddress: "10.0.1.7", type: "Secondary" },
    { networkInterfaceId: "eni-ghost", vSwitchId: "vsw-elsewhere", privateIpAddress: "10.9.0.1" },
  ],
};

describe("live account mapping", () => {
  const { topology: t, notes } = liveAccountToTopology(recorded, "live:test");

  it("maps vSwitches with their route tables from either side of the association", () => {
    expect(t.vswitches).toEqual([
      { id: "vsw-a", cidr: "10.0.0.0/24", routeTable: "vtb-sys", zone: "cn-hangzhou-h", vpc: "vpc-1" },
      { id: "vsw-b", cidr: "10.0.1.0/24", routeTable: "vtb-b", zone: "cn-hangzhou-h", vpc: "vpc-1" },
    ]);
  });

  it("maps next hops; what is not usable is noted, not fatal", () => {
    expect(t.routeTables).toEqual([
      { id: "vtb-sys", routes: [{ destination: "10.0.0.0/24", nextHop: { type: "Local" } }] },
      {
        id: "vtb-b",
        routes: [
          { destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat" } },
          { destination: "192.168.0.0/16", nextHop: { type: "Other", id: "i-elsewhere" } },
          { destination: "172.16.0.0/12", nextHop: { type: "Other", id: "vpn-1" } },
          { destination: "100.64.0.0/10", nextHop: { type: "Internet", id: "ngw-1" } },
        ],
      },
    ]);
    expect(notes.some((n) => n.includes("i-elsewhere"))).toBe(true);
  });

  it("takes forwarding from the tag and keeps only valid metadata values", () => {
    expect(t.instances).toEqual([
      {
        id: "i-nat", forwarding: "snat", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
        name: "nat-gateway", tags: { "eni-sim:forwarding": "snat", "eni-sim:policy-routing": "true" }, policyRouting: true,
      },
      { id: "i-odd", forwarding: "none", tags: { "eni-sim:forwarding": "bridge", "eni-sim:policy-routing": "yes" } },
      { id: "i-managed", forwarding: "none" },
    ]);
    expect(notes.some((n) => n.includes('"bridge"'))).toBe(true);
    expect(notes.some((n) => n.includes("i-odd") && n.includes('"yes"') && n.includes("true, false"))).toBe(true);
    expect(notes.some((n) => n.includes("i-managed"))).toBe(true);
  });

  it("maps ENIs with secondary addresses, MAC and the read-back check", () => {
    expect(t.networkInterfaces.map(({ origin: _o, ...e }) => e)).toEqual([
      { id: "eni-nat", vswitch: "vsw-a", instance: "i-nat", primaryIp: "10.0.0.10", secondaryIps: ["10.0.0.11"], mac: "00:16:3e:01:02:03", sourceDestCheck: true, primary: true, name: "nat-eth0", tags: { role: "nat" } },
      // Detached: no instance, so no primary flag either.
      { id: "eni-b", vswitch: "vsw-b", primaryIp: "10.0.1.5", secondaryIps: [] },
      { id: "eni-svc", vswitch: "vsw-b", instance: "i-managed", primaryIp: "10.0.1.6", secondaryIps: [], sourceDestCheck: false },
      { id: "eni-nat-2", vswitch: "vsw-b", instance: "i-nat", primaryIp: "10.0.1.7", secondaryIps: [], primary: false },
    ]);
    expect(t.networkInterfaces[0]!.origin).toBe("live:test eni-nat");
    expect(notes.some((n) => n.includes("eni-ghost"))).toBe(true);
  });
});

describe("paging helpers", () => {
  it("follows NextToken to the end and stops on a repeated token", async () => {
    const pages: Record<string, { items: number[]; next: string | undefined }> = { start: { items: [1, 2], next: "a" }, a: { items: [3], next: "b" }, b: { items: [4], next: undefined } };
    expect(await byToken((t) => Promise.resolve(pages[t ?? "start"]!))).toEqual([1, 2, 3, 4]);
    let calls = 0;
    expect(await byToken(() => Promise.resolve({ items: [calls++], next: "same" }))).toEqual([0, 1]);
  });

  it("pages by number until TotalCount or an empty page", async () => {
    const all = [1, 2, 3, 4, 5];
    expect(await byPage((n) => Promise.resolve({ items: all.slice((n - 1) * 2, n * 2), total: all.length }))).toEqual(all);
    expect(await byPage((n) => Promise.resolve({ items: n < 3 ? [n] : [], total: 99 }))).toEqual([1, 2]);
  });

  it("splits URL endpoints into the SDK's endpoint and protocol", () => {
    expect(splitEndpoint("http://127.0.0.1:9000")).toEqual({ protocol: "http", endpoint: "127.0.0.1:9000" });
    expect(splitEndpoint("ecs.cn-hangzhou.aliyuncs.com")).toEqual({ endpoint: "ecs.cn-hangzhou.aliyuncs.com" });
    expect(splitEndpoint("127.0.0.1:8080")).toEqual({ protocol: "http", endpoint: "127.0.0.1:8080" });
    expect(splitEndpoint("localhost:8080")).toEqual({ protocol: "http", endpoint: "localhost:8080" });
  });
});
