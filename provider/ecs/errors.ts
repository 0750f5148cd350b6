/**
 * Errors of the ECS layer.
 *
 * These are plain Error objects with typed, stable fields made by factory functions, not
 * subclasses: the dynamic provider is serialized with Pulumi's closure serializer, which rebuilds a
 * class from its constructor source alone. Field initializers are dropped and `Error.call(this)`
 * does not set `message` on a subclass, so a serialized `class EcsError extends Error` would lose
 * its message and code at run time. `name` is the discriminator; `code` is stable.
 */

/** Codes of errors this layer raises itself (API errors carry the API's Code instead). */
export type ProviderErrorCode =
  | "WaitTimeout" | "UnexpectedStatus" | "MissingRegion" | "MissingCredentials" | "InvalidEndpoint"
  | "RetryBudgetExhausted" | "ResourceVanished" | "InvalidResponse";

export interface EcsError extends Error {
  readonly name: "EcsError";
  /** The API's Code (InvalidEniId.NotFound, Throttling.User, ...), or "RequestTimeout"/"NetworkError". */
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  /** The OpenAPI action, e.g. CreateNetworkInterface. */
  readonly action: string;
  /** The resource the call was about (eni-..., i-..., or a description such as "new ENI in vsw-1"). */
  readonly resource: string | undefined;
  /** From `x-acs-retry-after` (milliseconds) on throttling. */
  readonly retryAfterMs: number | undefined;
  /** The API's message, without our prefix. */
  readonly apiMessage: string;
}

export interface ProviderError extends Error {
  readonly name: "ProviderError";
  readonly code: ProviderErrorCode;
  readonly resource: string | undefined;
}

export function providerError(code: ProviderErrorCode, message: string, resource?: string): ProviderError {
  return Object.assign(new Error(message), { name: "ProviderError" as const, code, resource });
}

export function isProviderError(error: unknown, code?: ProviderErrorCode): error is ProviderError {
  return error instanceof Error && error.name === "ProviderError" && (code === undefined || (error as ProviderError).code === code);
}

export interface EcsErrorFields {
  readonly code: string;
  readonly httpStatus?: number | undefined;
  readonly requestId?: string | undefined;
  readonly action: string;
  readonly resource?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly apiMessage: string;
}

export function ecsError(fields: EcsErrorFields): EcsError {
  const where = fields.resource === undefined ? fields.action : `${fields.action} ${fields.resource}`;
  const status = fields.httpStatus === undefined ? "" : `HTTP ${fields.httpStatus}, `;
  const request = fields.requestId === undefined ? "no RequestId" : `RequestId ${fields.requestId}`;
  const message = `${where} failed: ${fields.code} (${status}${request}): ${fields.apiMessage}`;
  return Object.assign(new Error(message), {
    name: "EcsError" as const,
    code: fields.code,
    httpStatus: fields.httpStatus,
    requestId: fields.requestId,
    action: fields.action,
    resource: fields.resource,
    retryAfterMs: fields.retryAfterMs,
    apiMessage: fields.apiMessage,
  });
}

export function isEcsError(error: unknown): error is EcsError {
  return error instanceof Error && error.name === "EcsError" && typeof (error as Partial<EcsError>).code === "string";
}

function field(record: Record<string, unknown>, key: string): unknown {
  return record[key];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== "undefined" ? value : undefined;
}

/**
 * Node socket errors after which the request may or may not have reached the server.
 * (Module-level constants are arrays, not Sets: Pulumi's closure serializer turns a captured Set
 * into a plain object.)
 */
const NETWORK_CODES: readonly string[] = ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ESOCKETTIMEDOUT", "EAI_AGAIN"];

/**
 * Maps whatever the SDK threw (its ResponseError family, httpx's RequestTimeoutError, a socket
 * error) to one EcsError. Fields are read by name because the SDK's classes are not exported in a
 * way `instanceof` can rely on across duplicate installs.
 */
export function toEcsError(error: unknown, action: string, resource?: string): EcsError {
  if (isEcsError(error)) return error;
  const record = (error !== null && typeof error === "object" ? error : {}) as Record<string, unknown>;
  const data = field(record, "data");
  const body = (data !== null && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const name = optionalString(field(record, "name")) ?? "";
  const rawMessage = optionalString(field(record, "message")) ?? String(error);
  const statusValue = field(record, "statusCode");
  const httpStatus = typeof statusValue === "number" ? statusValue : undefined;
  const apiCode = optionalString(body.Code) ?? (httpStatus !== undefined ? optionalString(field(record, "code")) : undefined);
  if (apiCode !== undefined) {
    const retryAfter = field(record, "retryAfter");
    return ecsError({
      code: apiCode, httpStatus, action, resource,
      requestId: optionalString(body.RequestId) ?? optionalString(field(record, "requestId")),
      retryAfterMs: typeof retryAfter === "number" && Number.isFinite(retryAfter) ? retryAfter : undefined,
      apiMessage: optionalString(body.Message) ?? rawMessage,
    });
  }
  if (name.startsWith("RequestTimeout")) return ecsError({ code: "RequestTimeout", action, resource, apiMessage: rawMessage });
  const socketCode = optionalString(field(record, "code"));
  if (socketCode !== undefined && NETWORK_CODES.includes(socketCode)) {
    return ecsError({ code: "NetworkError", action, resource, apiMessage: `${socketCode}: ${rawMessage}` });
  }
  return ecsError({ code: "UnknownError", httpStatus, action, resource, apiMessage: rawMessage });
}

/**
 * `.NotFound` codes that say nothing about the resource being gone: an unknown action (an endpoint
 * that does not serve it), key or region. Treating those as "already deleted" would make a delete
 * succeed without deleting anything.
 */
const NOT_RESOURCE_NOT_FOUND: readonly string[] = ["InvalidAction.NotFound", "InvalidAccessKeyId.NotFound", "InvalidRegionId.NotFound", "InvalidApi.NotFound"];

/** The resource a call was about does not exist (a value for read, "done" for delete). */
export function isNotFound(error: unknown): boolean {
  if (!isEcsError(error) || NOT_RESOURCE_NOT_FOUND.includes(error.code)) return false;
  return error.code.endsWith(".NotFound") || error.code === "NotFound";
}

export function isThrottling(error: unknown): boolean {
  return isEcsError(error) && error.code.startsWith("Throttling");
}

/** Codes after which the same request, sent again, may well succeed. */
export function isRetryable(error: unknown): boolean {
  if (!isEcsError(error)) return false;
  if (isThrottling(error)) return true;
  switch (error.code) {
    case "ServiceUnavailable":
    case "InternalError":
    case "RequestTimeout":
    case "NetworkError":
      return true;
    default:
      return error.httpStatus === 503 || (error.httpStatus !== undefined && error.httpStatus >= 500 && error.code.startsWith("Internal"));
  }
}

/**
 * The request may have been carried out even though no answer came (a read timeout or a dropped
 * connection). Resending is safe only for calls that are idempotent (a ClientToken, a describe,
 * setting an attribute to a value).
 */
export function isAmbiguous(error: unknown): boolean {
  return isEcsError(error) && (error.code === "RequestTimeout" || error.code === "NetworkError");
}
