/**
 * Child-process entry: runs a Pulumi TypeScript program under `pulumi.runtime.setMocks` and
 * reports every registered resource. It runs in its own process so the program's module state
 * (and @pulumi/pulumi's global runtime settings) never leak into the caller. Started by
 * program-dir.ts with tsx's CommonJS hook, the way `pulumi` itself loads TypeScript (ts-node).
 */
import { writeSync } from "node:fs";
import type { CapturedResource, RunRequest, RunResult } from "./program-protocol";
import { RESULT_FD, RUN_REQUEST_ENV } from "./program-protocol";
import { mockCallResult, mockResourceState } from "./program-mocks";

interface PulumiModule {
  runtime: {
    setMocks(mocks: unknown, project?: string, stack?: string, preview?: boolean): Promise<void>;
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    disconnect(): Promise<void>;
  };
}

async function main(): Promise<RunResult> {
  const request = JSON.parse(process.env[RUN_REQUEST_ENV] ?? "null") as RunRequest;
  process.chdir(request.dir);
  // The program's own @pulumi/pulumi, so its resources register with the mocks we install.
  const pulumi = require(resolveFrom(request.dir, "@pulumi/pulumi")) as PulumiModule;
  const captured: CapturedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args: { type: string; name: string; inputs: Record<string, unknown>; custom?: boolean; id?: string }) {
        const { __provider: _serializedProvider, ...inputs } = args.inputs ?? {};
        const mocked = mockResourceState(args.type, args.name, inputs, args.id);
        captured.push({
          urn: `urn:pulumi:${request.stack}::${request.project}::${args.type}::${args.name}`,
          type: args.type,
          name: args.name,
          custom: args.custom ?? true,
          ...(mocked.id === undefined ? {} : { id: mocked.id }),
          inputs,
          state: mocked.state,
        });
        return mocked;
      },
      call(args: { token: string; inputs: Record<string, unknown> }) {
        return mockCallResult(args.token, args.inputs ?? {}, request.region);
      },
    },
    request.project,
    request.stack,
    false,
  );
  await pulumi.runtime.runInPulumiStack(async () => {
    const loaded: unknown = require(request.main);
    const exported = isModuleWithDefault(loaded) ? loaded.default : loaded;
    // Pulumi programs may export a (possibly async) function whose result is the stack outputs.
    return typeof exported === "function" ? await (exported as () => unknown)() : exported;
  });
  // Resources whose inputs wait on other resources' outputs register later; drain the RPC queue
  // (what the Pulumi language host does before exiting) so none is missed.
  await pulumi.runtime.disconnect();
  return { ok: true, resources: captured };
}

function resolveFrom(dir: string, id: string): string {
  try {
    return require.resolve(id, { paths: [dir] });
  } catch {
    return require.resolve(id);
  }
}

function isModuleWithDefault(value: unknown): value is { default: unknown } {
  return typeof value === "object" && value !== null && (value as { __esModule?: unknown }).__esModule === true && "default" in value;
}

function report(result: RunResult): void {
  writeSync(RESULT_FD, JSON.stringify(result));
}

main().then(
  (result) => {
    report(result);
    process.exit(0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    report({ ok: false, message, ...(stack === undefined ? {} : { stack }) });
    process.exit(1);
  },
);

