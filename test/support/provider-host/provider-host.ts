/**
 * The harness: it plays the Pulumi engine's part against the REAL Node.js dynamic-provider host
 * (node_modules/@pulumi/pulumi/cmd/dynamic-provider) over gRPC, without the pulumi CLI.
 *
 * What the engine does and this reproduces: launch the host with the engine address (a fake
 * Engine service we run), Configure it with the stack config (namespaced keys, secrets wrapped),
 * then Check/Diff/Create/Read/Update/Delete with properties as google.protobuf.Struct. The host
 * answers Configure with acceptSecrets=false, so like the engine we send secrets as plain values
 * and re-mark outputs secret from the inputs (annotateSecrets). Every resource's `__provider`
 * property carries the serialized provider text, as `pulumi.dynamic.Resource` registers it.
 */
import * as grpc from "@grpc/grpc-js";
import * as provRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provProto from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { HarnessUsageError } from "./errors";
import { startFakeEngine } from "./fake-engine";
import type { EngineLogEntry } from "./fake-engine";
import { callUnary } from "./grpc-calls";
import type { CallContext } from "./grpc-calls";
import { launchHost } from "./host-process";
import {
  annotateSecrets,
  fromStruct,
  isSecret,
  secret,
  stripSecretsInMap,
  toStruct,
} from "./property-values";
import type { PropertyMap, PropertyValue } from "./property-values";
import type { SerializedProvider } from "./serialize-provider";
import type { ProviderMethod } from "./errors";

export const PROVIDER_KEY = "__provider";

/**
 * Limits as the engine's Go gRPC client has them. grpc-js's defaults are far smaller (4 MB
 * messages, 8 KB of metadata), and a created-but-failed-to-initialize error carries the resource's
 * properties, `__provider` text included, in the grpc-status-details-bin trailer: at 8 KB the
 * call would hang here while the real engine takes it.
 */
const ENGINE_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  "grpc.max_receive_message_length": 400 * 1024 * 1024,
  "grpc.max_send_message_length": 400 * 1024 * 1024,
  "grpc.max_metadata_size": 16 * 1024 * 1024,
};

export interface ProviderHostOptions {
  /** Stack config, namespaced keys ("alicloud:region"); wrap a value with `secret()` to mark it. */
  readonly config?: Readonly<Record<string, string | PropertyMap>>;
  /** Serialized providers by full type token ("pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface"). */
  readonly providers?: Readonly<Record<string, SerializedProvider>>;
  readonly project?: string;
  readonly stack?: string;
  /** Extra environment for the host process. */
  readonly env?: Readonly<Record<string, string>>;
  /** gRPC deadline per call; creates wait for cloud transitions, so it is generous. */
  readonly callTimeoutMs?: number;
}

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}
export interface CheckResult {
  readonly inputs: PropertyMap;
  readonly failures: readonly CheckFailure[];
}
export type DiffChanges = "unknown" | "none" | "some";
export interface DiffResult {
  readonly changes: DiffChanges;
  readonly replaces: readonly string[];
  readonly deleteBeforeReplace: boolean;
}
export interface CreateResult {
  readonly id: string;
  readonly outputs: PropertyMap;
}
export interface ReadResult {
  /** undefined when the provider reports the resource gone (empty id). */
  readonly id: string | undefined;
  readonly outputs: PropertyMap;
  readonly inputs: PropertyMap | undefined;
}
export interface CallOptions {
  /** Old inputs (the engine sends them with Diff, Update and Delete). */
  readonly oldInputs?: PropertyMap;
  /** Custom timeout in seconds (Pulumi's customTimeouts), sent in the request. */
  readonly timeoutSeconds?: number;
  /** gRPC deadline of this call, overriding the host's callTimeoutMs. */
  readonly deadlineMs?: number;
}

export interface ProviderHost {
  readonly pluginVersion: string;
  readonly acceptsSecrets: boolean;
  readonly supportsPreview: boolean;
  /** pid of the host process (for tests that check it is one long-lived process). */
  readonly pid: number;
  urn(typeToken: string, name: string): string;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diff(urn: string, id: string, oldOutputs: PropertyMap, news: PropertyMap, opts?: CallOptions): Promise<DiffResult>;
  create(urn: string, inputs: PropertyMap, opts?: CallOptions): Promise<CreateResult>;
  read(urn: string, id: string, state: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  update(urn: string, id: string, oldOutputs: PropertyMap, news: PropertyMap, opts?: CallOptions): Promise<PropertyMap>;
  delete(urn: string, id: string, outputs: PropertyMap, opts?: CallOptions): Promise<void>;
  /** Messages the host sent to the engine's Log service. */
  readonly engineLogs: readonly EngineLogEntry[];
  /** What the host printed (stdout after its port line, and stderr). */
  output(): string;
  /** Number of calls made per method, for tests and benchmarks. */
  readonly callCounts: Readonly<Record<ProviderMethod, number>>;
  close(): Promise<void>;
}

export async function startProviderHost(options: ProviderHostOptions = {}): Promise<ProviderHost> {
  const project = options.project ?? "alicloud-eni-test";
  const stack = options.stack ?? "test";
  const config = options.config ?? {};
  const engine = await startFakeEngine();
  const plainConfig: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "string") {
      plainConfig[key] = value;
    } else if (isSecret(value) && typeof value.value === "string") {
      plainConfig[key] = value.value;
      secretKeys.push(key);
    } else {
      await engine.close();
      throw new HarnessUsageError(`config ${key} must be a string or secret(string), got ${JSON.stringify(value)}`);
    }
  }
  let hostProcess;
  try {
    hostProcess = await launchHost({ engineAddress: engine.address, config: plainConfig, secretKeys, project, stack, ...(options.env ? { env: options.env } : {}) });
  } catch (err) {
    await engine.close();
    throw err;
  }
  const client = new provRpc.ResourceProviderClient(`127.0.0.1:${hostProcess.port}`, grpc.credentials.createInsecure(), ENGINE_CHANNEL_OPTIONS);
  const timeoutMs = options.callTimeoutMs ?? 60_000;
  const callCounts: Record<ProviderMethod, number> = {
    configure: 0, check: 0, diff: 0, create: 0, read: 0, update: 0, delete: 0, getPluginInfo: 0,
  };
  const ctx = (method: ProviderMethod, urn: string, deadlineMs?: number): CallContext => {
    callCounts[method] += 1;
    return { method, urn, timeoutMs: deadlineMs ?? timeoutMs, metadata: new grpc.Metadata() };
  };
  const shutdown = async (): Promise<void> => {
    client.close();
    await hostProcess.stop();
    await engine.close();
  };

  let pluginVersion: string;
  let acceptsSecrets: boolean;
  let supportsPreview: boolean;
  try {
    const info = await callUnary(client.getPluginInfo.bind(client), new Empty(), ctx("getPluginInfo", ""));
    pluginVersion = info.getVersion();
    const configured = await callUnary(client.configure.bind(client), configureRequest(config), ctx("configure", ""));
    acceptsSecrets = configured.getAcceptsecrets();
    supportsPreview = configured.getSupportspreview();
  } catch (err) {
    await shutdown();
    throw err;
  }

  const providers = options.providers ?? {};
  // Like `pulumi.dynamic.Resource`, `__provider` is added to what the PROGRAM registers (the news
  // of Check/Diff/Update, the inputs of Create). State (old outputs, old inputs) is sent exactly as
  // given, as the engine sends what it stored: a state without `__provider` fails in the host.
  const withProvider = (urn: string, props: PropertyMap): PropertyMap => {
    if (PROVIDER_KEY in props) return props;
    const { type } = parseUrn(urn);
    const provider = providers[type];
    if (provider === undefined) {
      throw new HarnessUsageError(`no serialized provider registered for type ${type} (urn ${urn}); registered: ${Object.keys(providers).join(", ") || "none"}`);
    }
    return { ...props, [PROVIDER_KEY]: provider.containsSecrets ? secret(provider.text) : provider.text };
  };
  // The wire form: secrets stripped unless the provider said it accepts them.
  const wire = (props: PropertyMap) => toStruct(acceptsSecrets ? props : stripSecretsInMap(props));
  const named = <T extends { setName(v: string): T; setType(v: string): T; setUrn(v: string): T }>(req: T, urn: string): T => {
    const { type, name } = parseUrn(urn);
    return req.setUrn(urn).setName(name).setType(type);
  };

  return {
    pluginVersion,
    acceptsSecrets,
    supportsPreview,
    pid: hostProcess.pid,
    engineLogs: engine.logs,
    output: hostProcess.output,
    callCounts,
    urn: (typeToken, name) => `urn:pulumi:${stack}::${project}::${typeToken}::${name}`,

    async check(urn, olds, news) {
      const sentNews = withProvider(urn, news);
      const req = named(new provProto.CheckRequest(), urn)
        .setOlds(wire(olds))
        .setNews(wire(sentNews))
        .setRandomseed(new Uint8Array(32));
      const res = await callUnary(client.check.bind(client), req, ctx("check", urn));
      const inputs = annotateSecrets(fromStruct(res.getInputs(), "check inputs"), sentNews);
      const failures = res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
      return { inputs, failures };
    },

    async diff(urn, id, oldOutputs, news, opts = {}) {
      const req = named(new provProto.DiffRequest(), urn)
        .setId(id)
        .setOlds(wire(oldOutputs))
        .setNews(wire(withProvider(urn, news)));
      if (opts.oldInputs) req.setOldInputs(wire(opts.oldInputs));
      const res = await callUnary(client.diff.bind(client), req, ctx("diff", urn, opts.deadlineMs));
      return {
        changes: diffChanges(res.getChanges()),
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },

    async create(urn, inputs, opts = {}) {
      const sent = withProvider(urn, inputs);
      const req = named(new provProto.CreateRequest(), urn).setProperties(wire(sent)).setPreview(false);
      if (opts.timeoutSeconds !== undefined) req.setTimeout(opts.timeoutSeconds);
      const res = await callUnary(client.create.bind(client), req, ctx("create", urn, opts.deadlineMs));
      return { id: res.getId(), outputs: annotateSecrets(fromStruct(res.getProperties(), "create outputs"), sent) };
    },

    async read(urn, id, state, inputs) {
      const sentState = state;
      const req = named(new provProto.ReadRequest(), urn).setId(id).setProperties(wire(sentState));
      if (inputs) req.setInputs(wire(inputs));
      const res = await callUnary(client.read.bind(client), req, ctx("read", urn));
      const newId = res.getId();
      const readInputs = res.getInputs();
      return {
        id: newId === "" ? undefined : newId,
        outputs: annotateSecrets(fromStruct(res.getProperties(), "read outputs"), sentState),
        inputs: readInputs === undefined ? undefined : annotateSecrets(fromStruct(readInputs, "read inputs"), inputs ?? {}),
      };
    },

    async update(urn, id, oldOutputs, news, opts = {}) {
      const sentNews = withProvider(urn, news);
      const req = named(new provProto.UpdateRequest(), urn)
        .setId(id)
        .setOlds(wire(oldOutputs))
        .setNews(wire(sentNews))
        .setPreview(false);
      if (opts.oldInputs) req.setOldInputs(wire(opts.oldInputs));
      if (opts.timeoutSeconds !== undefined) req.setTimeout(opts.timeoutSeconds);
      const res = await callUnary(client.update.bind(client), req, ctx("update", urn, opts.deadlineMs));
      return annotateSecrets(fromStruct(res.getProperties(), "update outputs"), sentNews);
    },

    async delete(urn, id, outputs, opts = {}) {
      const req = named(new provProto.DeleteRequest(), urn).setId(id).setProperties(wire(outputs));
      if (opts.oldInputs) req.setOldInputs(wire(opts.oldInputs));
      if (opts.timeoutSeconds !== undefined) req.setTimeout(opts.timeoutSeconds);
      await callUnary(client.delete.bind(client), req, ctx("delete", urn, opts.deadlineMs));
    },

    close: shutdown,
  };
}

/**
 * What a current engine sends: the config as args (secrets wrapped, the host unwraps them), and
 * the capability flags of engines since 3.x.
 */
function configureRequest(config: Readonly<Record<string, string | PropertyMap>>): provProto.ConfigureRequest {
  const args: PropertyMap = {};
  for (const [key, value] of Object.entries(config)) args[key] = value as PropertyValue;
  return new provProto.ConfigureRequest()
    .setArgs(toStruct(args))
    .setAcceptsecrets(true)
    .setAcceptresources(true)
    .setSendsOldInputs(true)
    .setSendsOldInputsToDelete(true);
}

function diffChanges(changes: provProto.DiffResponse.DiffChanges): DiffChanges {
  switch (changes) {
    case provProto.DiffResponse.DiffChanges.DIFF_UNKNOWN:
      return "unknown";
    case provProto.DiffResponse.DiffChanges.DIFF_NONE:
      return "none";
    case provProto.DiffResponse.DiffChanges.DIFF_SOME:
      return "some";
    default: {
      const never: never = changes;
      return never;
    }
  }
}

/** urn:pulumi:<stack>::<project>::<type>::<name> */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (!urn.startsWith("urn:pulumi:") || parts.length < 4) {
    throw new HarnessUsageError(`urn ${JSON.stringify(urn)} is not of the form urn:pulumi:<stack>::<project>::<type>::<name>`);
  }
  return { type: parts[parts.length - 2] as string, name: parts[parts.length - 1] as string };
}
