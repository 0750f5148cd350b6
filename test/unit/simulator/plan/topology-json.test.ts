import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { PlanError } from "../../../../simulator/plan/errors";
import { scanJsonPositions } from "../../../../simulator/plan/json-positions";
import { parseTopologyText, parseYaml } from "../../../../simulator/plan/topology-file";

/** A valid topology of `enis` ENIs in one vSwitch, with optional fields that vary. */
function topology(enis: number, withRoutes: boolean): Record<string, unknown> {
  return {
    region: "cn-hangzhou",
    vswitches: [{ id: "vsw-1", cidr: "10.0.0.0/16", routeTable: "vtb-1" }],
    routeTables: [{ id: "vtb-1", routes: withRoutes && enis > 0 ? [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-0" } }] : [] }],
    instances: [{ id: "i-1", forwarding: "snat", tags: { "a}b": "c]d", 'q"uote': "x,y" } }],
    networkInterfaces: Array.from({ length: enis }, (_, i) => ({
      id: `eni-${i}`,
      vswitch: "vsw-1",
      primaryIp: `10.0.${i >> 8}.${(i & 255) + 1}`,
      ...(i % 3 === 0 ? { secondaryIps: [] } : {}),
      ...(i % 4 === 1 ? { instance: "i-1", name: "with [brackets], {braces} and \"quotes\"" } : {}),
      ...(i % 5 === 2 ? { sourceDestCheck: false } : {}),
    })),
  };
}

describe("topology file, JSON fast path", () => {
  it("gives what the YAML parser gives, origins (file:line) included, whatever the layout", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.constantFrom<string | number>(0, 1, 2, 4, "\t"), fc.boolean(), (enis, routes, indent, crlf) => {
        const json = JSON.stringify(topology(enis, routes), null, indent);
        const text = crlf ? json.replaceAll("\n", "\r\n") : json;
        const fast = parseTopologyText(text, "t.json");
        expect(fast).toEqual(parseYaml(text, "t.json"));
        expect(fast.networkInterfaces).toHaveLength(enis);
      }),
      { numRuns: 60 },
    );
  });

  it("an ENI's origin is the line its object starts on", () => {
    const text = JSON.stringify(topology(3, false), null, 2);
    const lines = text.split("\n");
    const origins = parseTopologyText(text, "t.json").networkInterfaces.map((e) => Number(e.origin!.split(":")[1]));
    expect(origins.map((line) => lines[line - 1]!.trim())).toEqual(["{", "{", "{"]);
    expect(lines[origins[1]!]!.trim()).toBe('"id": "eni-1",');
  });

  it.each([
    ["a repeated key", '{"region": "cn-hangzhou", "region": "cn-beijing", "vswitches": [], "networkInterfaces": []}', "INVALID_SYNTAX"],
    ["a syntax error", '{"region": "cn-hangzhou",\n "vswitches": [,]}', "INVALID_SYNTAX"],
    ["an invalid address", '{"region": "cn-hangzhou",\n"vswitches": [{"id": "v", "cidr": "10.0.0.0/24"}],\n"networkInterfaces": [\n{"id": "e", "vswitch": "v", "primaryIp": "10.0.0.300"}]}', "INVALID_VALUE"],
  ])("rejects %s exactly as the YAML path does, with its line", (_name, text, code) => {
    const viaYaml = captured(() => parseYaml(text, "bad.json"));
    const viaFast = captured(() => parseTopologyText(text, "bad.json"));
    expect(viaYaml).toBeInstanceOf(PlanError);
    expect((viaYaml as PlanError).code).toBe(code);
    expect(viaFast).toEqual(viaYaml);
    expect((viaFast as PlanError).message).toContain("bad.json:");
  });
});

describe("scanJsonPositions", () => {
  it("finds the elements' lines past strings holding brackets, escapes and empty containers", () => {
    const text = ['{"x": ["[", "]"], "k\\"": {},', '"list": [', '  [], {"a": "}\\\\"},', '  {},', "  3", "], \"after\": [1]}"].join("\n");
    JSON.parse(text);
    expect(scanJsonPositions(text, "list")).toEqual({ elementLines: [3, 3, 4, 5], duplicateKey: false });
    expect(scanJsonPositions('{"list": []}', "list").elementLines).toEqual([]);
    expect(scanJsonPositions('{"other": [{"list": [1]}]}', "list").elementLines).toEqual([]);
  });

  it("sees a repeated key at any depth, escaped or not", () => {
    expect(scanJsonPositions('{"a": {"b": 1, "b": 2}}', "x").duplicateKey).toBe(true);
    expect(scanJsonPositions('{"a": 1, "\\u0061": 2}', "x").duplicateKey).toBe(true);
    expect(scanJsonPositions('{"a": {"b": 1}, "c": {"b": 2}}', "x").duplicateKey).toBe(false);
  });
});

function captured(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}
