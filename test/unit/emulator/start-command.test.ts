import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { DEV_ACCESS_KEY } from "../../../emulator/http/credentials";
import { EmulatorCommandError, parsePort, runEmulatorCommand } from "../../../emulator/start-command";

describe("parsePort", () => {
  it.each([
    [undefined, 0],
    ["0", 0],
    ["8080", 8080],
    [65535, 65535],
  ])("%j → %j", (input, port) => {
    expect(parsePort(input)).toBe(port);
  });

  it.each(["-1", "65536", "80a", "", "8.5"])("refuses %j, naming it", (input) => {
    expect(() => parsePort(input)).toThrow(EmulatorCommandError);
    expect(() => parsePort(input)).toThrow(`"${input}"`);
  });
});

describe("runEmulatorCommand", () => {
  it("prints the endpoint, the key pair and the export lines, and stops on request", async () => {
    const out = new PassThrough();
    let printed = "";
    out.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const handle = await runEmulatorCommand({ port: "0", out, handleSignals: false, faults: "*:latency=1ms" });
    const { endpoint, regionId } = handle.emulator;
    expect(endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(printed).toContain(`listening on http://${endpoint}`);
    expect(printed).toContain("*:latency=1ms");
    expect(printed.split("\n").filter((line) => line.startsWith("export "))).toEqual([
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${DEV_ACCESS_KEY.accessKeyId}`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${DEV_ACCESS_KEY.accessKeySecret}`,
      `export ALIBABA_CLOUD_REGION=${regionId}`,
      `export ALIBABA_CLOUD_ECS_ENDPOINT=${endpoint}`,
    ]);
    await handle.stop();
    await handle.stopped;
    await expect(fetch(`http://${endpoint}/__emulator/health`)).rejects.toThrow();
  });

  it("uses a configured key pair and refuses half of one", async () => {
    const out = new PassThrough();
    const handle = await runEmulatorCommand({ out, handleSignals: false, accessKeyId: "LTAI-mine", accessKeySecret: "mine" });
    expect(handle.emulator.credentials).toEqual({ accessKeyId: "LTAI-mine", accessKeySecret: "mine" });
    await handle.stop();
    await expect(runEmulatorCommand({ out, handleSignals: false, accessKeyId: "LTAI-mine" })).rejects.toThrow("give both or neither");
  });
});
