import { ApiError, badRequest, notFound } from "../errors";

export const unsupportedHttpMethod = (method: string): ApiError =>
  new ApiError("UnsupportedHTTPMethod", `This http method is not supported: ${method}; use POST (or GET for the legacy signature).`, 403);

export const unknownPath = (path: string): ApiError =>
  notFound("InvalidAction.NotFound", `Specified api is not found, please check your url and method. Path=${path}; RPC calls go to "/".`);

export const bodyTooLarge = (limit: number): ApiError =>
  badRequest("InvalidParameter", `The request body is larger than ${limit} bytes.`);

/** Wraps an unexpected exception so the client sees the cloud's InternalError, never a stack. */
export const unexpectedFailure = (): ApiError =>
  new ApiError("InternalError", "The request processing has failed due to some unknown error, exception or failure.", 500);
