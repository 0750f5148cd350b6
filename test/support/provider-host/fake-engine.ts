/**
 * The engine side of the plugin protocol, as far as a provider process can reach it: the
 * pulumirpc.Engine service whose address the engine passes to every plugin it launches.
 * It records log messages (so tests can also check them for key material) and answers the root
 * resource calls; RequirePulumiVersion accepts any range, StartDebugging is refused.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";

export type EngineLogSeverity = "debug" | "info" | "warning" | "error";

export interface EngineLogEntry {
  readonly severity: EngineLogSeverity;
  readonly message: string;
  readonly urn: string;
}

export interface FakeEngine {
  /** host:port to pass to the plugin as its engine address. */
  readonly address: string;
  readonly logs: readonly EngineLogEntry[];
  close(): Promise<void>;
}

export async function startFakeEngine(): Promise<FakeEngine> {
  const logs: EngineLogEntry[] = [];
  let rootUrn = "";
  const server = new grpc.Server();
  const implementation: engineRpc.IEngineServer = {
    log(call, callback) {
      const req = call.request;
      logs.push({ severity: severityName(req.getSeverity()), message: req.getMessage(), urn: req.getUrn() });
      callback(null, new Empty());
    },
    getRootResource(_call, callback) {
      callback(null, new engineProto.GetRootResourceResponse().setUrn(rootUrn));
    },
    setRootResource(call, callback) {
      rootUrn = call.request.getUrn();
      callback(null, new engineProto.SetRootResourceResponse());
    },
    startDebugging(_call, callback) {
      callback({ code: grpc.status.UNIMPLEMENTED, details: "the test engine attaches no debugger" }, null);
    },
    requirePulumiVersion(_call, callback) {
      callback(null, new engineProto.RequirePulumiVersionResponse());
    },
  };
  server.addService(engineRpc.EngineService, implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}

function severityName(severity: engineProto.LogSeverity): EngineLogSeverity {
  switch (severity) {
    case engineProto.LogSeverity.DEBUG:
      return "debug";
    case engineProto.LogSeverity.INFO:
      return "info";
    case engineProto.LogSeverity.WARNING:
      return "warning";
    case engineProto.LogSeverity.ERROR:
      return "error";
    default: {
      const never: never = severity;
      return never;
    }
  }
}
