/** Typed errors of the provider-host harness; tests branch on the class or `code`, never on text. */
import type { PropertyMap } from "./property-values";

export type ProviderHostErrorCode =
  | "host-start-failed"
  | "provider-serialize-failed"
  | "provider-call-failed"
  | "resource-init-failed"
  | "invalid-property-value"
  | "check-failed"
  | "harness-usage";

export abstract class ProviderHostError extends Error {
  abstract readonly code: ProviderHostErrorCode;
}

/** The dynamic-provider host exited, or printed no port in time. */
export class HostStartError extends ProviderHostError {
  readonly code = "host-start-failed";
  constructor(
    readonly reason: string,
    readonly stderr: string,
  ) {
    super(`dynamic-provider host did not start: ${reason}${stderr ? `\n--- host stderr ---\n${stderr}` : ""}`);
    this.name = "HostStartError";
  }
}

/** The child process that serializes a provider object failed or printed something unexpected. */
export class ProviderSerializeError extends ProviderHostError {
  readonly code = "provider-serialize-failed";
  constructor(
    /** Which exports of which modules were being serialized. */
    readonly what: string,
    readonly reason: string,
  ) {
    super(`cannot serialize provider ${what}: ${reason}`);
    this.name = "ProviderSerializeError";
  }
}

export type ProviderMethod = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete" | "getPluginInfo";

/** A gRPC call to the host failed: the provider threw, or the host itself broke. */
export class ProviderCallError extends ProviderHostError {
  readonly code: ProviderHostErrorCode = "provider-call-failed";
  constructor(
    readonly method: ProviderMethod,
    readonly urn: string,
    readonly grpcCode: number,
    readonly details: string,
  ) {
    super(`${method} of ${urn || "(provider)"} failed (gRPC status ${grpcCode}): ${details}`);
    this.name = "ProviderCallError";
  }
}

/**
 * Create or update made the resource but it failed to initialize. The host sends this as
 * pulumirpc.ErrorResourceInitFailed in grpc-status-details-bin; the engine then keeps the
 * resource in the state with this id and these properties, so nothing leaks.
 */
export class ResourceInitError extends ProviderCallError {
  override readonly code = "resource-init-failed";
  constructor(
    method: ProviderMethod,
    urn: string,
    grpcCode: number,
    details: string,
    readonly id: string,
    readonly properties: PropertyMap,
    readonly reasons: readonly string[],
  ) {
    super(method, urn, grpcCode, details);
    this.name = "ResourceInitError";
  }
}

export class PropertyValueError extends ProviderHostError {
  readonly code = "invalid-property-value";
  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`property ${path} has value ${describe(value)}; allowed: ${allowed}`);
    this.name = "PropertyValueError";
  }
}

/** Check returned failures where a step needed valid inputs (the engine stops there too). */
export class CheckFailedError extends ProviderHostError {
  readonly code = "check-failed";
  constructor(
    readonly urn: string,
    readonly failures: readonly { readonly property: string; readonly reason: string }[],
  ) {
    super(`check of ${urn} failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    this.name = "CheckFailedError";
  }
}

/** The harness was called in a way that cannot work (no provider registered for a type, ...). */
export class HarnessUsageError extends ProviderHostError {
  readonly code = "harness-usage";
  constructor(message: string) {
    super(message);
    this.name = "HarnessUsageError";
  }
}

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
