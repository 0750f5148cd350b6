import { describe, expect, it } from "vitest";
import type { Topology } from "../../../../simulator/model/topology";
import { PlanError, type PlanErrorCode } from "../../../../simulator/plan/errors";
import { mapPulumiResources } from "../../../../simulator/plan/pulumi-resource-mapper";
import { UNKNOWN_SENTINEL, normalizeRecord, type PulumiResource } from "../../../../simulator/plan/pulumi-values";

const U = UNKNOWN_SENTINEL;
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<PulumiResource> = {}): PulumiResource {
  const values = normalizeRecord(props);
  return { urn: urn(type, name), type, inputs: values, outputs: values, ...extra };
}
const SWITCH = "alicloud:vpc/switch:Switch";
const DYN = "pulumi-nodejs:dynamic:Resource";
const vswitch = (name: string, cidr: string, id?: string) => res(SWITCH, name, { cidrBlock: cidr }, id === undefined ? {} : { id });
const map = (resources: PulumiResource[], base?: Topology) => mapPulumiResources(resources, { source: "plan.json", region: "cn-hangzhou", ...(base ? { base } : {}) });

function mapError(resources: PulumiResource[]): PlanError {
  try {
    map(resources);
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error("expected a PlanError");
}

describe("our sdk resources", () => {
  it("are recognised by kind, by a typed dynamic token, or by their input shape", () => {
    const { topology: t } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"),
      res(DYN, "by-kind", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-a", securityGroupIds: ["sg"], primaryIpAddress: "10.1.0.5" }, { id: "eni-1" }),
      res("pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface", "by-token", { vSwitchId: "vsw-a", securityGroupIds: ["sg"], primaryIpAddress: "10.1.0.6" }, { id: "eni-2" }),
      res(DYN, "by-shape", { vSwitchId: "vsw-a", securityGroupIds: ["sg"], primaryIpAddress: "10.1.0.7", sourceDestCheck: false }, { id: "eni-3" }),
      res(DYN, "unrelated", { vSwitchId: "vsw-a" }),
    ]);
    expect(t.networkInterfaces.map((e) => [e.id, e.primaryIp, e.sourceDestCheck])).toEqual([
      ["eni-1", "10.1.0.5", undefined],
      ["eni-2", "10.1.0.6", undefined],
      ["eni-3", "10.1.0.7", false],
    ]);
  });

  it("maps an applied Instance from its read-back outputs, and attaches an ENI by instanceId", () => {
    const args = {
      kind: "alicloud-eni:Instance", vSwitchId: "vsw-a", securityGroupIds: ["sg"], instanceType: "ecs.g7.large", imageId: "img",
      forwarding: "route", metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 2 },
      secondaryNetworkInterface: { vSwitchId: "vsw-b" },
    };
    // Stored state: outputs embed the inputs plus what the cloud computed (ids, addresses, MACs, the effective flags).
    const instance: PulumiResource = {
      urn: urn(DYN, "router"), type: DYN, id: "i-router", inputs: normalizeRecord(args),
      outputs: normalizeRecord({
        ...args, privateIpAddress: "10.1.0.10", primaryNetworkInterfaceId: "eni-prim", secondaryNetworkInterfaceId: "eni-sec",
        primaryNetworkInterface: { networkInterfaceId: "eni-prim", primaryIpAddress: "10.1.0.10", macAddress: "00:16:3E:AA:00:01", sourceDestCheck: false, vSwitchId: "vsw-a" },
        secondaryNetworkInterface: { networkInterfaceId: "eni-sec", primaryIpAddress: "10.2.0.10", macAddress: "00:16:3e:aa:00:02", sourceDestCheck: true, vSwitchId: "vsw-b" },
      }),
    };
    const eni = res(DYN, "extra", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-b", securityGroupIds: ["sg"], instanceId: U, secondaryPrivateIpAddressCount: 2 }, { propertyDependencies: { instanceId: [instance.urn] } });
    const { topology: t, notes } = map([vswitch("a", "10.1.0.0/24", "vsw-a"), vswitch("b", "10.2.0.0/24", "vsw-b"), instance, eni]);
    expect(t.instances).toEqual([{ id: "i-router", forwarding: "route", metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 2 } }]);
    expect(t.networkInterfaces.map(({ origin: _o, ...e }) => e)).toEqual([
      { id: "eni-extra", vswitch: "vsw-b", instance: "i-router", primaryIp: "10.2.0.1", secondaryIps: ["10.2.0.2", "10.2.0.3"], primary: false },
      { id: "eni-prim", vswitch: "vsw-a", instance: "i-router", primaryIp: "10.1.0.10", secondaryIps: [], mac: "00:16:3e:aa:00:01", sourceDestCheck: false, primary: true },
      { id: "eni-sec", vswitch: "vsw-b", instance: "i-router", primaryIp: "10.2.0.10", secondaryIps: [], mac: "00:16:3e:aa:00:02", sourceDestCheck: true, primary: false },
    ]);
    expect(notes.join("\n")).toContain("10.2.0.1");
  });

  it("lets a planned change of a nested block win over the read-back, keeping what the input leaves out", () => {
    const outputs = normalizeRecord({
      kind: "alicloud-eni:Instance", vSwitchId: "vsw-a", securityGroupIds: ["sg"], instanceType: "t", imageId: "img", privateIpAddress: "10.1.0.10",
      primaryNetworkInterfaceId: "eni-prim",
      primaryNetworkInterface: { networkInterfaceId: "eni-prim", macAddress: "00:16:3e:aa:00:01", sourceDestCheck: true },
    });
    const inputs = normalizeRecord({ kind: "alicloud-eni:Instance", vSwitchId: "vsw-a", securityGroupIds: ["sg"], instanceType: "t", imageId: "img", primaryNetworkInterface: { sourceDestCheck: false } });
    const { topology: t } = map([vswitch("a", "10.1.0.0/24", "vsw-a"), { urn: urn(DYN, "nat"), type: DYN, id: "i-nat", inputs, outputs }]);
    expect(t.networkInterfaces[0]).toMatchObject({ id: "eni-prim", primaryIp: "10.1.0.10", mac: "00:16:3e:aa:00:01", sourceDestCheck: false });
  });
});

describe("@pulumi/alicloud specifics", () => {
  it("reads the deprecated field names of the old ENI resource", () => {
    const { topology: t } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"),
      res("alicloud:vpc/networkInterface:NetworkInterface", "old", { vswitchId: "vsw-a", privateIp: "10.1.0.9", privateIps: ["10.1.0.19"], securityGroups: ["sg"] }, { id: "eni-old" }),
    ]);
    expect(t.networkInterfaces[0]).toMatchObject({ id: "eni-old", primaryIp: "10.1.0.9", secondaryIps: ["10.1.0.19"] });
  });

  it("uses a declared ENI as an instance's secondary instead of inventing one", () => {
    const eni = res("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "data", { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.30" }, { id: "eni-data" });
    const { topology: t } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"), eni,
      res("alicloud:ecs/instance:Instance", "host", { vswitchId: "vsw-a", privateIp: "10.1.0.31", networkInterfaces: { networkInterfaceId: "eni-data" } }, { id: "i-host" }),
    ]);
    expect(t.networkInterfaces.map((e) => [e.id, e.instance])).toEqual([["eni-data", "i-host"], ["i-host-primary-eni", "i-host"]]);
  });

  it("leaves an existing ENI the plan attaches but does not declare to the base", () => {
    const { topology: t, notes } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"),
      res("alicloud:ecs/instance:Instance", "host", { vswitchId: "vsw-a", privateIp: "10.1.0.31", networkInterfaces: { networkInterfaceId: "eni-elsewhere" } }, { id: "i-host" }),
    ]);
    expect(t.networkInterfaces.map((e) => e.id)).toEqual(["i-host-primary-eni"]);
    expect(notes.join(" ")).toContain('"eni-elsewhere"');
  });

  it("maps gateway next hops to Internet and others to Other", () => {
    const table = res("alicloud:vpc/routeTable:RouteTable", "t", { vpcId: "vpc-1" }, { id: "vtb-t" });
    const entry = (name: string, dest: string, type: string) => res("alicloud:vpc/routeEntry:RouteEntry", name, { routeTableId: "vtb-t", destinationCidrblock: dest, nexthopType: type, nexthopId: `${type}-1` });
    const { topology: t } = map([table, entry("a", "0.0.0.0/0", "NatGateway"), entry("b", "172.16.0.0/12", "VpnGateway"), entry("c", "100.64.0.0/10", "Ipv4Gateway")]);
    expect(t.routeTables[0]!.routes.map((r) => r.nextHop.type)).toEqual(["Internet", "Other", "Internet"]);
  });

  it("reads secrets shown in plaintext and treats encrypted ones as unknown", () => {
    const sig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
    const { topology: t } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"),
      res("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "s", { vswitchId: "vsw-a", primaryIpAddress: { ...sig, plaintext: '"10.1.0.44"' } }, { id: "eni-s" }),
      res("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "c", { vswitchId: "vsw-a", primaryIpAddress: { ...sig, ciphertext: "v1:x" } }, { id: "eni-c" }),
    ]);
    expect(t.networkInterfaces.map((e) => e.primaryIp)).toEqual(["10.1.0.44", "10.1.0.1"]);
  });
});

describe("hints for the evaluator: primary ENI, names, tags, policy routing", () => {
  const INSTANCE = "alicloud:ecs/instance:Instance";
  const ECS_ENI = "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface";

  it("marks @pulumi/alicloud's instance ENIs and attached ENIs, and reads names and tags", () => {
    const { topology: t } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"),
      vswitch("b", "10.2.0.0/24", "vsw-b"),
      // Declared (and listed) before the instance whose primary ENI the cloud creates.
      res(ECS_ENI, "extra", { vswitchId: "vsw-b", primaryIpAddress: "10.2.0.9", networkInterfaceName: "extra-nic", tags: { role: "lb", later: U } }, { id: "eni-extra" }),
      res("alicloud:vpc/networkInterface:NetworkInterface", "old", { vswitchId: "vsw-a", privateIp: "10.1.0.9", name: "legacy-nic" }, { id: "eni-old" }),
      res(INSTANCE, "web", {
        vswitchId: "vsw-a", privateIp: "10.1.0.10", instanceName: "web-1", networkInterfaceId: "eni-web0",
        networkInterfaces: [{ vswitchId: "vsw-b", primaryIpAddress: "10.2.0.10" }],
        tags: { "eni-sim:policy-routing": "true", team: "shop" },
      }, { id: "i-web" }),
      res("alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment", "extra", { instanceId: "i-web", networkInterfaceId: "eni-extra" }),
    ]);
    expect(t.instances).toEqual([{ id: "i-web", forwarding: "none", name: "web-1", tags: { "eni-sim:policy-routing": "true", team: "shop" }, policyRouting: true }]);
    expect(t.networkInterfaces.map((e) => [e.id, e.instance, e.primary, e.name, e.tags])).toEqual([
      ["eni-extra", "i-web", false, "extra-nic", { role: "lb" }],
      ["eni-old", undefined, undefined, "legacy-nic", undefined],
      ["eni-web0", "i-web", true, undefined, undefined],
      ["i-web-secondary-eni", "i-web", false, undefined, undefined],
    ]);
  });

  it("takes a declared ENI named as an instance's primary as primary, and one in its block as secondary", () => {
    const { topology: t } = map([
      vswitch("a", "10.1.0.0/24", "vsw-a"),
      res(ECS_ENI, "second", { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.6" }, { id: "eni-second" }),
      res(ECS_ENI, "first", { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.5" }, { id: "eni-first" }),
      res(INSTANCE, "host", { vswitchId: "vsw-a", networkInterfaceId: "eni-first", networkInterfaces: [{ networkInterfaceId: "eni-second" }], tags: { "eni-sim:policy-routing": "false" } }, { id: "i-host" }),
    ]);
    expect(t.networkInterfaces.map((e) => [e.id, e.instance, e.primary])).toEqual([
      ["eni-second", "i-host", false],
      ["eni-first", "i-host", true],
    ]);
    expect(t.instances[0]!.policyRouting).toBe(false);
  });

  it("lets a plan instance with hints replace the base's, and keeps the base's for a mere reference", () => {
    const base: Topology = {
      region: "cn-beijing",
      vswitches: [{ id: "vsw-existing", cidr: "10.5.0.0/24" }],
      routeTables: [],
      instances: [{ id: "i-existing", forwarding: "snat" }, { id: "i-named", forwarding: "none" }],
      networkInterfaces: [],
    };
    const { topology: t } = mapPulumiResources(
      [
        res(DYN, "n", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-existing", instanceId: "i-existing" }),
        res(INSTANCE, "named", { vswitchId: "vsw-existing", instanceName: "vpn-box" }, { id: "i-named" }),
      ],
      { source: "plan.json", base },
    );
    expect(t.instances).toEqual([{ id: "i-existing", forwarding: "snat" }, { id: "i-named", forwarding: "none", name: "vpn-box" }]);
  });
});

describe("errors name the resource, the property, the value and what is allowed", () => {
  const cases: Array<[string, PulumiResource[], PlanErrorCode, string, string[]]> = [
    ["a vSwitch whose CIDR is unknown", [res(SWITCH, "x", { cidrBlock: U })], "INVALID_VALUE", `${urn(SWITCH, "x")}.cidrBlock`, ["unknown until apply", "10.0.1.0/24"]],
    ["an ENI whose vSwitch cannot be resolved", [res("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "e", { vswitchId: U })], "DANGLING_REFERENCE", `${urn("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "e")}.vswitchId`, ["vSwitch"]],
    ["a bad forwarding tag", [vswitch("a", "10.1.0.0/24", "vsw-a"), res("alicloud:ecs/instance:Instance", "i", { vswitchId: "vsw-a", tags: { "eni-sim:forwarding": "bridge" } })], "INVALID_VALUE", `${urn("alicloud:ecs/instance:Instance", "i")}.tags["eni-sim:forwarding"]`, ["bridge", "none, snat, route"]],
    ["a bad policy-routing tag", [vswitch("a", "10.1.0.0/24", "vsw-a"), res("alicloud:ecs/instance:Instance", "i", { vswitchId: "vsw-a", tags: { "eni-sim:policy-routing": "yes" } })], "INVALID_VALUE", `${urn("alicloud:ecs/instance:Instance", "i")}.tags["eni-sim:policy-routing"]`, ["yes", "true, false"]],
    ["a malformed address", [vswitch("a", "10.1.0.0/24", "vsw-a"), res(DYN, "n", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-a", primaryIpAddress: "10.1.0" })], "INVALID_VALUE", `${urn(DYN, "n")}.primaryIpAddress`, ["10.1.0"]],
    ["an address outside the vSwitch", [vswitch("a", "10.1.0.0/24", "vsw-a"), res(DYN, "n", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-a", primaryIpAddress: "10.9.0.1" })], "IP_OUTSIDE_VSWITCH", "networkInterfaces[0].primaryIp", ["10.9.0.1", urn(DYN, "n"), "10.1.0.0/24"]],
    ["an ENI in a vSwitch the plan does not know", [res(DYN, "n", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-existing" })], "DANGLING_REFERENCE", urn(DYN, "n"), ["vsw-existing", "base topology"]],
    ["a route with a bad destination", [res(DYN, "r", { kind: "alicloud-eni:RouteEntry", routeTableId: "vtb-1", destinationCidrBlock: "0.0.0.0", nextHopType: "Instance", nextHopId: "i-1" })], "INVALID_VALUE", `${urn(DYN, "r")}.destinationCidrBlock`, ["0.0.0.0"]],
    ["a full vSwitch", [vswitch("a", "10.1.0.0/29", "vsw-a"), res(DYN, "n", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-a", secondaryPrivateIpAddressCount: 4 })], "VSWITCH_FULL", urn(DYN, "n"), ["10.1.0.0/29"]],
  ];
  it.each(cases)("%s", (_name, resources, code, path, mentions) => {
    const e = mapError(resources);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
    for (const m of mentions) expect(e.message).toContain(m);
  });
});

describe("a base topology fills in what the plan references but does not declare", () => {
  const base: Topology = {
    region: "cn-beijing",
    sourceDestCheckDefault: true,
    vswitches: [{ id: "vsw-existing", cidr: "10.5.0.0/24", routeTable: "vtb-existing" }],
    routeTables: [{ id: "vtb-existing", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Internet" } }, { destination: "10.9.0.0/16", nextHop: { type: "Other" } }] }],
    instances: [{ id: "i-existing", forwarding: "snat" }],
    networkInterfaces: [{ id: "eni-live", vswitch: "vsw-existing", instance: "i-existing", primaryIp: "10.5.0.4", secondaryIps: [] }],
  };

  it("places new ENIs in existing vSwitches, avoiding addresses in use, and adds routes to existing tables", () => {
    const { topology: t } = mapPulumiResources(
      [
        res(DYN, "new", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-existing", instanceId: "i-existing" }),
        res(DYN, "route", { kind: "alicloud-eni:RouteEntry", routeTableId: "vtb-existing", destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: U }, { propertyDependencies: { nextHopId: [urn(DYN, "new")] } }),
      ],
      { source: "plan.json", base },
    );
    expect(t.region).toBe("cn-beijing");
    expect(t.sourceDestCheckDefault).toBe(true);
    expect(t.instances).toEqual([{ id: "i-existing", forwarding: "snat" }]);
    expect(t.networkInterfaces.map((e) => [e.id, e.primaryIp, e.instance])).toEqual([
      ["eni-new", "10.5.0.1", "i-existing"],
      ["eni-live", "10.5.0.4", "i-existing"],
    ]);
    expect(t.routeTables).toEqual([{ id: "vtb-existing", routes: [{ destination: "10.9.0.0/16", nextHop: { type: "Other" } }, { destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-new" } }] }]);
  });

  it("takes an existing vSwitch read by id (Switch.get) from the base", () => {
    const { topology: t, notes } = mapPulumiResources(
      [res(SWITCH, "existing", {}, { id: "vsw-existing" }), res(DYN, "n", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-existing", primaryIpAddress: "10.5.0.9" }, { id: "eni-n" })],
      { source: "plan.json", base },
    );
    expect(t.vswitches).toEqual(base.vswitches);
    expect(t.networkInterfaces.find((e) => e.id === "eni-n")).toMatchObject({ vswitch: "vsw-existing", primaryIp: "10.5.0.9" });
    expect(notes.join(" ")).toContain("Switch::existing");
  });

  it("takes a base ENI holding a planned address as the planned ENI, and re-points the base's routes", () => {
    const live: Topology = {
      ...base,
      routeTables: [{ id: "vtb-existing", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-live" } }, { destination: "10.8.0.0/16", nextHop: { type: "Instance", id: "i-existing" } }] }],
    };
    const nat = res("pulumi-nodejs:dynamic/alicloud-eni:Instance", "nat", {
      vSwitchId: "vsw-existing", securityGroupIds: ["sg"], instanceType: "t", imageId: "img", privateIpAddress: "10.5.0.4",
      primaryNetworkInterface: { sourceDestCheck: false }, forwarding: "snat", primaryNetworkInterfaceId: "eni-nat-primary",
    }, { id: "i-nat" });
    const other = res(DYN, "other", { kind: "alicloud-eni:NetworkInterface", vSwitchId: "vsw-existing" }, { id: "eni-other" });
    const { topology: t, notes } = mapPulumiResources([nat, other], { source: "plan", base: live });
    expect(t.networkInterfaces.map((e) => [e.id, e.primaryIp, e.instance, e.sourceDestCheck])).toEqual([
      ["eni-other", "10.5.0.1", undefined, undefined],
      ["eni-nat-primary", "10.5.0.4", "i-nat", false],
    ]);
    expect(t.instances).toEqual([{ id: "i-nat", forwarding: "snat" }]);
    expect(t.routeTables[0]!.routes).toEqual([
      { destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat-primary" } },
      { destination: "10.8.0.0/16", nextHop: { type: "Instance", id: "i-nat" } },
    ]);
    expect(notes.join(" ")).toContain('"eni-live"');
  });

  it("says when no region is known", () => {
    const { topology: t, notes } = mapPulumiResources([], { source: "plan.json" });
    expect(t.region).toBe("unknown");
    expect(notes.join(" ")).toContain("alicloud:region");
    expect(notes.join(" ")).toContain("judged as a region that offers");
  });
});
