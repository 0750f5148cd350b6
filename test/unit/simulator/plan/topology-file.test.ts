import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PlanError, type PlanErrorCode } from "../../../../simulator/plan/errors";
import { parsePath, parseTopologyText, readTopologyFile } from "../../../../simulator/plan/topology-file";

const fixture = path.join(__dirname, "../../../fixtures/plan/nat-topology.yaml");

describe("topology file", () => {
  it("reads the DESIGN.md example with defaults and normalisation", async () => {
    const t = await readTopologyFile(fixture);
    expect(t.region).toBe("cn-hangzhou");
    expect(t.sourceDestCheckDefault).toBe(true);
    expect(t.vswitches.map((v) => v.id)).toEqual(["vsw-public", "vsw-private"]);
    expect(t.routeTables[1]!.routes[0]).toEqual({ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat" } });
    expect(t.instances).toEqual([
      { id: "i-nat", forwarding: "snat", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" } },
      { id: "i-app", forwarding: "none" },
    ]);
    expect(t.networkInterfaces[0]).toMatchObject({ id: "eni-nat", mac: "00:16:3e:00:00:01", sourceDestCheck: true, secondaryIps: [] });
    // Unset stays unset: the evaluator applies the account default, the plan does not decide.
    expect(t.networkInterfaces[1]!.sourceDestCheck).toBeUndefined();
    expect(t.networkInterfaces[1]!.secondaryIps).toEqual(["10.0.1.21"]);
    expect(t.networkInterfaces.map((e) => e.origin)).toEqual([`${fixture}:18`, `${fixture}:19`]);
  });

  it("reads the same topology written as JSON", () => {
    const json = JSON.stringify({
      region: "cn-beijing",
      vswitches: [{ id: "vsw-1", cidr: "192.168.0.0/16" }],
      networkInterfaces: [{ id: "eni-1", vswitch: "vsw-1", primaryIp: "192.168.3.4" }],
    });
    const t = parseTopologyText(json, "t.json");
    expect(t.networkInterfaces[0]).toEqual({ id: "eni-1", vswitch: "vsw-1", primaryIp: "192.168.3.4", secondaryIps: [], origin: "t.json:1" });
    expect(t.routeTables).toEqual([]);
  });

  it("reads the optional hints: names, tags, policy routing and the primary ENI", () => {
    const yaml = [
      "region: cn-beijing",
      "vswitches: [{id: vsw-1, cidr: 10.0.1.0/24}, {id: vsw-2, cidr: 10.0.2.0/24}]",
      "instances:",
      '  - {id: i-app, name: app-server, tags: {role: web, "eni-sim:policy-routing": "true", empty: ""}, policyRouting: true}',
      "networkInterfaces:",
      "  - {id: eni-extra, vswitch: vsw-2, instance: i-app, primaryIp: 10.0.2.10, primary: false, name: mgmt, tags: {tier: mgmt}}",
      "  - {id: eni-own, vswitch: vsw-1, instance: i-app, primaryIp: 10.0.1.10, primary: true}",
    ].join("\n");
    const t = parseTopologyText(yaml, "hints.yaml");
    expect(t.instances).toEqual([{ id: "i-app", forwarding: "none", name: "app-server", tags: { role: "web", "eni-sim:policy-routing": "true", empty: "" }, policyRouting: true }]);
    expect(t.networkInterfaces.map(({ origin: _o, ...e }) => e)).toEqual([
      { id: "eni-extra", vswitch: "vsw-2", instance: "i-app", primaryIp: "10.0.2.10", secondaryIps: [], primary: false, name: "mgmt", tags: { tier: "mgmt" } },
      { id: "eni-own", vswitch: "vsw-1", instance: "i-app", primaryIp: "10.0.1.10", secondaryIps: [], primary: true },
    ]);
  });

  const base = readFileSync(fixture, "utf8");
  const cases: Array<{ name: string; edit: (text: string) => string; code: PlanErrorCode; path: string; line?: number; mentions: string[] }> = [
    { name: "bad primary IP", edit: (t) => t.replace("primaryIp: 10.0.1.20", "primaryIp: 10.0.1.300"), code: "INVALID_VALUE", path: "networkInterfaces[1].primaryIp", line: 19, mentions: ["10.0.1.300", "IPv4"] },
    { name: "IP outside the vSwitch", edit: (t) => t.replace("primaryIp: 10.0.1.20", "primaryIp: 10.0.2.20"), code: "IP_OUTSIDE_VSWITCH", path: "networkInterfaces[1].primaryIp", line: 19, mentions: ["10.0.2.20", "10.0.1.0/24", "vsw-private"] },
    { name: "secondary IP outside", edit: (t) => t.replace("[10.0.1.21]", "[10.0.1.21, 10.9.9.9]"), code: "IP_OUTSIDE_VSWITCH", path: "networkInterfaces[1].secondaryIps[1]", line: 19, mentions: ["10.9.9.9"] },
    { name: "duplicate ENI id", edit: (t) => t.replace("id: eni-app", "id: eni-nat"), code: "DUPLICATE_ID", path: "networkInterfaces[1].id", line: 19, mentions: ["eni-nat", "networkInterfaces[0]"] },
    { name: "duplicate vSwitch id", edit: (t) => t.replace("id: vsw-private, cidr", "id: vsw-public, cidr"), code: "DUPLICATE_ID", path: "vswitches[1].id", line: 6, mentions: ["vsw-public"] },
    { name: "ENI in unknown vSwitch", edit: (t) => t.replace("vswitch: vsw-private", "vswitch: vsw-nope"), code: "DANGLING_REFERENCE", path: "networkInterfaces[1].vswitch", line: 19, mentions: ["vsw-nope", "vsw-public"] },
    { name: "ENI on unknown instance", edit: (t) => t.replace("instance: i-app", "instance: i-gone"), code: "DANGLING_REFERENCE", path: "networkInterfaces[1].instance", mentions: ["i-gone", "i-nat"] },
    { name: "route to unknown ENI", edit: (t) => t.replace("id: eni-nat}}", "id: eni-ghost}}"), code: "DANGLING_REFERENCE", path: "routeTables[1].routes[0].nextHop.id", line: 13, mentions: ["eni-ghost", "eni-app"] },
    { name: "route next hop without id", edit: (t) => t.replace("{type: NetworkInterface, id: eni-nat}", "{type: Instance}"), code: "MISSING_FIELD", path: "routeTables[1].routes[0].nextHop.id", line: 13, mentions: ["Instance"] },
    { name: "unknown next hop type", edit: (t) => t.replace("type: Internet", "type: NatGateway"), code: "INVALID_VALUE", path: "routeTables[0].routes[0].nextHop.type", line: 10, mentions: ["NatGateway", "NetworkInterface, Instance, Local, Internet, Other"] },
    { name: "vSwitch with unknown route table", edit: (t) => t.replace("routeTable: vtb-public,", "routeTable: vtb-x,"), code: "DANGLING_REFERENCE", path: "vswitches[0].routeTable", line: 5, mentions: ["vtb-x"] },
    { name: "bad forwarding", edit: (t) => t.replace("forwarding: snat", "forwarding: masquerade"), code: "INVALID_VALUE", path: "instances[0].forwarding", line: 15, mentions: ["masquerade", "none, snat, route"] },
    { name: "bad httpTokens", edit: (t) => t.replace("httpTokens: required", "httpTokens: always"), code: "INVALID_VALUE", path: "instances[0].metadataOptions.httpTokens", line: 15, mentions: ["always", "optional, required"] },
    { name: "CIDR with host bits", edit: (t) => t.replace("cidr: 10.0.0.0/24", "cidr: 10.0.0.7/24"), code: "INVALID_VALUE", path: "vswitches[0].cidr", line: 5, mentions: ["10.0.0.7/24", "network address"] },
    { name: "CIDR without prefix", edit: (t) => t.replace("cidr: 10.0.0.0/24", "cidr: 10.0.0.0"), code: "INVALID_VALUE", path: "vswitches[0].cidr", mentions: ["10.0.0.0", "CIDR"] },
    { name: "typo in a field name", edit: (t) => t.replace("sourceDestCheck: true}", "sourceDestChek: true}"), code: "UNKNOWN_FIELD", path: "networkInterfaces[0].sourceDestChek", line: 18, mentions: ["sourceDestCheck"] },
    { name: "non-boolean check", edit: (t) => t.replace("sourceDestCheck: true}", 'sourceDestCheck: "yes"}'), code: "INVALID_VALUE", path: "networkInterfaces[0].sourceDestCheck", mentions: ["yes", "true, false"] },
    { name: "bad MAC", edit: (t) => t.replace('"00:16:3E:00:00:01"', '"00:16:3e:00:01"'), code: "INVALID_VALUE", path: "networkInterfaces[0].mac", mentions: ["00:16:3e:00:01"] },
    { name: "duplicate address", edit: (t) => t.replace("[10.0.1.21]", "[10.0.1.20]"), code: "DUPLICATE_IP", path: "networkInterfaces[1].secondaryIps[0]", mentions: ["10.0.1.20", "eni-app"] },
    { name: "missing region", edit: (t) => t.replace("region: cn-hangzhou\n", ""), code: "MISSING_FIELD", path: "region", line: 2, mentions: ["region"] },
    { name: "missing primary IP", edit: (t) => t.replace("primaryIp: 10.0.1.20, ", ""), code: "MISSING_FIELD", path: "networkInterfaces[1].primaryIp", line: 19, mentions: ["primaryIp"] },
    { name: "duplicate route destination", edit: (t) => t.replace("{destination: 0.0.0.0/0, nextHop: {type: Internet}}", "{destination: 0.0.0.0/0, nextHop: {type: Internet}}\n      - {destination: 0.0.0.0/0, nextHop: {type: Local}}"), code: "DUPLICATE_ID", path: "routeTables[0].routes[1].destination", mentions: ["0.0.0.0/0", "routes[0]"] },
    { name: "two primary ENIs on one instance", edit: (t) => t.replace("sourceDestCheck: true}", "sourceDestCheck: true, primary: true}").replace("instance: i-app,", "instance: i-nat, primary: true,"), code: "DUPLICATE_PRIMARY", path: "networkInterfaces[1].primary", line: 19, mentions: ["i-nat", "eni-nat", "eni-app", "networkInterfaces[0]"] },
    { name: "primary ENI without an instance", edit: (t) => t.replace("instance: i-app,", "primary: true,"), code: "INVALID_VALUE", path: "networkInterfaces[1].primary", line: 19, mentions: ["eni-app", "no instance"] },
    { name: "non-boolean primary", edit: (t) => t.replace("instance: i-app,", "instance: i-app, primary: yes,"), code: "INVALID_VALUE", path: "networkInterfaces[1].primary", line: 19, mentions: ["yes", "true, false"] },
    { name: "non-boolean policyRouting", edit: (t) => t.replace("{id: i-app}", '{id: i-app, policyRouting: "on"}'), code: "INVALID_VALUE", path: "instances[1].policyRouting", line: 16, mentions: ["on", "true, false"] },
    { name: "empty instance name", edit: (t) => t.replace("{id: i-app}", '{id: i-app, name: ""}'), code: "INVALID_VALUE", path: "instances[1].name", line: 16, mentions: ["non-empty string"] },
    { name: "tags that are a list", edit: (t) => t.replace("{id: i-app}", "{id: i-app, tags: [web]}"), code: "INVALID_VALUE", path: "instances[1].tags", line: 16, mentions: ["web", "mapping of tag keys"] },
    { name: "tag value that is not a string", edit: (t) => t.replace("instance: i-app,", "instance: i-app, tags: {replicas: 3},"), code: "INVALID_VALUE", path: "networkInterfaces[1].tags.replicas", line: 19, mentions: ["replicas", "3", "string"] },
    { name: "ENI name that is not a string", edit: (t) => t.replace("instance: i-app,", "instance: i-app, name: 42,"), code: "INVALID_VALUE", path: "networkInterfaces[1].name", line: 19, mentions: ["42"] },
    { name: "list where a mapping belongs", edit: (t) => t.replace("  - {id: i-app}", "  - [i-app]"), code: "INVALID_VALUE", path: "instances[1]", mentions: ["mapping"] },
  ];

  it.each(cases)("rejects $name", ({ edit, code, path: at, line, mentions }) => {
    const text = edit(base);
    expect(text).not.toBe(base);
    let caught: unknown;
    try {
      parseTopologyText(text, "plan.yaml");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlanError);
    const e = caught as PlanError;
    expect({ code: e.code, path: e.path, file: e.file }).toEqual({ code, path: at, file: "plan.yaml" });
    if (line !== undefined) expect(e.line).toBe(line);
    expect(e.message.startsWith("plan.yaml:")).toBe(true);
    for (const m of mentions) expect(e.message).toContain(m);
  });

  it("reports YAML syntax errors with their line", () => {
    const e = catchPlanError(() => parseTopologyText("region: x\nvswitches: [\n  {id: a\n", "bad.yaml"));
    expect(e.code).toBe("INVALID_SYNTAX");
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  it("parses paths back into segments", () => {
    expect(parsePath("routeTables[1].routes[0].nextHop.id")).toEqual(["routeTables", 1, "routes", 0, "nextHop", "id"]);
  });
});

function catchPlanError(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error("expected a PlanError");
}
