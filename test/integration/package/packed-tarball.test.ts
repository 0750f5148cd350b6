/**
 * Issue 5: what users install is the packed tarball, not this checkout. Packs the package from a
 * copy of the sources, installs the tarball (offline, from the npm cache `npm ci` filled) into a fresh project
 * with only @pulumi/pulumi beside it, and uses it there as a user would: a Pulumi program whose
 * serialized provider is rebuilt as the dynamic-provider host does and driven against the
 * packaged emulator; `npx eni-sim check`; and the policy pack installed the same way.
 * Anything loaded from this repository's sources fails the test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Lockfile, lockfileFor } from "./offline-lockfile";

const REPO = resolve(__dirname, "../../..");
const SOURCES = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "README.md", "CHANGELOG.md", "bin", "sdk", "provider", "simulator", "emulator"];
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];
const TARBALL_LIMIT = 1024 * 1024;
const PACKAGE = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string> };
const REPO_LOCK = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")) as Lockfile;

interface PackedFile {
  readonly path: string;
}
interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackedFile[];
}

let work = "";
let pack: PackResult;
const env = (): NodeJS.ProcessEnv => ({ ...process.env, ENI_REPO_ROOT: REPO, NODE_OPTIONS: "" });

function npm(args: readonly string[], cwd: string): string {
  return execFileSync("npm", [...args, ...NPM_QUIET], { cwd, env: env(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
}

/**
 * Installs the tarball and `dependencies` into the project at `dir`, offline: `npm ci` from a
 * lockfile made from this repository's (see offline-lockfile.ts).
 */
function installProject(dir: string, dependencies: Record<string, string>): void {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; dependencies?: Record<string, string> };
  const tarball = `file:${join(work, pack.filename)}`;
  const { [PACKAGE.name]: _ours, ...registry } = { ...manifest.dependencies, ...dependencies };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ ...manifest, dependencies: { ...registry, [PACKAGE.name]: tarball } }, null, 2));
  const local = { name: PACKAGE.name, version: PACKAGE.version, resolved: tarball, dependencies: PACKAGE.dependencies, bin: PACKAGE.bin };
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lockfileFor(REPO_LOCK, manifest.name, registry, local), null, 2));
  npm(["ci", "--offline"], dir);
}

function lastJsonLine(output: string): Record<string, unknown> {
  const lines = output.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "alicloud-eni-pack-"));
  const source = join(work, "source");
  mkdirSync(source);
  for (const entry of SOURCES) cpSync(join(REPO, entry), join(source, entry), { recursive: true });
  // The build needs the compiler and types; they stay outside the tarball.
  symlinkSync(join(REPO, "node_modules"), join(source, "node_modules"), "dir");
  pack = (JSON.parse(npm(["pack", "--json", "--pack-destination", work], source)) as PackResult[])[0]!;
  process.stdout.write(`packed ${pack.filename}: ${(pack.size / 1024).toFixed(0)} KiB (${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.files.length} files)\n`);

  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "user-stack", version: "1.0.0", private: true }));
  installProject(app, { "@pulumi/pulumi": "3.248.0" });
  cpSync(join(__dirname, "fixtures"), app, { recursive: true });

  const policy = join(work, "policy");
  cpSync(join(REPO, "policy"), policy, { recursive: true, filter: (p) => !p.includes("node_modules") });
  installProject(policy, {});
  cpSync(join(__dirname, "fixtures", "policy-smoke.js"), join(policy, "policy-smoke.js"));
}, 420_000);

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("is lean: compiled code and docs only, under 1 MiB", () => {
    expect(pack.size).toBeLessThan(TARBALL_LIMIT);
    const paths = pack.files.map((f) => f.path);
    expect(paths).toContain("dist/sdk/index.js");
    expect(paths).toContain("dist/sdk/index.d.ts");
    expect(paths).toContain("bin/eni-sim.js");
    const strays = paths.filter((p) => /^(test|bench|examples|scripts|policy)\//.test(p) || (p.endsWith(".ts") && !p.endsWith(".d.ts")));
    expect(strays).toEqual([]);
  });

  it("runs a NetworkInterface program's serialized provider against the packaged emulator", () => {
    const out = execFileSync(process.execPath, ["provider-roundtrip.js"], { cwd: join(work, "app"), env: env(), encoding: "utf8", timeout: 120_000 });
    const result = lastJsonLine(out);
    process.stdout.write(`serialized NetworkInterface provider: ${String(result["providerBytes"])} bytes, requires ${JSON.stringify(result["providerRequires"])}\n`);
    expect(result["id"]).toMatch(/^eni-/);
    expect(result["sourceDestCheck"]).toBe(false);
    expect(result["status"]).toBe("Available");
    expect(result["goneAfterDelete"]).toBe(true);
    // The provider reaches its code through the installed package, never through this checkout.
    expect((result["providerRequires"] as string[]).length).toBeGreaterThan(0);
    expect(result["providerMentionsRepo"]).toBe(false);
    expect(result["providerMentionsSecret"]).toBe(false);
    expect(result["loadedFromRepo"]).toEqual([]);
  });

  it("runs `npx eni-sim check` from the installed bin", () => {
    const example = join(REPO, "examples", "nat-instance");
    const run = spawnSync("npx", ["--no-install", "eni-sim", "check", "--plan", join(example, "topology.yaml"), "--traffic", join(example, "flows.yaml"), "--format", "json"], {
      cwd: join(work, "app"),
      env: env(),
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: { dropped: number }; findings: { eni: string; kind: string }[] };
    expect(report.summary.dropped).toBeGreaterThan(0);
    expect(report.findings).toContainEqual(expect.objectContaining({ eni: "eni-nat", kind: "must-disable" }));
  });

  it("loads the policy pack installed against the tarball and reports the NAT's check", () => {
    const out = execFileSync(process.execPath, ["policy-smoke.js"], { cwd: join(work, "policy"), env: env(), encoding: "utf8", timeout: 120_000 });
    const result = lastJsonLine(out);
    expect(result["loadedFromRepo"]).toEqual([]);
    const violations = result["violations"] as { policy: string; urn?: string }[];
    expect(violations).toContainEqual(expect.objectContaining({ policy: "eni-forwarders-need-source-dest-check-off", urn: "urn:pulumi:dev::nat::pulumi-nodejs:dynamic:Resource::nat" }));
  });
});
