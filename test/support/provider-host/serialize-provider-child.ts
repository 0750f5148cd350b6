/**
 * Child-process entry: serializes one provider object exactly as `pulumi.dynamic.Resource` does
 * (dynamic/index.js serializeProvider → serializeFunction(() => provider, {allowSecrets: true}))
 * and prints the result as one marked JSON line on stdout.
 *
 * It runs in its own plain `node` process (with the tsx loader) because closure serialization
 * walks live module state through the V8 inspector: doing it inside vitest's worker would
 * serialize vitest's module wrappers instead of what a Pulumi program would capture.
 *
 * argv: <absolute module path> <export name>
 */
import * as pulumi from "@pulumi/pulumi";

// Must match RESULT_MARKER in serialize-provider.ts.
const RESULT_MARKER = "__SERIALIZED_PROVIDER__ ";

async function main(argv: readonly string[]): Promise<void> {
  const [modulePath, exportName] = argv;
  if (modulePath === undefined || exportName === undefined) {
    throw new Error(`usage: serialize-provider-child <module path> <export name>; got ${JSON.stringify(argv)}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: unknown = require(modulePath);
  const provider: unknown =
    typeof loaded === "object" && loaded !== null ? (loaded as Record<string, unknown>)[exportName] : undefined;
  if (typeof provider !== "object" || provider === null) {
    throw new Error(`module ${modulePath} exports no provider object named ${exportName} (got ${typeof provider})`);
  }
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  process.stdout.write(
    `${RESULT_MARKER}${JSON.stringify({ text: serialized.text, containsSecrets: serialized.containsSecrets })}\n`,
  );
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
