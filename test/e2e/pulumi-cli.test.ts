/**
 * End to end with the real pulumi CLI: `pulumi up`, `preview --expect-no-changes`, `refresh`,
 * `up` again and `destroy` of a small stack against the emulator, with a local file backend in a
 * temp dir. The CLI cannot be installed everywhere (not in this project's CI), so without
 * `pulumi` on PATH the suite reports itself skipped, saying why; with it, it really runs the CLI.
 * What it adds over test/integration/provider-host: the engine's own step logic, the language
 * host (the program and its serialization of the provider) and the state file.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/provider-host";
import { withEmulator } from "../support/sdk-clients";

const SKIP_MESSAGE = "pulumi CLI not on PATH: e2e skipped";

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const PULUMI = findOnPath("pulumi");
if (PULUMI === undefined) process.stderr.write(`${SKIP_MESSAGE}\n`);

// Only declared when the CLI is missing, so a run with the CLI does not list a misleading skip.
if (PULUMI === undefined) {
  describe("pulumi CLI e2e", () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
}

const PROGRAM = path.join(REPO_ROOT, "test/e2e/fixtures/eni-program.ts");
const STACK = "e2e";
const VSWITCH = "vsw-bp1public0h7k2m5q8t1wx";
const SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe.skipIf(PULUMI === undefined)("pulumi CLI e2e", () => {
  const fx = withEmulator();
  let work: string;
  let env: NodeJS.ProcessEnv;

  const pulumi = (args: readonly string[], timeoutMs = 150_000): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        PULUMI as string,
        [...args, "--non-interactive", "--cwd", path.join(work, "project")],
        { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  const ok = async (args: readonly string[]): Promise<CliResult> => {
    const res = await pulumi(args);
    if (res.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
    return res;
  };
  const outputs = async (): Promise<Record<string, unknown>> =>
    JSON.parse((await ok(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
  const eniFlag = async (eniId: string): Promise<boolean | undefined> => {
    const res = await fx.ecs.describeNetworkInterfaces(
      new (await import("@alicloud/ecs20140526")).DescribeNetworkInterfacesRequest({ regionId: fx.emulator.regionId, networkInterfaceId: [eniId] }),
    );
    const sets = res.body?.networkInterfaceSets?.networkInterfaceSet ?? [];
    return sets[0]?.sourceDestCheck;
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-eni-e2e-"));
    writeProject(path.join(work, "project"));
    env = {
      PATH: process.env.PATH,
      HOME: path.join(work, "home"),
      PULUMI_HOME: path.join(work, "pulumi-home"),
      PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase-not-a-secret",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    for (const dir of ["home", "pulumi-home", "state"]) fs.mkdirSync(path.join(work, dir), { recursive: true });
    await ok(["stack", "init", STACK]);
    const { accessKeyId, accessKeySecret } = fx.emulator.credentials;
    await ok(["config", "set", "alicloud:region", fx.emulator.regionId]);
    await ok(["config", "set", "alicloud:ecsEndpoint", fx.emulator.endpoint]);
    await ok(["config", "set", "alicloud:vpcEndpoint", fx.emulator.endpoint]);
    await ok(["config", "set", "alicloud:accessKey", accessKeyId]);
    await ok(["config", "set", "--secret", "alicloud:secretKey", accessKeySecret]);
    await ok(["config", "set", "vSwitchId", VSWITCH]);
    await ok(["config", "set", "securityGroupId", SECURITY_GROUP]);
  }, 120_000);

  afterAll(async () => {
    if (work !== undefined) {
      // Leave nothing behind in the emulator either, even when a step above failed.
      await pulumi(["destroy", "--yes", "--skip-preview"]);
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it("previews, creates, and then shows no changes (nothing diffs forever)", async () => {
    await ok(["preview"]);
    await ok(["up", "--yes", "--skip-preview"]);
    const out = await outputs();
    expect(out.eniId).toMatch(/^eni-/);
    expect(out.sourceDestCheck).toBe(true);
    expect(await eniFlag(out.eniId as string)).toBe(true);
    const again = await pulumi(["preview", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 300_000);

  it("refresh sees an out-of-band change and the next up converges it back", async () => {
    const eniId = (await outputs()).eniId as string;
    const ecs = await import("@alicloud/ecs20140526");
    await fx.ecs.modifyNetworkInterfaceAttribute(
      new ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: fx.emulator.regionId, networkInterfaceId: eniId, sourceDestCheck: false }),
    );
    await ok(["refresh", "--yes", "--skip-preview"]);
    const exported = (await ok(["stack", "export", "--show-secrets"])).stdout;
    expect(exported).toContain('"sourceDestCheck": false');
    await ok(["up", "--yes", "--skip-preview"]);
    expect(await eniFlag(eniId)).toBe(true);
  }, 300_000);

  it("keeps the secret key out of the state file", async () => {
    const exported = (await ok(["stack", "export"])).stdout;
    expect(exported).not.toContain(fx.emulator.credentials.accessKeySecret);
    expect(exported).not.toContain(fx.emulator.credentials.accessKeyId);
  }, 120_000);

  it("destroys what it made", async () => {
    const eniId = (await outputs()).eniId as string;
    await ok(["destroy", "--yes", "--skip-preview"]);
    expect(await eniFlag(eniId)).toBeUndefined();
  }, 300_000);
});

/**
 * The project lives in a temp dir with only @pulumi/pulumi linked in node_modules: the CLI's
 * plugin scan then finds no resource plugin to download (the repo's own node_modules holds
 * @pulumi/alicloud, which would send it to the network), and the program itself (TypeScript,
 * loaded through tsx) imports the repo's sdk by absolute path.
 */
function writeProject(dir: string): void {
  fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi"), path.join(dir, "node_modules/@pulumi/pulumi"), "dir");
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    ["name: alicloud-eni-e2e", "runtime:", "  name: nodejs", "  options:", "    typescript: false", "main: index.js", ""].join("\n"),
  );
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "alicloud-eni-e2e", private: true, main: "index.js", dependencies: { "@pulumi/pulumi": "3.248.0" } }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "index.js"),
    [
      `require(${JSON.stringify(path.join(REPO_ROOT, "node_modules/tsx/dist/cjs/api/index.cjs"))}).register();`,
      `module.exports = require(${JSON.stringify(PROGRAM)});`,
      "",
    ].join("\n"),
  );
}
