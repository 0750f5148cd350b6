/**
 * Child-process entry: serializes provider objects exactly as `pulumi.dynamic.Resource` does
 * (dynamic/index.js serializeProvider → serializeFunction(() => provider, {allowSecrets: true}))
 * and prints each result as one marked JSON line on stdout, in argument order.
 *
 * It runs in its own plain `node` process (with the tsx loader) because closure serialization
 * walks live module state through the V8 inspector: doing it inside vitest's worker would
 * serialize vitest's module wrappers instead of what a Pulumi program would capture.
 *
 * argv: (<absolute module path> <export name>)+
 */
import * as pulumi from "@pulumi/pulumi";

// Must match RESULT_MARKER in serialize-provider.ts.
const RESULT_MARKER = "__SERIALIZED_PROVIDER__ ";

async function serializeOne(modulePath: string, exportName: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: unknown = require(modulePath);
  const provider: unknown =
    typeof loaded === "object" && loaded !== null ? (loaded as Record<string, unknown>)[exportName] : undefined;
  if (typeof provider !== "object" || provider === null) {
    throw new Error(`module ${modulePath} exports no provider object named ${exportName} (got ${typeof provider})`);
  }
  // The same arrow as dynamic/index.js serializeProvider, character for character: the provider is
  // a captured variable named `provider`. It is built by eval so the tsx loader does not reformat
  // it (it would print `()=>provider`, and the text stored in the state would differ from Pulumi's).
  const thunk = (0, eval)("(provider) => () => provider") as (p: unknown) => () => unknown;
  const serialized = await pulumi.runtime.serializeFunction(thunk(provider), { allowSecrets: true });
  process.stdout.write(
    `${RESULT_MARKER}${JSON.stringify({ text: serialized.text, containsSecrets: serialized.containsSecrets })}\n`,
  );
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.length === 0 || argv.length % 2 !== 0) {
    throw new Error(`usage: serialize-provider-child (<module path> <export name>)+; got ${JSON.stringify(argv)}`);
  }
  for (let i = 0; i < argv.length; i += 2) await serializeOne(argv[i] as string, argv[i + 1] as string);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
