/**
 * Produces a provider's `__provider` property text the way a Pulumi program does, in a separate
 * `node` process (see serialize-provider-child.ts for why).
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { ProviderSerializeError } from "./errors";

export interface SerializedProvider {
  /** The module text the host loads with require-from-string and calls `.handler()` on. */
  readonly text: string;
  /** True when the closure captured a secret Output; the engine then stores `__provider` as a secret. */
  readonly containsSecrets: boolean;
}

export interface SerializeProviderOptions {
  /** Path of the module exporting the provider object (absolute, or relative to the repo root). */
  readonly modulePath: string;
  /** Name of the exported provider object. */
  readonly exportName: string;
  /** Extra environment for the child (never put credentials here: nothing should need them). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export const REPO_ROOT = path.resolve(__dirname, "../../..");
const CHILD_SCRIPT = path.join(__dirname, "serialize-provider-child.ts");
const RESULT_MARKER = "__SERIALIZED_PROVIDER__ ";

export async function serializeProvider(options: SerializeProviderOptions): Promise<SerializedProvider> {
  const [result] = await serializeProviders([options], options);
  return result as SerializedProvider;
}

export interface ProviderExport {
  readonly modulePath: string;
  readonly exportName: string;
}

/** Several providers in one child process (each child pays ~2 s of module loading). */
export async function serializeProviders(
  exports: readonly ProviderExport[],
  options: Pick<SerializeProviderOptions, "env" | "timeoutMs"> = {},
): Promise<SerializedProvider[]> {
  const resolved = exports.map((e) => ({ modulePath: path.resolve(REPO_ROOT, e.modulePath), exportName: e.exportName }));
  const what = resolved.map((e) => `${e.exportName} from ${e.modulePath}`).join(", ");
  const { stdout } = await runChild(resolved, what, options);
  const lines = stdout.split("\n").filter((l) => l.startsWith(RESULT_MARKER));
  if (lines.length !== resolved.length) {
    throw new ProviderSerializeError(what, `expected ${resolved.length} result lines, got ${lines.length}:\n${stdout.slice(-2000)}`);
  }
  return lines.map((line) => parseResult(line.slice(RESULT_MARKER.length), what));
}

function runChild(
  exports: readonly ProviderExport[],
  what: string,
  options: Pick<SerializeProviderOptions, "env" | "timeoutMs">,
): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", CHILD_SCRIPT, ...exports.flatMap((e) => [e.modulePath, e.exportName])],
      {
        cwd: REPO_ROOT,
        env: { ...childBaseEnv(), ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(new ProviderSerializeError(what, `${err.message}\n${stderr.slice(-4000)}`));
          return;
        }
        resolve({ stdout });
      },
    );
  });
}

function parseResult(json: string, what: string): SerializedProvider {
  const raw: unknown = JSON.parse(json);
  if (typeof raw !== "object" || raw === null) {
    throw new ProviderSerializeError(what, `result is not an object: ${json.slice(0, 200)}`);
  }
  const { text, containsSecrets } = raw as Record<string, unknown>;
  if (typeof text !== "string" || typeof containsSecrets !== "boolean") {
    throw new ProviderSerializeError(what, `result lacks text/containsSecrets: ${json.slice(0, 200)}`);
  }
  return { text, containsSecrets };
}

/**
 * The child inherits PATH and HOME but none of the Alibaba credential variables: a provider
 * that read credentials at module load would otherwise capture them into its serialized text
 * and the key-material test could pass only by accident of the environment.
 */
export function childBaseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key.startsWith("ALIBABA_CLOUD_") || key.startsWith("ALICLOUD_") || key.startsWith("PULUMI_")) continue;
    if (key.startsWith("VITEST") || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  return env;
}
