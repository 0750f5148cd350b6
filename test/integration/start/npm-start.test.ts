/**
 * `npm start` is the README's first command: the demo must keep working end to end (emulator,
 * official SDK, live plan, program under mocks, capture, before/after verdict, report.html).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const cwd = mkdtempSync(join(tmpdir(), "npm-start-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("npm start", () => {
  it("shows the NAT's drops before, none after, who would break under metadata tokens, and writes report.html", () => {
    const run = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), join(ROOT, "scripts", "start.ts")], { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = run.stdout;
    const before = out.slice(out.indexOf("3. Before"), out.indexOf("4. After"));
    const after = out.slice(out.indexOf("4. After"));
    expect(before).toMatch(/would be dropped at eni-\w+: Source\/Destination Check is on; set sourceDestCheck: false/);
    expect(before).toMatch(/must-disable\s+nat/);
    expect(after).toMatch(/Nothing would be dropped/);
    expect(after).toMatch(/stop being dropped/);
    // The program requires metadata tokens: the capture shows who would break (an old script
    // on the NAT reads without one; its agent uses one).
    expect(after).toMatch(/i-nat\s+required\s+10\s+3\s+7\s+—\s+breaks \(requests without a token\)/);
    expect(after).toMatch(/metadata-token\s+—\s+3 metadata requests with/);
    const html = readFileSync(join(cwd, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toMatch(/data-drops="400"/);
    expect(existsSync(join(cwd, "report.html"))).toBe(true);
  }, 150_000);
});
