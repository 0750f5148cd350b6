import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LabError } from "../../../simulator/lab/errors";
import { findHost, labDown, labUp, requireLab } from "../../../simulator/lab/lab-lifecycle";
import { readState, stateFile } from "../../../simulator/lab/lab-state";
import { exampleTopology } from "./lab-fixtures";
import { FakeRunner } from "./fake-runner";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "eni-sim-lab-unit-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (e) {
    return e instanceof LabError ? e.code : `not a LabError: ${String(e)}`;
  }
  return undefined;
}

const env = (runner: FakeRunner) => ({ stateDir: dir, runner, checkRequirements: false });

describe("labUp / labDown with a fake runner", () => {
  it("up makes the namespaces, records them, and marks the lab up; down removes exactly those", async () => {
    const runner = new FakeRunner();
    runner.namespaces.add("host-thing");
    const state = await labUp({ lab: "a", plan: exampleTopology("nat-instance"), ...env(runner) });
    expect(state.status).toBe("up");
    expect([...runner.namespaces].sort()).toEqual(["es-a-h0", "es-a-h1", "es-a-net", "es-a-vpc", "host-thing"]);
    expect((await readState(dir, "a"))!.namespaces).toEqual(["es-a-vpc", "es-a-net", "es-a-h0", "es-a-h1"]);
    const down = await labDown({ lab: "a", ...env(runner) });
    expect([...down.removedNamespaces].sort()).toEqual(["es-a-h0", "es-a-h1", "es-a-net", "es-a-vpc"]);
    expect([...runner.namespaces]).toEqual(["host-thing"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("the state file names every namespace before the first one is made (so down works after a crash)", async () => {
    let snapshot: string | undefined;
    const runner = new FakeRunner((argv) => {
      if (argv[1] === "netns" && argv[2] === "add" && snapshot === undefined) snapshot = readFileSync(stateFile(dir, "c"), "utf8");
      return false;
    });
    await labUp({ lab: "c", plan: exampleTopology("router"), ...env(runner) });
    const early = JSON.parse(snapshot!) as { status: string; namespaces: string[] };
    expect(early.status).toBe("building");
    expect(early.namespaces).toEqual(["es-c-vpc", "es-c-net", "es-c-h0", "es-c-h1"]);
  });

  it("a failure halfway through up removes what was made and the state file, and names the command", async () => {
    const runner = new FakeRunner((argv) => argv.join(" ").includes("link add p1 type veth"));
    let error: unknown;
    try {
      await labUp({ lab: "f", plan: exampleTopology("nat-instance"), ...env(runner) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe("COMMAND_FAILED");
    expect((error as LabError).message).toContain("ip -n es-f-vpc link add p1 type veth peer name eth0 netns es-f-h1");
    expect((error as LabError).message).toContain("Operation not permitted");
    expect(runner.namespaces.size).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("up refuses a lab name that is already up, and one whose namespaces exist without a state file", async () => {
    const runner = new FakeRunner();
    await labUp({ lab: "d", plan: exampleTopology("router"), ...env(runner) });
    expect(await codeOf(labUp({ lab: "d", plan: exampleTopology("router"), ...env(runner) }))).toBe("LAB_EXISTS");
    const other = new FakeRunner();
    other.namespaces.add("es-e-vpc");
    expect(await codeOf(labUp({ lab: "e", plan: exampleTopology("router"), ...env(other) }))).toBe("LAB_EXISTS");
    expect(readdirSync(dir)).toEqual(["d.json"]);
  });

  it("down removes a lab's namespaces even when its state file is gone, and says when there is nothing", async () => {
    const runner = new FakeRunner();
    runner.namespaces.add("es-g-vpc");
    runner.namespaces.add("es-g-h0");
    runner.namespaces.add("es-gg-vpc");
    const down = await labDown({ lab: "g", ...env(runner) });
    expect(down.hadState).toBe(false);
    expect([...runner.namespaces]).toEqual(["es-gg-vpc"]);
    expect(await codeOf(labDown({ lab: "g", ...env(runner) }))).toBe("LAB_NOT_FOUND");
  });

  it("a state file naming a namespace the lab could not have made is refused (down never deletes foreign namespaces)", async () => {
    const runner = new FakeRunner();
    await labUp({ lab: "h", plan: exampleTopology("router"), ...env(runner) });
    const file = stateFile(dir, "h");
    const state = JSON.parse(readFileSync(file, "utf8")) as { namespaces: string[] };
    writeFileSync(file, JSON.stringify({ ...state, namespaces: [...state.namespaces, "default"] }));
    expect(await codeOf(labDown({ lab: "h", ...env(runner) }))).toBe("BAD_STATE_FILE");
  });

  it("finds hosts by instance id, ENI id or namespace, and names the known ones otherwise", async () => {
    const runner = new FakeRunner();
    await labUp({ lab: "i", plan: exampleTopology("router"), ...env(runner) });
    const state = await requireLab({ stateDir: dir, runner }, "i");
    expect(findHost(state, "i-router").namespace).toBe("es-i-h0");
    expect(findHost(state, "eni-router-b").namespace).toBe("es-i-h0");
    expect(findHost(state, "es-i-h1").instance).toBe("i-a");
    expect(() => findHost(state, "i-nope")).toThrow(/known: i-router, i-a/);
    expect(await codeOf(requireLab({ stateDir: dir, runner }, "nope"))).toBe("LAB_NOT_FOUND");
  });
});

describe("state file validation", () => {
  it("refuses a blueprint that would have run or exec enter a namespace the lab did not make", async () => {
    const runner = new FakeRunner();
    await labUp({ lab: "j", plan: exampleTopology("router"), ...env(runner) });
    const file = stateFile(dir, "j");
    const state = JSON.parse(readFileSync(file, "utf8")) as { blueprint: { hosts: { namespace: string }[] } };
    state.blueprint.hosts[0]!.namespace = "some-other-ns";
    writeFileSync(file, JSON.stringify(state));
    expect(await codeOf(requireLab({ stateDir: dir, runner }, "j"))).toBe("BAD_STATE_FILE");
  });

  it("refuses a state file that is not JSON, naming it", async () => {
    writeFileSync(stateFile(dir, "k"), "{oops");
    const error = await readState(dir, "k").catch((e: unknown) => e);
    expect((error as LabError).code).toBe("BAD_STATE_FILE");
    expect((error as LabError).message).toContain(stateFile(dir, "k"));
  });
});
