/**
 * Why the metadata service refused a request. Each code maps to one HTTP status (the status a
 * client on a real instance would see), sent with the code in `X-Emulator-Error-Code` so tests
 * and tools branch on the code, never on the message.
 */
export type MetadataErrorCode =
  | "TOKEN_TTL_MISSING"
  | "TOKEN_TTL_INVALID"
  | "FORWARDED_TOKEN_REQUEST"
  | "TOKEN_REQUIRED"
  | "TOKEN_INVALID"
  | "TOKEN_EXPIRED"
  | "ENDPOINT_DISABLED"
  | "CALLER_UNKNOWN"
  | "CALLER_AMBIGUOUS"
  | "INSTANCE_NOT_RUNNING"
  | "PATH_NOT_FOUND"
  | "METHOD_NOT_ALLOWED";

export function statusOfMetadataError(code: MetadataErrorCode): number {
  switch (code) {
    case "TOKEN_TTL_MISSING":
    case "TOKEN_TTL_INVALID":
    case "CALLER_UNKNOWN":
    case "CALLER_AMBIGUOUS":
      return 400;
    case "TOKEN_REQUIRED":
    case "TOKEN_INVALID":
    case "TOKEN_EXPIRED":
      return 401;
    // 403 for both: the request reached the service, which will not serve it (the SSRF rule, or
    // the instance's HttpEndpoint=disabled, as EC2's IMDS answers when it is turned off).
    case "FORWARDED_TOKEN_REQUEST":
    case "ENDPOINT_DISABLED":
      return 403;
    case "PATH_NOT_FOUND":
      return 404;
    case "METHOD_NOT_ALLOWED":
      return 405;
    case "INSTANCE_NOT_RUNNING":
      return 409;
    default: {
      const unreachable: never = code;
      throw new TypeError(`unknown metadata error code ${String(unreachable)}`);
    }
  }
}

export class MetadataError extends Error {
  readonly status: number;
  constructor(readonly code: MetadataErrorCode, message: string) {
    super(message);
    this.name = "MetadataError";
    this.status = statusOfMetadataError(code);
  }
}
