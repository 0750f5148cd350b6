import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PlanError } from "../../../../simulator/plan/errors";
import { readPlan } from "../../../../simulator/plan/plan-loader";

const fixtures = path.join(__dirname, "../../../fixtures/plan");

describe("pulumi preview --json", () => {
  it("maps @pulumi/alicloud and sdk resources, resolving unknown ids through propertyDependencies", async () => {
    const { topology: t, notes, kind } = await readPlan(path.join(fixtures, "preview.json"));
    expect(kind).toBe("preview");
    expect(t.region).toBe("cn-hangzhou");
    expect(t.vswitches).toEqual([
      { id: "vsw-public", cidr: "10.0.0.0/24", zone: "cn-hangzhou-h", vpc: "vpc-main", routeTable: "vpc-main-system-route-table" },
      { id: "vsw-private", cidr: "10.0.1.0/24", zone: "cn-hangzhou-h", vpc: "vpc-main", routeTable: "vtb-private" },
    ]);
    expect(t.routeTables).toEqual([
      { id: "vpc-main-system-route-table", routes: [{ destination: "192.168.0.0/16", nextHop: { type: "NetworkInterface", id: "eni-vpn" } }] },
      { id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Instance", id: "i-nat" } }] },
    ]);
    expect(t.instances).toEqual([
      { id: "i-nat", forwarding: "snat", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" }, tags: { Name: "nat", "eni-sim:forwarding": "snat" } },
      { id: "i-app", forwarding: "none" },
    ]);
    const enis = Object.fromEntries(t.networkInterfaces.map((e) => [e.id, e]));
    expect(Object.keys(enis)).toEqual(["eni-app-data", "eni-vpn", "i-nat-primary-eni", "i-app-primary-eni", "i-app-secondary-eni"]);
    expect(enis["i-nat-primary-eni"]).toMatchObject({ vswitch: "vsw-public", instance: "i-nat", primaryIp: "10.0.0.10", sourceDestCheck: false, secondaryIps: [], primary: true });
    // An ENI attached to an instance is never its primary, even listed before the instance's own.
    expect(enis["eni-app-data"]).toMatchObject({ instance: "i-app", primary: false, name: "app-data" });
    expect(enis["i-app-primary-eni"]!.primary).toBe(true);
    expect(enis["i-app-secondary-eni"]!.primary).toBe(false);
    expect(enis["eni-vpn"]!.primary).toBeUndefined();
    expect(enis["eni-vpn"]).toMatchObject({ vswitch: "vsw-public", primaryIp: "10.0.0.20", sourceDestCheck: false });
    expect(enis["eni-vpn"]!.instance).toBeUndefined();
    // Unknown addresses get deterministic placeholders (first free, after the reserved first address).
    expect(enis["eni-app-data"]).toMatchObject({ vswitch: "vsw-private", instance: "i-app", primaryIp: "10.0.1.1", secondaryIps: ["10.0.1.2"] });
    expect(enis["eni-app-data"]!.origin).toContain("placeholder");
    expect(enis["eni-app-data"]!.sourceDestCheck).toBeUndefined();
    expect(enis["i-app-primary-eni"]).toMatchObject({ primaryIp: "10.0.1.3", instance: "i-app" });
    expect(enis["i-app-secondary-eni"]).toMatchObject({ primaryIp: "10.0.1.4", vswitch: "vsw-private", instance: "i-app" });
    expect(notes.some((n) => n.includes("eni-app-data") && n.includes("10.0.1.1"))).toBe(true);
    // The ENI the preview deletes is gone.
    expect(t.networkInterfaces.some((e) => e.id.includes("old"))).toBe(false);
  });

  it("is deterministic", async () => {
    const a = await readPlan(path.join(fixtures, "preview.json"));
    const b = await readPlan(path.join(fixtures, "preview.json"));
    expect(a).toEqual(b);
  });
});

describe("preview steps of a replacement", () => {
  const SW = "alicloud:vpc/switch:Switch";
  const ENI = "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface";
  const sw = { urn: "urn:pulumi:dev::p::alicloud:vpc/switch:Switch::a", type: SW, id: "vsw-a", inputs: { cidrBlock: "10.1.0.0/24" }, outputs: { cidrBlock: "10.1.0.0/24" } };
  const eniUrn = "urn:pulumi:dev::p::alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface::e";
  const oldState = { urn: eniUrn, type: ENI, id: "eni-old", inputs: { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.5" }, outputs: { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.5" } };
  const newState = { urn: eniUrn, type: ENI, inputs: { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.6" }, outputs: { vswitchId: "vsw-a", primaryIpAddress: "10.1.0.6" } };

  it.each([
    ["create before delete", ["create-replacement", "replace", "delete-replaced"]],
    ["delete before create", ["delete-replaced", "replace", "create-replacement"]],
  ])("ends with the replacement (%s)", async (_order, ops) => {
    const steps = [{ op: "same", urn: sw.urn, newState: sw }, ...ops.map((op) => ({ op, urn: eniUrn, oldState, ...(op === "delete-replaced" ? {} : { newState }) }))];
    const file = path.join(tmpdir(), `plan-replace-${process.pid}-${ops[0]}.json`);
    await writeFile(file, JSON.stringify({ steps }));
    const { topology } = await readPlan(file).finally(() => rm(file, { force: true }));
    expect(topology.networkInterfaces.map((e) => e.primaryIp)).toEqual(["10.1.0.6"]);
  });
});

describe("a preview without --show-sames", () => {
  it("says so when an ENI's unchanged vSwitch is missing", async () => {
    const eni = { urn: "urn:pulumi:dev::p::alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface::e", type: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", inputs: { vswitchId: "vsw-unchanged", primaryIpAddress: "10.1.0.6" }, outputs: {} };
    const file = path.join(tmpdir(), `plan-partial-${process.pid}.json`);
    await writeFile(file, JSON.stringify({ steps: [{ op: "create", urn: eni.urn, newState: eni }] }));
    const error = await readPlan(file).finally(() => rm(file, { force: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect({ code: (error as PlanError).code, file: (error as PlanError).file, value: (error as PlanError).value }).toEqual({ code: "DANGLING_REFERENCE", file, value: "vsw-unchanged" });
    expect((error as PlanError).message).toContain("--show-sames");
  });
});

describe("pulumi stack export", () => {
  it("reads ids and read-back outputs, skipping resources pending deletion", async () => {
    const { topology: t, kind } = await readPlan(path.join(fixtures, "stack-export.json"));
    expect(kind).toBe("stack-export");
    expect(t.region).toBe("cn-hangzhou");
    expect(t.vswitches.map((v) => [v.id, v.routeTable])).toEqual([
      ["vsw-bp1public", "vtb-bp1system"],
      ["vsw-bp1private", "vtb-bp1private"],
    ]);
    expect(t.routeTables).toEqual([
      { id: "vtb-bp1system", routes: [{ destination: "192.168.0.0/16", nextHop: { type: "NetworkInterface", id: "eni-bp1vpn" } }] },
      { id: "vtb-bp1private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Instance", id: "i-bp1nat" } }] },
    ]);
    expect(t.instances).toEqual([
      { id: "i-bp1nat", forwarding: "snat", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }, tags: { "eni-sim:forwarding": "snat" } },
      { id: "i-bp1app", forwarding: "none", metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } },
    ]);
    const strip = t.networkInterfaces.map(({ origin: _origin, ...e }) => e);
    expect(strip).toEqual([
      { id: "eni-bp1appdata", vswitch: "vsw-bp1private", instance: "i-bp1app", primaryIp: "10.0.1.7", secondaryIps: ["10.0.1.8"], mac: "00:16:3e:0a:0b:0c", sourceDestCheck: false, primary: false },
      { id: "eni-bp1vpn", vswitch: "vsw-bp1public", primaryIp: "10.0.0.20", secondaryIps: [], mac: "00:16:3e:0a:0b:0d", sourceDestCheck: true },
      { id: "eni-bp1natprimary", vswitch: "vsw-bp1public", instance: "i-bp1nat", primaryIp: "10.0.0.10", secondaryIps: [], sourceDestCheck: true, primary: true },
      { id: "eni-bp1appprimary", vswitch: "vsw-bp1private", instance: "i-bp1app", primaryIp: "10.0.1.5", secondaryIps: [], sourceDestCheck: false, primary: true },
    ]);
    expect(t.networkInterfaces.every((e) => !e.origin!.includes("placeholder"))).toBe(true);
  });
});

describe("pulumi preview --save-plan", () => {
  it("combines each goal's input diff with the proposed state", async () => {
    const { kind, topology: t } = await readPlan(path.join(fixtures, "update-plan.json"));
    expect(kind).toBe("update-plan");
    expect(t.region).toBe("cn-hangzhou");
    expect(t.vswitches.map((v) => [v.id, v.cidr])).toEqual([["vsw-bp1existing", "10.0.0.0/24"], ["vsw-new", "10.0.5.0/24"]]);
    const strip = t.networkInterfaces.map(({ origin: _o, ...e }) => e);
    expect(strip).toEqual([
      // The planned value wins over the state it replaces.
      { id: "eni-bp1nat", vswitch: "vsw-bp1existing", primaryIp: "10.0.0.10", secondaryIps: [], mac: "00:16:3e:00:00:10", sourceDestCheck: false },
      { id: "eni-fresh", vswitch: "vsw-new", primaryIp: "10.0.5.1", secondaryIps: [] },
    ]);
  });
});

describe("plan detection and errors", () => {
  it("reads a topology file through loadPlan", async () => {
    const { kind, topology } = await readPlan(path.join(fixtures, "nat-topology.yaml"));
    expect(kind).toBe("topology-file");
    expect(topology.networkInterfaces).toHaveLength(2);
  });

  it.each([
    ["a missing file", path.join(fixtures, "nope.json"), "PLAN_NOT_FOUND"],
    ["a directory without Pulumi.yaml", fixtures, "UNKNOWN_PLAN_FORMAT"],
    ["an unrelated JSON file", path.join(__dirname, "../../../../tsconfig.json"), "UNKNOWN_PLAN_FORMAT"],
  ])("rejects %s", async (_what, source, code) => {
    const error = await readPlan(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe(code);
    expect((error as PlanError).message).toContain(source);
  });
});
