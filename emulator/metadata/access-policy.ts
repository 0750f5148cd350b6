import type { MetadataOptions } from "../state/records";
import { MetadataError } from "./metadata-errors";
import type { TokenVerdict } from "./token-service";

/**
 * Whether a metadata GET may be answered, from the instance's stored MetadataOptions and the
 * token it carried (undefined: no token header). Pure; throws MetadataError.
 * - HttpEndpoint=disabled: nothing is served.
 * - HttpTokens=required: a valid token is needed.
 * - HttpTokens=optional: no token is fine, but a token that is sent must be valid (a client that
 *   sends one expects hardened mode and should learn its token is bad, not silently pass).
 * HttpPutResponseHopLimit is not checked here: see metadata-server.ts.
 */
export function checkMetadataRead(instanceId: string, options: MetadataOptions, verdict: TokenVerdict | undefined): void {
  checkEndpointEnabled(instanceId, options);
  if (verdict === undefined) {
    switch (options.httpTokens) {
      case "optional":
        return;
      case "required":
        throw new MetadataError("TOKEN_REQUIRED", `instance ${instanceId} requires security-hardened mode (HttpTokens=required): PUT /latest/api/token first and send the token in X-aliyun-ecs-metadata-token.`);
      default: {
        const unreachable: never = options.httpTokens;
        throw new TypeError(`unknown HttpTokens ${String(unreachable)}`);
      }
    }
  }
  switch (verdict) {
    case "valid":
      return;
    case "expired":
      throw new MetadataError("TOKEN_EXPIRED", `the X-aliyun-ecs-metadata-token sent has expired; PUT /latest/api/token for a new one.`);
    case "malformed":
      throw new MetadataError("TOKEN_INVALID", `the X-aliyun-ecs-metadata-token sent is not a metadata token.`);
    case "not-for-this-instance":
      throw new MetadataError("TOKEN_INVALID", `the X-aliyun-ecs-metadata-token sent was not issued to instance ${instanceId} (tokens are bound to one instance).`);
    default: {
      const unreachable: never = verdict;
      throw new TypeError(`unknown token verdict ${String(unreachable)}`);
    }
  }
}

export function checkEndpointEnabled(instanceId: string, options: MetadataOptions): void {
  switch (options.httpEndpoint) {
    case "enabled":
      return;
    case "disabled":
      throw new MetadataError("ENDPOINT_DISABLED", `the metadata service is disabled for instance ${instanceId} (HttpEndpoint=disabled; ModifyInstanceMetadataOptions HttpEndpoint=enabled turns it on).`);
    default: {
      const unreachable: never = options.httpEndpoint;
      throw new TypeError(`unknown HttpEndpoint ${String(unreachable)}`);
    }
  }
}
