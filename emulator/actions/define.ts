import type { ActionContext, ActionDefinition, ActionHandler, Product } from "./action";
import { requestFingerprint } from "./params";

export function defineAction(product: Product, name: string, mutates: boolean, handle: ActionHandler): ActionDefinition {
  return { product, name, mutates, handle };
}

/** Runs `run` under the request's ClientToken (if any), keyed by caller and action. */
export function withClientToken(ctx: ActionContext, token: string | undefined, run: () => Record<string, unknown>): Record<string, unknown> {
  return ctx.store.idempotent(
    { accessKeyId: ctx.accessKeyId, action: ctx.action, token, fingerprint: requestFingerprint(ctx.params) },
    run,
  );
}
