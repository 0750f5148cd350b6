import * as $Ecs from "@alicloud/ecs20140526";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DEV_ACCESS_KEY } from "../../../emulator/http/credentials";
import { startEmulator } from "../../../emulator/server";
import { ecsClient } from "../../support/sdk-clients";
import type { EmulatorTarget } from "../../support/sdk-clients";

const REPO = resolve(__dirname, "../../..");
const REGION = "cn-hangzhou";
const VSWITCH = "vsw-bp1private4j9n3r6u0y2c";
const SECURITY_GROUP = "sg-bp1web3x8c2v6b0n4m7qa1";

const dir = mkdtempSync(join(tmpdir(), "eni-persist-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Child {
  readonly process: ChildProcess;
  readonly target: EmulatorTarget;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
});

/** `node --import tsx emulator/main.ts ...` as a real separate process, so kill -9 is real. */
function spawnEmulator(args: readonly string[]): { process: ChildProcess; exited: Child["exited"]; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", "0", ...args], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) =>
    child.on("exit", (code, signal) => {
      children.delete(child);
      done({ code, signal, stdout, stderr });
    }),
  );
  return { process: child, exited, output: () => stdout };
}

async function startChild(stateFile: string): Promise<Child> {
  const child = spawnEmulator(["--state", stateFile]);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = /export ALIBABA_CLOUD_ECS_ENDPOINT=(\S+)/.exec(child.output());
    if (match !== null) {
      return { process: child.process, exited: child.exited, target: { endpoint: match[1]!, credentials: DEV_ACCESS_KEY, regionId: REGION } };
    }
    if (child.process.exitCode !== null || Date.now() > deadline) {
      const result = await Promise.race([child.exited, new Promise((r) => setTimeout(r, 100))]);
      throw new Error(`emulator child did not start: ${JSON.stringify(result)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const createEni = async (target: EmulatorTarget, name: string): Promise<string> => {
  const response = await ecsClient(target).createNetworkInterface(
    new $Ecs.CreateNetworkInterfaceRequest({ regionId: REGION, vSwitchId: VSWITCH, securityGroupId: SECURITY_GROUP, networkInterfaceName: name }),
  );
  return response.body!.networkInterfaceId!;
};

const describeEnis = async (target: EmulatorTarget) => {
  const response = await ecsClient(target).describeNetworkInterfaces(
    new $Ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, vSwitchId: VSWITCH, maxResults: 100 }),
  );
  return response.body?.networkInterfaceSets?.networkInterfaceSet ?? [];
};

describe("--state FILE across kill -9 of a child-process emulator", () => {
  it("loses nothing that was acknowledged", async () => {
    const stateFile = join(dir, "kill9.json");
    const first = await startChild(stateFile);
    expect(existsSync(stateFile)).toBe(true);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await createEni(first.target, `persisted-${i}`));
    await ecsClient(first.target).modifyNetworkInterfaceAttribute(
      new $Ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: REGION, networkInterfaceId: ids[0], description: "changed before the crash" }),
    );
    // No grace period: the last acknowledgement is the only guarantee.
    first.process.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const second = await startChild(stateFile);
    const enis = await describeEnis(second.target);
    expect(enis.map((e) => e.networkInterfaceId).sort()).toEqual([...ids].sort());
    expect(enis.find((e) => e.networkInterfaceId === ids[0])?.description).toBe("changed before the crash");
    expect(enis.find((e) => e.networkInterfaceId === ids[3])?.networkInterfaceName).toBe("persisted-3");
    second.process.kill("SIGTERM");
    const stopped = await second.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain("Received SIGTERM");
  });

  it("refuses a corrupt state file, naming it, with exit code 2", async () => {
    const stateFile = join(dir, "corrupt.json");
    writeFileSync(stateFile, '{"version": 1, "networkInterfaces": {');
    const child = spawnEmulator(["--state", stateFile]);
    const result = await child.exited;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(stateFile);
    expect(result.stderr).toContain("not valid JSON");
    // The broken file is left for the user to inspect, not overwritten by a fresh seed.
    expect(readFileSync(stateFile, "utf8")).toBe('{"version": 1, "networkInterfaces": {');
  });

  it("refuses a state file that is JSON but not an emulator state", async () => {
    const stateFile = join(dir, "foreign.json");
    writeFileSync(stateFile, '{"hello": "world"}');
    await expect(startEmulator({ stateFile })).rejects.toMatchObject({ code: "EMULATOR_BAD_STATE_FILE", file: stateFile });
  });
});

describe("--state FILE in process", () => {
  it("restores the same world after close and restart, ids and all", async () => {
    const stateFile = join(dir, "inprocess.json");
    const first = await startEmulator({ stateFile });
    const id = await createEni(first, "in-process");
    await first.close();
    const second = await startEmulator({ stateFile });
    try {
      expect((await describeEnis(second)).map((e) => e.networkInterfaceId)).toContain(id);
      expect(second.store.snapshot()).toEqual(JSON.parse(readFileSync(stateFile, "utf8")));
    } finally {
      await second.close();
    }
  });
});

describe("--state FILE that cannot be written", () => {
  it("stops start-up with an error naming the file", async () => {
    const stateFile = join(dir, "no-such-dir", "state.json");
    await expect(startEmulator({ stateFile })).rejects.toMatchObject({ code: "EMULATOR_BAD_STATE_FILE", file: stateFile });
  });
});
