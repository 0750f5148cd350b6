/**
 * The gRPC edge of the harness: promisified unary calls to the host's ResourceProvider service,
 * and the decoding of its errors, including pulumirpc.ErrorResourceInitFailed carried in the
 * `grpc-status-details-bin` trailer (how the Node.js host reports "created but failed to
 * initialize").
 */
import type * as grpc from "@grpc/grpc-js";
import * as provProto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";
import { ProviderCallError, ResourceInitError } from "./errors";
import type { ProviderMethod } from "./errors";
import { fromStruct } from "./property-values";

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

type UnaryCall<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

export interface CallContext {
  readonly method: ProviderMethod;
  readonly urn: string;
  readonly timeoutMs: number;
  readonly metadata: grpc.Metadata;
}

export function callUnary<Req, Res>(call: UnaryCall<Req, Res>, request: Req, ctx: CallContext): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    call(request, ctx.metadata, { deadline: Date.now() + ctx.timeoutMs }, (error, response) => {
      if (error) {
        reject(decodeCallError(error, ctx));
        return;
      }
      resolve(response);
    });
  });
}

export function decodeCallError(error: grpc.ServiceError, ctx: Pick<CallContext, "method" | "urn">): ProviderCallError {
  const details = error.details || error.message;
  const initFailure = readInitFailure(error.metadata);
  if (initFailure !== undefined) {
    return new ResourceInitError(
      ctx.method,
      ctx.urn,
      error.code,
      details,
      initFailure.getId(),
      fromStruct(initFailure.getProperties(), `${ctx.method} init-failure properties`),
      initFailure.getReasonsList(),
    );
  }
  return new ProviderCallError(ctx.method, ctx.urn, error.code, details);
}

function readInitFailure(metadata: grpc.Metadata | undefined): provProto.ErrorResourceInitFailed | undefined {
  const raw = metadata?.get("grpc-status-details-bin")[0];
  if (raw === undefined || typeof raw === "string") return undefined;
  const status = statusProto.Status.deserializeBinary(new Uint8Array(raw));
  for (const detail of status.getDetailsList()) {
    if (detail.getTypeName() !== INIT_FAILED_TYPE) continue;
    const unpacked = detail.unpack(provProto.ErrorResourceInitFailed.deserializeBinary, INIT_FAILED_TYPE);
    if (unpacked !== null) return unpacked;
  }
  return undefined;
}
