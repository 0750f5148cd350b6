import type { StoreContext } from "./store-context";
import { stateErrors } from "./state-errors";

/**
 * ClientToken idempotency, per caller and action: the first request with a token runs and its
 * response is kept; a retry with the same parameters gets that response again (nothing new is
 * created); the same token with different parameters is IdempotentParameterMismatch.
 */
export function idempotent(
  ctx: StoreContext,
  scope: { accessKeyId: string; action: string; token: string | undefined; fingerprint: string },
  run: () => Record<string, unknown>,
): Record<string, unknown> {
  if (scope.token === undefined) return run();
  const key = `${scope.accessKeyId}\n${scope.action}\n${scope.token}`;
  const previous = ctx.state.clientTokens[key];
  if (previous) {
    if (previous.fingerprint !== scope.fingerprint) throw stateErrors.idempotentMismatch(scope.token);
    return structuredClone(previous.response);
  }
  const response = run();
  ctx.state.clientTokens[key] = { fingerprint: scope.fingerprint, response: structuredClone(response) };
  return response;
}
