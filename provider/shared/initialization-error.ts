/**
 * "Created, but failed to initialize": the dynamic-provider host turns an error that carries `id`
 * (plus `properties` and `reasons`) into pulumirpc.ErrorResourceInitFailed, so the engine records
 * the resource with that id instead of forgetting it (see grpcResponseFromError in
 * @pulumi/pulumi/cmd/dynamic-provider/index.js). The next `pulumi up` then diffs and finishes the
 * job in place (e.g. attaches), and `pulumi destroy` can delete it: nothing leaks.
 * A plain Error with fields, not a class, for the reason given in provider/ecs/errors.ts.
 */
export interface InitializationError extends Error {
  readonly name: "InitializationError";
  readonly code: "ResourceInitFailed";
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];
}

/**
 * The last resort when a rollback failed too. `properties` must stay small: the host sends them in
 * one HTTP/2 trailer, and a block over 64 KiB is never answered (the serialized provider, ~120 KB,
 * therefore cannot ride along as `__provider`). Without it the host cannot load a provider to
 * delete this state directly; the next `pulumi up` updates the resource, which stores `__provider`
 * again, after which it is managed normally.
 */
export function initializationError(id: string, properties: Record<string, unknown>, cause: unknown): InitializationError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`${id} was created but failed to initialize: ${reason}`), {
    name: "InitializationError" as const,
    code: "ResourceInitFailed" as const,
    id,
    properties,
    reasons: [reason],
  });
}

/** Rolls back what a failed create made; if that fails too, reports the resource by id so Pulumi keeps it. */
export async function rollBackOrReport(id: string, what: string, properties: Record<string, unknown>, cause: unknown, rollBack: () => Promise<void>): Promise<never> {
  try {
    await rollBack();
  } catch (rollbackError) {
    const detail = rollbackError instanceof Error ? rollbackError.message : String(rollbackError);
    throw initializationError(id, properties, new Error(`${cause instanceof Error ? cause.message : String(cause)}; rolling back ${what} ${id} failed too: ${detail}`));
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown } | undefined)?.code;
  throw Object.assign(new Error(`${reason} (${what} ${id} was rolled back: nothing was left behind)`), {
    name: "RolledBack",
    code: typeof code === "string" ? code : "CreateFailed",
    rolledBack: id,
    cause,
  });
}

export function isInitializationError(error: unknown): error is InitializationError {
  return error instanceof Error && error.name === "InitializationError";
}
