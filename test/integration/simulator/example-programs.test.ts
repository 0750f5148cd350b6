import { existsSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../simulator/cli";
import type { CheckReport } from "../../../simulator/model/check-report";

const EXAMPLES = join(__dirname, "../../../examples");

class Capture extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** `eni-sim check --plan examples/<x> [--traffic examples/<x>/flows.yaml] --format json`. */
async function checkExample(scenario: string): Promise<{ code: number; report: CheckReport; stderr: string }> {
  const flows = join(EXAMPLES, scenario, "flows.yaml");
  const argv = ["check", "--plan", join(EXAMPLES, scenario), ...(existsSync(flows) ? ["--traffic", flows] : []), "--format", "json"];
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr, env: {} });
  return { code, report: JSON.parse(stdout.text || "{}") as CheckReport, stderr: stderr.text };
}

/** For some examples, why they pass: the hop that would go wrong if the plan lost a hint. */
const WHY: Record<string, { flow: string; hop: string } | undefined> = {
  // policyRouting (tag eni-sim:policy-routing): a reply from eth1's address leaves by eth1.
  "multi-eni": { flow: "ssh-reply-from-eth1-address", hop: "eni-app-secondary egress ok source 10.0.2.10 is its own" },
  // `primary`: the ENI attached to i-web (declared first) is not its eth0, so traffic leaves by its own.
  "plain-web": { flow: "web-to-package-mirror", hop: "eni-web-primary egress ok source 10.0.5.10 is its own" },
  // The router's eth0 is its uplink in vsw-b: on-premises traffic leaves through vsw-b's table.
  router: { flow: "a-to-onprem", hop: "vtb-b route 172.16.0.0/12 -> vpn-gateway-1" },
};

// Each example is the FIXED stack: run as a Pulumi program under mocks (a child process each,
// a few seconds of module loading), it must find nothing unexpected dropped.
describe.concurrent("example programs (examples/<scenario>/index.ts) pass `eni-sim check`", { timeout: 90_000 }, () => {
  it.each(["nat-instance", "router", "load-balancer", "vpn-endpoint", "multi-eni", "plain-web"])("%s exits 0", async (scenario) => {
    const { code, report, stderr } = await checkExample(scenario);
    expect(stderr).toBe("");
    expect({ code, unexpected: report.summary.unexpected ?? 0 }).toEqual({ code: 0, unexpected: 0 });
    expect(report.findings.filter((f) => f.kind === "must-disable" || f.kind === "unsupported-region")).toEqual([]);
    // Every program names its region, so nothing is judged under an assumed one.
    expect(report.region).toEqual({ id: expect.not.stringMatching(/^unknown$/), sourceDestCheckSupported: true });
    expect((report.flows ?? []).filter((f) => !f.asExpected).map((f) => f.name)).toEqual([]);
    const why = WHY[scenario];
    if (why !== undefined) expect(report.flows?.find((f) => f.name === why.flow)?.hops).toContain(why.hop);
  });
});
