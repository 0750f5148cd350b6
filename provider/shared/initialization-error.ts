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

/** `__provider` is copied into the properties so a later delete of this state can find its provider. */
export function initializationError(id: string, properties: Record<string, unknown>, inputs: Record<string, unknown>, cause: unknown): InitializationError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const provider = inputs.__provider;
  return Object.assign(new Error(`${id} was created but failed to initialize: ${reason}`), {
    name: "InitializationError" as const,
    code: "ResourceInitFailed" as const,
    id,
    properties: provider === undefined ? properties : { ...properties, __provider: provider },
    reasons: [reason],
  });
}

export function isInitializationError(error: unknown): error is InitializationError {
  return error instanceof Error && error.name === "InitializationError";
}
