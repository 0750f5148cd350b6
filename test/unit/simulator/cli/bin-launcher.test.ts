/**
 * The real launcher, spawned: exit codes as a shell sees them. Kept to a few spawns (each costs
 * about a second); the behaviour behind them is covered in-process by run-cli.test.ts.
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../../../..");
const BIN = join(ROOT, "bin/eni-sim.js");
const ex = (scenario: string, file: string): string => join(ROOT, "examples", scenario, file);

function eniSim(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 20_000, env: { ...process.env, NO_COLOR: "1" } });
}

describe("bin/eni-sim.js", () => {
  it("exits 0 when nothing unexpected is dropped", () => {
    const r = eniSim("check", "--plan", ex("plain-web", "topology.yaml"), "--traffic", ex("plain-web", "flow-logs.csv"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("can-enable");
  });

  it("exits 1 when the plan drops traffic", () => {
    const r = eniSim("check", "--plan", ex("vpn-endpoint", "topology.yaml"), "--traffic", ex("vpn-endpoint", "flow-logs.csv"), "--format", "json");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ findings: [{ eni: "eni-edge01", kind: "must-disable", scenario: "vpn" }] });
  });

  it("exits 2 with a message naming the missing traffic file", () => {
    const r = eniSim("check", "--plan", ex("plain-web", "topology.yaml"), "--traffic", "/nonexistent/capture.pcap");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("/nonexistent/capture.pcap");
  });

  it("declares its commands without loading them: the check, the emulator and the YAML parser wait until a command runs", () => {
    const probe = `require(${JSON.stringify(join(ROOT, "simulator/cli.ts"))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const r = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", probe], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
    expect(r.stderr).toBe("");
    const loaded = JSON.parse(r.stdout) as string[];
    const heavy = /\/(emulator\/|simulator\/(plan|model|traffic|report)\/|simulator\/api\/(check|diff|assess|answer-output)\.ts)/;
    expect(loaded.filter((m) => !m.includes("node_modules") && heavy.test(m))).toEqual([]);
    expect(loaded.some((m) => m.includes("node_modules/yaml/"))).toBe(false);
    expect(loaded.length).toBeLessThan(40);
  });

  it("starts the emulator and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      while (!/listening on http:\/\/127\.0\.0\.1:\d+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
