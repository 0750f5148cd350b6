import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../../../emulator/server";
import { EmulatorCommandError, parsePort, runEmulatorCommand } from "../../../../emulator/start-command";

const health = (url: string) => fetch(`${url}/__emulator/health`, { signal: AbortSignal.timeout(2000) });

describe("metadata service wiring", () => {
  it("is off unless metadataPort is given", async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      expect(emu.metadataEndpoint).toBeUndefined();
    } finally {
      await emu.close();
    }
  });

  it("serves on its own port and close() stops both servers", async () => {
    const emu = await startEmulator({ port: 0, metadataPort: 0 });
    const metadata = emu.metadataEndpoint!;
    expect(metadata).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${metadata}/latest/meta-data/instance-id`, { signal: AbortSignal.timeout(2000) });
    // The default seed has no instance: the service is up and says how to name the caller.
    expect(answer.status).toBe(400);
    expect(answer.headers.get("x-emulator-error-code")).toBe("CALLER_AMBIGUOUS");
    await emu.close();
    await expect(fetch(`${metadata}/latest/meta-data/`)).rejects.toThrow();
    await expect(health(emu.url)).rejects.toThrow();
  });

  it("fails to start when the metadata port is taken, without leaving the API server running", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const apiPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    try {
      await expect(startEmulator({ port: apiPort, metadataPort: taken })).rejects.toThrow(/EADDRINUSE/);
      await expect(health(`http://127.0.0.1:${apiPort}`)).rejects.toThrow();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe("--metadata-port", () => {
  it("names the flag when the value is bad", () => {
    expect(() => parsePort("70000", "--metadata-port")).toThrow(EmulatorCommandError);
    expect(() => parsePort("x", "--metadata-port")).toThrow(/^--metadata-port must be an integer from 0 to 65535, got "x"\.$/);
  });

  it("prints the metadata URL in the banner, and nothing about it without the flag", async () => {
    let printed = "";
    const out = new PassThrough();
    out.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const handle = await runEmulatorCommand({ out, handleSignals: false, metadataPort: "0" });
    await handle.stop();
    expect(handle.emulator.metadataEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed).toContain(`metadata service  ${handle.emulator.metadataEndpoint!}/latest/meta-data/`);

    printed = "";
    const plain = await runEmulatorCommand({ out, handleSignals: false });
    await plain.stop();
    expect(printed).not.toContain("metadata service");
    await expect(runEmulatorCommand({ out, handleSignals: false, metadataPort: "-1" })).rejects.toThrow('--metadata-port must be an integer from 0 to 65535, got "-1".');
  });
});
