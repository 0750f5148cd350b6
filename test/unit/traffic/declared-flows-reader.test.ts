import { afterAll, describe, expect, it } from "vitest";

import { parseDeclaredFlows } from "../../../simulator/traffic/declared-flows-reader";
import { TrafficFormatError } from "../../../simulator/traffic/errors";
import { ReadCounters } from "../../../simulator/traffic/read-counters";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import { CollectingSink, readWithChunk, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const GOOD = `# flows the NAT instance must carry
flows:
  - name: client-to-web
    src: 10.0.1.5
    dst: 93.184.216.34
    protocol: tcp
    dstPort: 443
    expect: allowed
  - {name: ping, src: 10.0.1.5, dst: 8.8.8.8, protocol: icmp}
`;

function parseError(text: string): TrafficFormatError {
  try {
    parseDeclaredFlows(text, "flows.yaml", new ReadCounters(false));
  } catch (error) {
    expect(error).toBeInstanceOf(TrafficFormatError);
    return error as TrafficFormatError;
  }
  throw new Error("expected a TrafficFormatError");
}

describe("declared flows", () => {
  it("reads YAML and JSON documents into the sink", async () => {
    for (const [name, text] of [
      ["flows.yaml", GOOD],
      ["flows.json", JSON.stringify({ flows: [{ name: "client-to-web", src: "10.0.1.5", dst: "93.184.216.34", protocol: "tcp", dstPort: 443, expect: "allowed" }, { name: "ping", src: "10.0.1.5", dst: "8.8.8.8", protocol: "icmp" }] }, null, 2)],
    ] as const) {
      const sink = new CollectingSink();
      expect(await readTraffic(dir.file(name, text), sink)).toMatchObject({ format: "flows", records: 2 });
      expect(sink.flows).toEqual([
        { name: "client-to-web", src: "10.0.1.5", dst: "93.184.216.34", protocol: "tcp", dstPort: 443, expect: "allowed" },
        { name: "ping", src: "10.0.1.5", dst: "8.8.8.8", protocol: "icmp" },
      ]);
    }
  });

  it("reads a document that needs several reads", async () => {
    const { sink } = await readWithChunk(dir.file("chunked.yaml", GOOD), "flows", 16);
    expect(sink.flows.map((f) => f.name)).toEqual(["client-to-web", "ping"]);
  });

  const flow = (fields: string): string => `flows:\n  - name: ok\n    src: 10.0.0.1\n    dst: 10.0.0.2\n    protocol: tcp\n  - ${fields}\n`;
  it.each([
    ["a bad protocol", flow("{name: f, src: 10.0.0.1, dst: 10.0.0.2, protocol: sctp}"), "protocol", '"sctp"', "one of tcp, udp, icmp"],
    ["a bad address", flow("{name: f, src: 10.0.0.256, dst: 10.0.0.2, protocol: tcp}"), "src", '"10.0.0.256"', "an IPv4 address"],
    ["a missing dst", flow("{name: f, src: 10.0.0.1, protocol: tcp}"), "dst", "nothing", "an IPv4 address"],
    ["a port out of range", flow("{name: f, src: 10.0.0.1, dst: 10.0.0.2, protocol: udp, dstPort: 70000}"), "dstPort", "70000", "1..65535"],
    ["a port on icmp", flow("{name: f, src: 10.0.0.1, dst: 10.0.0.2, protocol: icmp, dstPort: 80}"), "dstPort", "80", "no dstPort for protocol icmp"],
    ["a bad expectation", flow("{name: f, src: 10.0.0.1, dst: 10.0.0.2, protocol: tcp, expect: blocked}"), "expect", '"blocked"', "one of allowed, dropped"],
    ["an unknown field", flow("{name: f, src: 10.0.0.1, dst: 10.0.0.2, protocol: tcp, dstport: 80}"), "dstport", "80", "allowed fields are name, src, dst, protocol, dstPort, expect"],
    ["a duplicate name", flow("{name: ok, src: 10.0.0.1, dst: 10.0.0.2, protocol: tcp}"), "name", '"ok"', "a name no other flow"],
  ])("names the flow, field, value and what is allowed for %s", (_name, text, field, value, allowed) => {
    const error = parseError(text);
    expect(error).toMatchObject({ code: "BAD_DECLARED_FLOWS", file: "flows.yaml", line: 6 });
    expect(error.message).toContain(`flow #2 ("${_name === "a duplicate name" ? "ok" : "f"}") field ${field}: `);
    expect(error.message).toContain(allowed);
    expect(error.message).toContain(`found ${value}`);
  });

  it("names flow by index when it has no name", () => {
    expect(parseError("flows:\n  - src: 10.0.0.1\n").message).toContain("flow #1 field name: a non-empty string");
    expect(parseError("flows:\n  - just a string\n").message).toContain("flow #1 to be a mapping");
  });

  it("rejects documents without a flows list and YAML syntax errors with their line", () => {
    expect(parseError("routes: []\n").message).toContain("no flows key");
    expect(parseError("flows: {a: 1}\n").message).toContain("flows that is not a list");
    const syntax = parseError("flows:\n  - name: a\n    src: [1\n");
    expect(syntax.expected).toBe("valid YAML or JSON");
    expect(syntax.line).toBeGreaterThan(1);
  });

  it("skips invalid flows under --lenient and counts them", () => {
    const counters = new ReadCounters(true);
    const flows = parseDeclaredFlows(flow("{name: f, src: x, dst: 10.0.0.2, protocol: tcp}"), "flows.yaml", counters);
    expect(flows.map((f) => f.name)).toEqual(["ok"]);
    expect(counters.skipped).toBe(1);
  });
});
