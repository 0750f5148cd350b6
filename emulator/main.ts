/**
 * Standalone runner, for child-process tests and the benchmark:
 *   npx tsx emulator/main.ts [--port N] [--metadata-port N] [--host H] [--state FILE] [--seed FILE] [--faults SPEC]
 * `eni-sim emulator` is the user-facing command; both go through runEmulatorCommand.
 */
import { parseArgs } from "node:util";
import { runEmulatorCommand } from "./start-command";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "metadata-port": { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      seed: { type: "string" },
      faults: { type: "string" },
      "access-key-id": { type: "string" },
      "access-key-secret": { type: "string" },
    },
    strict: true,
  });
  const handle = await runEmulatorCommand({
    ...(values.port === undefined ? {} : { port: values.port }),
    ...(values["metadata-port"] === undefined ? {} : { metadataPort: values["metadata-port"] }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.state === undefined ? {} : { state: values.state }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values.faults === undefined ? {} : { faults: values.faults }),
    ...(values["access-key-id"] === undefined ? {} : { accessKeyId: values["access-key-id"] }),
    ...(values["access-key-secret"] === undefined ? {} : { accessKeySecret: values["access-key-secret"] }),
  });
  await handle.stopped;
}

main().catch((error: unknown) => {
  const err = error as { code?: unknown; message?: unknown };
  process.stderr.write(`eni-sim emulator: ${typeof err.message === "string" ? err.message : String(error)}\n`);
  // 2 = bad input or usage, as every eni-sim command.
  process.exitCode = 2;
});
