/**
 * Typed API errors, raised deep in state or actions and rendered in one place (emulator/http)
 * as the cloud's envelope `{"Code","Message","RequestId"}` with the documented HTTP status.
 * Like moto's EC2ClientError: no handler builds an error body itself.
 */
export class ApiError extends Error {
  constructor(
    /** The cloud's error code, e.g. `InvalidEniId.NotFound`. */
    readonly code: string,
    message: string,
    /** HTTP status the cloud answers with for this code. */
    readonly httpStatus: number,
    /** Extra response headers, e.g. `x-acs-retry-after` for throttling. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (code: string, message: string): ApiError => new ApiError(code, message, 404);
export const badRequest = (code: string, message: string): ApiError => new ApiError(code, message, 400);
export const forbidden = (code: string, message: string): ApiError => new ApiError(code, message, 403);

/** A parameter that is present but malformed: names it, the value and what is allowed. */
export const invalidParameter = (name: string, value: string, allowed: string): ApiError =>
  badRequest("InvalidParameter", `The specified parameter "${name}" is not valid: got "${value}", expected ${allowed}.`);

export const missingParameter = (name: string): ApiError =>
  badRequest("MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

/** What the cloud answers for an Action (or Version) it does not know. */
export const unknownAction = (action: string, version: string): ApiError =>
  notFound("InvalidAction.NotFound", `Specified api is not found, please check your url and method. Action=${action}, Version=${version}`);

export const throttled = (retryAfterMs: number): ApiError =>
  new ApiError("Throttling.User", "Request was denied due to user flow control.", 400, {
    "x-acs-retry-after": String(retryAfterMs),
  });

export const internalError = (): ApiError =>
  new ApiError("InternalError", "The request processing has failed due to some unknown error, exception or failure.", 500);

export const dryRunOk = (): ApiError =>
  badRequest("DryRunOperation", "Request validation has been passed with DryRun flag set.");
