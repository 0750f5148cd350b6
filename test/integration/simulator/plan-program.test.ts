import path from "node:path";
import { describe, expect, it } from "vitest";
import { PlanError } from "../../../simulator/plan/errors";
import { readPlan } from "../../../simulator/plan/plan-loader";

const fixtures = path.join(__dirname, "../../fixtures/plan");

// Each case starts a child process that loads @pulumi/pulumi (and @pulumi/alicloud): seconds of CPU,
// mostly module loading; concurrent cases overlap it.
describe.concurrent("Pulumi program directory (run under mocks in a child process)", { timeout: 60_000 }, () => {
  it("captures @pulumi/alicloud resources with the dev stack's config", async () => {
    const { kind, topology: t, notes } = await readPlan(path.join(fixtures, "program-alicloud"));
    expect(kind).toBe("program");
    expect(t.region).toBe("cn-shanghai");
    expect(t.vswitches).toEqual([
      { id: "vsw-public", cidr: "10.0.0.0/24", zone: "cn-shanghai-a", vpc: "vpc-main", routeTable: "vtb-main-system" },
      { id: "vsw-private", cidr: "10.0.1.0/24", zone: "cn-shanghai-a", vpc: "vpc-main", routeTable: "vtb-private" },
    ]);
    expect(t.routeTables).toEqual([
      { id: "vtb-main-system", routes: [] },
      { id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Instance", id: "i-nat" } }] },
    ]);
    expect(t.instances).toContainEqual({ id: "i-nat", forwarding: "snat", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" }, tags: { "eni-sim:forwarding": "snat" } });
    expect(t.instances).toContainEqual({ id: "i-app", forwarding: "none", name: "app-server", tags: { "eni-sim:policy-routing": "true", team: "web" }, policyRouting: true });
    const enis = Object.fromEntries(t.networkInterfaces.map(({ origin: _o, ...e }) => [e.id, e]));
    expect(enis).toEqual({
      "eni-app-data": { id: "eni-app-data", vswitch: "vsw-private", instance: "i-app", primaryIp: "10.0.1.50", secondaryIps: ["10.0.1.51"], primary: false, name: "app-data-nic", tags: { role: "data" } },
      "eni-app-primary": { id: "eni-app-primary", vswitch: "vsw-private", instance: "i-app", primaryIp: "10.0.1.20", secondaryIps: [], primary: true },
      "eni-nat-primary": { id: "eni-nat-primary", vswitch: "vsw-public", instance: "i-nat", primaryIp: "10.0.0.10", secondaryIps: [], sourceDestCheck: false, primary: true },
    });
    // eni-app-data is listed before i-app's own ENI, yet the primary is the instance's.
    expect(t.networkInterfaces.findIndex((e) => e.id === "eni-app-data")).toBeLessThan(t.networkInterfaces.findIndex((e) => e.id === "eni-app-primary"));
    expect(t.networkInterfaces.find((e) => e.id === "eni-nat-primary")!.origin).toBe("urn:pulumi:dev::nat-demo::alicloud:ecs/instance:Instance::nat (primary ENI)");
    expect(notes).toEqual([]);
  });

  it("uses the named stack's config file, with explicit config on top", async () => {
    // Naming the stack's config file names the program and the stack.
    const { topology: t } = await readPlan(path.join(fixtures, "program-alicloud", "Pulumi.prod.yaml"), { config: { natIp: "10.0.0.77" } });
    expect(t.region).toBe("cn-beijing");
    expect(t.networkInterfaces.find((e) => e.instance === "i-nat")!.primaryIp).toBe("10.0.0.77");
    expect(t.networkInterfaces[0]!.origin).toContain("urn:pulumi:prod::nat-demo::");
  });

  it("surfaces the program's own error with its file and line", async () => {
    const error = await readPlan(path.join(fixtures, "program-failing", "Pulumi.yaml")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    const e = error as PlanError;
    expect(e.code).toBe("PROGRAM_FAILED");
    expect(e.file).toMatch(/program-failing[/\\]src[/\\]index\.ts$/);
    expect(e.line).toBe(6);
    expect(e.message).toContain("natIp 192.168.1.1 is not in the public vSwitch");
  });

  it("gives up on a program that never finishes", async () => {
    const started = Date.now();
    const error = await readPlan(path.join(fixtures, "program-hanging"), { timeoutMs: 2_500 }).catch((e: unknown) => e);
    expect((error as PlanError).code).toBe("PROGRAM_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
