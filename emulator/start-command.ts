import type { Writable } from "node:stream";
import { startEmulator } from "./server";
import type { RunningEmulator, StartEmulatorOptions } from "./server";

/** Options of `eni-sim emulator` (strings, as a CLI parser hands them over). */
export interface EmulatorCommandOptions {
  port?: string | number;
  /** Serve the instance metadata service on this port too (0 picks a free one); none when absent. */
  metadataPort?: string | number;
  host?: string;
  state?: string;
  seed?: string;
  faults?: string;
  /** Replace the development key pair (both or neither). */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Where the banner goes; stdout otherwise. */
  out?: Writable;
  /** Stop on SIGINT/SIGTERM (the default); tests turn it off. */
  handleSignals?: boolean;
}

export class EmulatorCommandError extends Error {
  readonly code = "EMULATOR_BAD_OPTION";
  constructor(message: string) {
    super(message);
    this.name = "EmulatorCommandError";
  }
}

export interface EmulatorCommandHandle {
  readonly emulator: RunningEmulator;
  /** Resolves after a signal (or stop()) closed the emulator. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

/** `option` names the flag in the error (`--port`, `--metadata-port`). */
export function parsePort(value: string | number | undefined, option = "--port"): number {
  if (value === undefined) return 0;
  const text = String(value);
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new EmulatorCommandError(`${option} must be an integer from 0 to 65535, got "${text}".`);
  return port;
}

function credentialsOption(options: EmulatorCommandOptions): Pick<StartEmulatorOptions, "credentials"> {
  const { accessKeyId, accessKeySecret } = options;
  if (accessKeyId === undefined && accessKeySecret === undefined) return {};
  if (!accessKeyId || !accessKeySecret) {
    throw new EmulatorCommandError("--access-key-id and --access-key-secret go together; give both or neither.");
  }
  return { credentials: [{ accessKeyId, accessKeySecret }] };
}

/** The banner: where the emulator is and the exact lines to point the SDKs (and this project) at it. */
export function emulatorBanner(emulator: RunningEmulator, options: EmulatorCommandOptions): string {
  const { accessKeyId, accessKeySecret } = emulator.credentials;
  return [
    `ECS/VPC OpenAPI emulator listening on ${emulator.url}`,
    `  endpoint          ${emulator.endpoint}`,
    `  AccessKey id      ${accessKeyId}`,
    `  AccessKey secret  ${accessKeySecret}`,
    `  region            ${emulator.regionId}`,
    `  state file        ${options.state ?? "(none: state is in memory)"}`,
    `  faults            ${options.faults ?? "(none)"}`,
    `  control           ${emulator.url}/__emulator/state | /__emulator/requests | /__emulator/faults`,
    ...(emulator.metadataEndpoint === undefined
      ? []
      : [`  metadata service  ${emulator.metadataEndpoint}/latest/meta-data/ (name the instance: X-Emulator-Instance-Id or X-Emulator-Source-Ip)`]),
    "",
    "Point the Alibaba Cloud SDKs (and alicloud-eni) at it:",
    `export ALIBABA_CLOUD_ACCESS_KEY_ID=${accessKeyId}`,
    `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${accessKeySecret}`,
    `export ALIBABA_CLOUD_REGION=${emulator.regionId}`,
    `export ALIBABA_CLOUD_ECS_ENDPOINT=${emulator.endpoint}`,
    "",
  ].join("\n");
}

/** `eni-sim emulator`: start, print the banner, stop cleanly on SIGINT/SIGTERM. */
export async function runEmulatorCommand(options: EmulatorCommandOptions = {}): Promise<EmulatorCommandHandle> {
  const out = options.out ?? process.stdout;
  const emulator = await startEmulator({
    port: parsePort(options.port),
    ...(options.metadataPort === undefined ? {} : { metadataPort: parsePort(options.metadataPort, "--metadata-port") }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.state === undefined ? {} : { stateFile: options.state }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...credentialsOption(options),
  });
  out.write(emulatorBanner(emulator, options));

  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    out.write(`\nReceived ${signal}, stopping the emulator.\n`);
    void stop();
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await emulator.close();
      resolveStopped();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return { emulator, stopped, stop };
}
