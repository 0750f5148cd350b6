import type { EmulatorStore } from "../state/store";

/** The two OpenAPI products the emulator serves, by their `x-acs-version`. */
export type Product = "Ecs" | "Vpc";
export const PRODUCT_VERSIONS: Readonly<Record<Product, string>> = { Ecs: "2014-05-26", Vpc: "2016-04-28" };

/**
 * Flattened request parameters exactly as they arrived (query string, or form body for the
 * legacy signature), minus the protocol's own (Signature*, AccessKeyId, Format, ...).
 * Typed reading happens in emulator/actions/params.ts.
 */
export type RawParams = ReadonlyMap<string, string>;

export interface ActionContext {
  readonly action: string;
  readonly params: RawParams;
  readonly store: EmulatorStore;
  readonly requestId: string;
  /** The authenticated caller's AccessKey id (owner of ClientTokens). */
  readonly accessKeyId: string;
}

/**
 * A handler that already holds its body's JSON, UTF-8 encoded in a Buffer, puts it under this
 * key (see page-cache.ts), and the HTTP layer sends it instead of serializing the body again. JSON.stringify skips
 * symbol keys, so the body's own JSON is unchanged.
 */
export const RENDERED_JSON: unique symbol = Symbol("renderedJson");

/** Returns the response body without RequestId (the HTTP layer adds it), in the cloud's PascalCase. */
export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;

export interface ActionDefinition {
  readonly product: Product;
  /** The OpenAPI action name, e.g. `CreateNetworkInterface`. */
  readonly name: string;
  /** Mutating actions are persisted (when --state is set) before the response is sent. */
  readonly mutates: boolean;
  readonly handle: ActionHandler;
}
