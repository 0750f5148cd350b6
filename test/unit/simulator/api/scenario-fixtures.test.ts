import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../../../simulator/api";
import { scenarioVerdict } from "./scenario-verdict";

const EXAMPLES = join(__dirname, "../../../../examples");
const SCENARIOS = ["nat-instance", "router", "load-balancer", "vpn-endpoint", "multi-eni", "plain-web"];

/**
 * The folder's traffic: declared flows (`flows.yaml`) and captures or flow logs by extension. The
 * folder also holds the scenario's Pulumi program (Pulumi.yaml, index.ts), which is not traffic.
 */
function trafficOf(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f === "flows.yaml" || /\.(csv|jsonl|pcap|pcapng)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

describe("scenario fixtures (examples/<scenario>) through the API", () => {
  it.each(SCENARIOS)("%s yields its expected verdict", async (scenario) => {
    const dir = join(EXAMPLES, scenario);
    const expected: unknown = JSON.parse(readFileSync(join(dir, "expected-verdict.json"), "utf8"));
    const report = await check({ plan: join(dir, "topology.yaml"), traffic: trafficOf(dir) });
    expect(scenarioVerdict(report)).toEqual(expected);
  });

  it("covers every scenario of seed 001's table, plus a plain server to lock down", async () => {
    const scenarios = new Set<string>();
    for (const name of SCENARIOS) {
      const verdict = JSON.parse(readFileSync(join(EXAMPLES, name, "expected-verdict.json"), "utf8")) as { findings: { kind: string; scenario?: string }[] };
      for (const f of verdict.findings) scenarios.add(f.scenario ?? f.kind);
    }
    expect([...scenarios].sort()).toEqual(["can-enable", "load-balancer", "multi-eni", "nat", "routing", "vpn"]);
  });
});
