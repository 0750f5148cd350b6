import { ApiError, badRequest, notFound } from "../errors";

/**
 * Authentication failures, with the codes and HTTP statuses Alibaba Cloud's POP gateway uses.
 * A request with no signature at all gets IncompleteSignature (the gateway's code for a
 * missing or malformed signature), documented in docs/emulator.md.
 */
export const incompleteSignature = (detail: string): ApiError =>
  badRequest("IncompleteSignature", `The request signature does not conform to Aliyun standards. ${detail}`);

export const signatureDoesNotMatch = (detail: string): ApiError =>
  badRequest("SignatureDoesNotMatch", `Specified signature is not matched with our calculation. ${detail}`);

export const accessKeyNotFound = (accessKeyId: string): ApiError =>
  notFound("InvalidAccessKeyId.NotFound", `Specified access key is not found: "${accessKeyId}".`);

export const timestampExpired = (value: string, windowMinutes: number): ApiError =>
  badRequest(
    "InvalidTimeStamp.Expired",
    `Specified time stamp or date value is expired: "${value}" is more than ${windowMinutes} minutes away from the server time.`,
  );

export const timestampMalformed = (name: string, value: string): ApiError =>
  badRequest(
    "InvalidTimeStamp.Format",
    `Specified time stamp or date value is not well formatted: ${name}="${value}", expected yyyy-MM-ddTHH:mm:ssZ (UTC).`,
  );

export const nonceUsed = (nonce: string): ApiError =>
  badRequest("SignatureNonceUsed", `Specified signature nonce was used already: "${nonce}".`);

export const missingAuthParameter = (name: string): ApiError =>
  badRequest("MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

export const unsupportedSignatureMethod = (name: string, value: string, allowed: string): ApiError =>
  new ApiError("InvalidParameter", `The specified parameter "${name}" is not valid: got "${value}", expected ${allowed}.`, 400);
