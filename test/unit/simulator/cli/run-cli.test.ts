import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../simulator/cli";

const EXAMPLES = join(__dirname, "../../../../examples");
const ex = (scenario: string, file: string): string => join(EXAMPLES, scenario, file);

class Capture extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const tmp = mkdtempSync(join(tmpdir(), "eni-sim-cli-"));

describe("eni-sim check", () => {
  it("exits 1 and prints the table when the plan drops traffic", async () => {
    const r = await run("check", "--plan", ex("nat-instance", "topology.yaml"), "--traffic", ex("nat-instance", "flow-logs.csv"), ex("nat-instance", "flows.yaml"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("eni-nat");
    expect(r.stdout).toContain("must-disable");
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("exits 0 for a plan that drops nothing, and writes JSON to --out", async () => {
    const out = join(tmp, "web.json");
    const r = await run("check", "--plan", ex("plain-web", "topology.yaml"), "--traffic", ex("plain-web", "flow-logs.csv"), "--format", "json", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`wrote ${out}`);
    const report = JSON.parse(readFileSync(out, "utf8")) as { summary: { dropped: number }; findings: { kind: string }[] };
    expect(report.summary.dropped).toBe(0);
    expect(report.findings.map((f) => f.kind)).toEqual(["can-enable"]);
  });

  it("writes a self-contained HTML page", async () => {
    const out = join(tmp, "nat.html");
    const r = await run("check", "--plan", ex("nat-instance", "topology.yaml"), "--traffic", ex("nat-instance", "flows.yaml"), "--format", "html", "--out", out);
    expect(r.code).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain("eni-nat");
  });

  it("exits 2 naming the file and line of a corrupt flow log; --lenient skips it", async () => {
    const bad = join(tmp, "bad.csv");
    writeFileSync(bad, "eni-id,direction,srcaddr,dstaddr,packets,bytes\neni-web,in,203.0.113.50,10.0.5.10,1,60\neni-web,sideways,1.2.3.4,10.0.5.10,1,60\n");
    const strict = await run("check", "--plan", ex("plain-web", "topology.yaml"), "--traffic", bad);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(bad);
    expect(strict.stderr).toMatch(/line 3/);
    const lenient = await run("check", "--plan", ex("plain-web", "topology.yaml"), "--traffic", bad, "--lenient", "--format", "json");
    expect(lenient.code).toBe(0);
    expect((JSON.parse(lenient.stdout) as { inputs: { skipped: number }[] }).inputs[0]!.skipped).toBe(1);
  });

  it.each<[string, string[], RegExp]>([
    ["a missing --plan", ["check"], /required option '--plan <source>'/],
    ["an unknown format", ["check", "--plan", "x.yaml", "--format", "pdf"], /--format.*pdf/],
    ["an unknown command", ["frobnicate"], /unknown command/],
    ["a plan that does not exist", ["check", "--plan", "/nonexistent/plan.yaml"], /\/nonexistent\/plan\.yaml/],
    ["a plan that is not valid", ["check", "--plan", "__INVALID__"], /invalid\.yaml:\d+/],
    ["an --out file that cannot be written", ["check", "--plan", ex("plain-web", "topology.yaml"), "--out", "/nonexistent/dir/report.txt"], /--out \/nonexistent\/dir\/report.txt: cannot write the answer \(ENOENT\)/],
    ["an unknown --capture-eni", ["check", "--plan", ex("plain-web", "topology.yaml"), "--capture-eni", "eni-x"], /--capture-eni "eni-x" is not a network interface of the plan \(known: eni-web\)/],
    ["a --metadata-port that is not a port", ["emulator", "--metadata-port", "http"], /--metadata-port/],
  ])("exits 2 on %s", async (_name, argv, message) => {
    const invalid = join(tmp, "invalid.yaml");
    writeFileSync(invalid, "region: cn-hangzhou\nvswitches:\n  - {id: vsw-1, cidr: 10.0.0.0/33}\nrouteTables: []\ninstances: []\nnetworkInterfaces: []\n");
    const r = await run(...argv.map((a) => (a === "__INVALID__" ? invalid : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("prints the package version with exit 0", async () => {
    const r = await run("--version");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(__dirname, "../../../../package.json"), "utf8")) as { version: string }).version);
  });

  it("prints help with exit 0", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("check");
    expect(r.stdout).toContain("assess");
  });
});

describe("eni-sim diff and assess", () => {
  const fixed = join(tmp, "nat-fixed.yaml");
  writeFileSync(fixed, readFileSync(ex("nat-instance", "topology.yaml"), "utf8").replace('mac: "00:16:3e:00:00:01"}', 'mac: "00:16:3e:00:00:01", sourceDestCheck: false}'));

  it("diff exits 1 when the new plan starts dropping, 0 when it only stops", async () => {
    const traffic = [ex("nat-instance", "flow-logs.csv"), ex("nat-instance", "flows.yaml")];
    const worse = await run("diff", "--from", fixed, "--to", ex("nat-instance", "topology.yaml"), "--traffic", ...traffic);
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/6 flows would start being dropped/);
    expect(worse.stdout).toContain("starts-dropping");
    const better = await run("diff", "--from", ex("nat-instance", "topology.yaml"), "--to", fixed, "--traffic", ...traffic, "--format", "json");
    expect(better.code).toBe(0);
    expect(JSON.parse(better.stdout)).toMatchObject({ summary: { startsDropping: 0, stopsDropping: 6 } });
  });

  it("assess from a topology: the account keeps the old default, and the NAT drops today", async () => {
    const r = await run("assess", "--plan", ex("nat-instance", "topology.yaml"), "--traffic", ex("nat-instance", "flow-logs.csv"), "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { newDefault: string; criteria: { routesToEniOrInstance: string[] } };
    expect(report.newDefault).toBe("disabled");
    expect(report.criteria.routesToEniOrInstance).toEqual(["vtb-private: 0.0.0.0/0 -> eni-nat"]);
    const table = await run("assess", "--plan", ex("nat-instance", "topology.yaml"), "--traffic", ex("nat-instance", "flow-logs.csv"));
    expect(table.stdout).toContain("keep the check OFF by default");
    expect(table.stdout).toContain("vtb-private: 0.0.0.0/0 -> eni-nat");
  });

  it("diff draws the --to plan as HTML", async () => {
    const out = join(tmp, "diff.html");
    const r = await run("diff", "--from", fixed, "--to", ex("nat-instance", "topology.yaml"), "--traffic", ex("nat-instance", "flows.yaml"), "--format", "html", "--out", out);
    expect(r.code).toBe(1);
    expect(readFileSync(out, "utf8")).toContain("eni-nat");
  });

  it("assess needs --endpoint or --plan", async () => {
    const r = await run("assess");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--endpoint");
  });
});
