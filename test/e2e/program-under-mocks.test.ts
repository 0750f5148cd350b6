/**
 * Runs always, CLI or not: the e2e program loads and registers what the CLI suite expects, under
 * Pulumi's mock runtime in a child process. It also checks the harness's claim to serialize
 * providers "exactly as Pulumi does": the `__provider` a real program registers is compared with
 * what test/support/provider-host/serialize-provider.ts produces.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { NETWORK_INTERFACE, PROVIDER_EXPORTS, REPO_ROOT, serializeProvider } from "../support/provider-host";

interface MockRun {
  registered: { type: string; name: string; inputs: Record<string, unknown> }[];
  eniId: unknown;
}

function runUnderMocks(): Promise<MockRun> {
  const script = path.join(REPO_ROOT, "test/e2e/fixtures/run-under-mocks.ts");
  const program = path.join(REPO_ROOT, "test/e2e/fixtures/eni-program.ts");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", script, program], { cwd: REPO_ROOT, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`mock run failed: ${err.message}\n${stderr}`));
      const line = stdout.split("\n").find((l) => l.startsWith("__MOCK_RUN__ "));
      if (line === undefined) return reject(new Error(`mock run printed no result:\n${stdout.slice(-2000)}\n${stderr}`));
      resolve(JSON.parse(line.slice("__MOCK_RUN__ ".length)) as MockRun);
    });
  });
}

describe("the e2e program under Pulumi's mock runtime", () => {
  it("registers one NetworkInterface with the inputs the CLI suite relies on, serialized as the harness does", async () => {
    const [run, harnessSerialized] = await Promise.all([runUnderMocks(), serializeProvider(PROVIDER_EXPORTS[NETWORK_INTERFACE])]);
    expect(run.eniId).toBe("eni-mock");
    expect(run.registered.map((r) => [r.type, r.name])).toEqual([[NETWORK_INTERFACE, "e2e-eni"]]);
    const inputs = run.registered[0]?.inputs ?? {};
    expect(inputs).toMatchObject({
      vSwitchId: "vsw-mock",
      securityGroupIds: ["sg-mock"],
      sourceDestCheck: true,
      __urn: `urn:pulumi:e2e::alicloud-eni-e2e::${NETWORK_INTERFACE}::e2e-eni`,
    });
    expect(inputs.__provider).toBe(harnessSerialized.text);
  }, 60_000);
});
