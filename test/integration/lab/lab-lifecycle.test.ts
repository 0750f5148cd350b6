/**
 * The lab's promises about itself: `down` leaves nothing, a failure halfway through `up` leaks
 * nothing, a name cannot be up twice, the host's own namespace is never touched, and the CLI
 * answers with check's exit codes.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { processRunner, type CommandRunner } from "../../../simulator/lab/command-runner";
import { LabError } from "../../../simulator/lab/errors";
import { labDown, labUp } from "../../../simulator/lab/lab-lifecycle";
import { stateFile } from "../../../simulator/lab/lab-state";
import { runLabCli } from "./lab-cli-harness";
import { EXAMPLES_DIR, exampleTopology, LAB_SKIP_REASON, labNamespaces, LabFixture, suiteName } from "./lab-helpers";

const fixture = new LabFixture("lc");
afterEach(() => fixture.teardown());
afterAll(() => fixture.remove());

/** What the host's own namespace looks like: none of it may change. */
async function hostNetwork(): Promise<string> {
  const parts: string[] = [];
  for (const argv of [["ip", "-o", "link"], ["ip", "-o", "addr"], ["ip", "route", "show", "table", "all"], ["ip", "rule"], ["nft", "list", "ruleset"]]) {
    const r = await processRunner.run(argv);
    // Lifetimes of dynamic addresses and routes count down, and link-netnsid numbers are
    // assigned as namespaces come and go; names, addresses, routes and rules must not change.
    parts.push(
      r.stdout
        .replace(/link-netnsid \d+/g, "")
        .replace(/(valid|preferred)_lft \S+/g, "")
        .replace(/expires \S+/g, "")
        .replace(/\s+/g, " "),
    );
  }
  return parts.join("\n");
}

describe.skipIf(LAB_SKIP_REASON !== undefined)(suiteName("lab lifecycle on the real kernel"), () => {
  it("up builds namespaces with the check's table; down removes every namespace and the state file; the host is untouched", async () => {
    const before = await hostNetwork();
    const lab = await fixture.up(exampleTopology("nat-instance"));
    expect((await labNamespaces(lab)).sort()).toEqual([`es-${lab}-h0`, `es-${lab}-h1`, `es-${lab}-net`, `es-${lab}-vpc`]);
    const table = await processRunner.run(["ip", "netns", "exec", `es-${lab}-vpc`, "nft", "list", "table", "bridge", "enisim_check"]);
    expect(table.stdout).toContain('counter name "e0_ingress" drop');
    expect(await hostNetwork()).toBe(before);

    const down = await labDown({ lab, stateDir: fixture.stateDir });
    expect(down.removedNamespaces).toHaveLength(4);
    expect(await labNamespaces(lab)).toEqual([]);
    expect(existsSync(stateFile(fixture.stateDir, lab))).toBe(false);
    expect(await hostNetwork()).toBe(before);
  });

  it("a failure halfway through up (after namespaces, links and routes exist) leaks nothing", async () => {
    const lab = fixture.name();
    let failed = false;
    // Fails the check's ruleset: the last step, when everything else is already made.
    const failing: CommandRunner = {
      run: (argv, options) => {
        if (argv.includes("nft") && (options?.stdin ?? "").includes("enisim_check")) {
          failed = true;
          return Promise.resolve({ code: 1, stdout: "", stderr: "Error: injected failure", timedOut: false });
        }
        return processRunner.run(argv, options);
      },
    };
    const error = await labUp({ lab, plan: exampleTopology("router"), stateDir: fixture.stateDir, runner: failing }).catch((e: unknown) => e);
    expect(failed).toBe(true);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe("COMMAND_FAILED");
    expect((error as LabError).message).toContain("injected failure");
    expect(await labNamespaces(lab)).toEqual([]);
    expect(readdirSync(fixture.stateDir).filter((f) => f.startsWith(lab))).toEqual([]);
  });

  it("down stops what still runs inside the lab (a process would keep a deleted namespace alive)", async () => {
    const lab = await fixture.up(exampleTopology("plain-web"));
    const sleeper = spawn("ip", ["netns", "exec", `es-${lab}-h0`, "sleep", "30"], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => sleeper.on("exit", (_code, signal) => resolve(signal)));
    try {
      // Bounded wait until the kernel lists it in the namespace.
      for (let i = 0; i < 40; i++) {
        if ((await processRunner.run(["ip", "netns", "pids", `es-${lab}-h0`])).stdout.trim() !== "") break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await labDown({ lab, stateDir: fixture.stateDir });
      expect(await exited).toBe("SIGKILL");
      expect(await labNamespaces(lab)).toEqual([]);
    } finally {
      sleeper.kill("SIGKILL");
    }
  });

  it("a lab name that is up cannot be brought up again; down after a lost state file still removes it", async () => {
    const lab = await fixture.up(exampleTopology("plain-web"));
    const again = await labUp({ lab, plan: exampleTopology("plain-web"), stateDir: fixture.stateDir }).catch((e: unknown) => e);
    expect((again as LabError).code).toBe("LAB_EXISTS");
    // Another state dir knows nothing of it; the namespaces still say the name is taken.
    const other = join(fixture.stateDir, "other-state");
    const fromOther = await labUp({ lab, plan: exampleTopology("plain-web"), stateDir: other }).catch((e: unknown) => e);
    expect((fromOther as LabError).code).toBe("LAB_EXISTS");
    const down = await labDown({ lab, stateDir: other });
    expect(down.hadState).toBe(false);
    expect(await labNamespaces(lab)).toEqual([]);
  });

  it("the CLI: up, exec inside an instance, run with check's exit codes and JSON, down", async () => {
    const lab = fixture.name();
    const env = { ...process.env, ENI_SIM_LAB_STATE_DIR: fixture.stateDir, NO_COLOR: "1" };
    const up = await runLabCli(["lab", "up", "--name", lab, "--plan", join(EXAMPLES_DIR, "router", "topology.yaml")], env);
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`i-router    es-${lab}-h0: eth0=eni-router-a 10.1.0.1 check on; eth1=eni-router-b 10.2.0.1 check on (forwarding route)`);

    const exec = await runLabCli(["lab", "exec", "--name", lab, "i-router", "--", "ip", "-4", "-o", "addr", "show", "dev", "eth1"], env);
    expect(exec.code).toBe(0);
    expect(exec.stdout).toContain("inet 10.2.0.1/24");
    const failing = await runLabCli(["lab", "exec", "--name", lab, "i-a", "--", "false"], env);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain("exited with 1");

    const run = await runLabCli(["lab", "run", "--name", lab, "--traffic", join(EXAMPLES_DIR, "router", "flows.yaml"), "--format", "json"], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: unknown; drops: unknown[]; findings: unknown[]; lab: { agreements: number } };
    expect(Object.keys(report).slice(0, 4)).toEqual(["summary", "drops", "dropRowsTotal", "findings"]);
    expect(report.summary).toEqual({ flows: 3, allowed: 1, dropped: 2, unexpected: 2 });
    expect(report.lab.agreements).toBe(3);

    const ok = fixture.file("ok-flows.yaml", "flows:\n  - {name: a-to-router, src: 10.1.0.5, dst: 10.1.0.1, protocol: udp, dstPort: 53}\n");
    const table = await runLabCli(["lab", "run", "--name", lab, "--traffic", ok], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("kernel vs model");
    expect(table.stdout).toMatch(/a-to-router\s+kernel ACCEPTED\s+model ACCEPTED\s+agree/);

    const down = await runLabCli(["lab", "down", "--name", lab], env);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`lab ${lab} is down`);
    const gone = await runLabCli(["lab", "run", "--name", lab, "--traffic", ok], env);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("is not up");
  });

  it("the CLI refuses captures for run and a bad lab name, with exit 2", async () => {
    const lab = await fixture.up(exampleTopology("plain-web"));
    const env = { ...process.env, ENI_SIM_LAB_STATE_DIR: fixture.stateDir };
    const capture = await runLabCli(["lab", "run", "--name", lab, "--traffic", join(EXAMPLES_DIR, "plain-web", "flow-logs.csv")], env);
    expect(capture.code).toBe(2);
    expect(capture.stderr).toContain("lab run sends declared flows");
    const bad = await runLabCli(["lab", "down", "--name", "Not OK"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('lab name "Not OK" is not allowed');
  });
});
