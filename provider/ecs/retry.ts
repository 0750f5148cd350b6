import { isAmbiguous, isRetryable, toEcsError } from "./errors";

/**
 * Why our own retries and not the SDK's (`config.retryOptions` / RuntimeOptions.autoretry):
 * - the SDK retries nothing unless configured, and when configured it retries by HTTP condition
 *   only; it cannot tell a create that is safe to resend (it carries our ClientToken) from one that
 *   is not, nor a `.NotFound` right after a create (eventual consistency) from a real one;
 * - its budget is per call (attempts), while a Pulumi operation needs a bound on total time across
 *   every call it makes, so `pulumi up` fails with a clear error instead of hanging;
 * - we want "attempt n of max" in the log and the last API error (Code, RequestId) when we give up.
 * So the SDK is built with retries off (api.ts) and every call goes through withRetries.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No new attempt starts once this much time has passed since the first one (sleeping included). */
  readonly maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 10_000, maxTotalMs: 120_000 };

export interface RetryDeps {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injected so tests are deterministic. */
  readonly random: () => number;
  readonly log?: ((message: string) => void) | undefined;
}

export function systemRetryDeps(log?: (message: string) => void): RetryDeps {
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
    log,
  };
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): "equal jitter" exponential backoff,
 * half fixed and half random so retries from many resources spread out but never collapse to 0.
 * A server's `x-acs-retry-after` is a floor: retrying earlier only earns another throttle.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (ceiling / 2) * random);
  return retryAfterMs !== undefined && retryAfterMs > jittered ? retryAfterMs : jittered;
}

/**
 * Runs `call`, retrying retryable ECS errors (Throttling*, ServiceUnavailable, InternalError,
 * timeouts, dropped connections) with backoff. A call marked not idempotent is resent only after
 * answers that prove nothing was done (throttling, 5xx), never after a timeout. Other errors, and the last retryable one once the
 * attempts or the time budget run out, are thrown as EcsError.
 */
export async function withRetries<T>(action: string, resource: string | undefined, call: () => Promise<T>, policy: RetryPolicy, deps: RetryDeps, idempotent = true): Promise<T> {
  const started = deps.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (raw) {
      const error = toEcsError(raw, action, resource);
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      // A call that is not idempotent is not resent after an answer that may hide a success.
      if (!idempotent && isAmbiguous(error)) throw error;
      const delay = backoffDelayMs(attempt, policy, deps.random(), error.retryAfterMs);
      if (deps.now() + delay - started > policy.maxTotalMs) throw error;
      deps.log?.(`${action}${resource === undefined ? "" : ` ${resource}`}: ${error.code}; attempt ${attempt} of ${policy.maxAttempts} failed, retrying in ${delay} ms`);
      await deps.sleep(delay);
    }
  }
}
