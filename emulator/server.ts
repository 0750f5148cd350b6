import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { ActionDefinition } from "./actions/action";
import { ACTIONS } from "./actions/index";
import { FaultInjector } from "./faults/fault-injector";
import { parseFaultSpec } from "./faults/fault-spec";
import type { FaultSpec } from "./faults/fault-spec";
import { ActionRouter } from "./http/action-router";
import { createApiRequestHandler } from "./http/api-request-handler";
import { CONTROL_PREFIX, handleControl } from "./http/control-endpoints";
import { CredentialStore, DEV_ACCESS_KEY } from "./http/credentials";
import type { AccessKeyPair } from "./http/credentials";
import { RequestAuthenticator } from "./http/request-authenticator";
import { RequestLog } from "./http/request-log";
import { startMetadataServer } from "./metadata/metadata-server";
import type { RunningMetadataServer } from "./metadata/metadata-server";
import { writeJson } from "./http/response-writer";
import { StateFileError, StateFileWriter, readStateFile } from "./persistence/state-file";
import { DEFAULT_SEED, loadSeedFile } from "./state/seed";
import type { Seed } from "./state/seed";
import { EmulatorStore } from "./state/store";
import type { StoreSnapshot, TransitionDurations } from "./state/store";

export interface StartEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Address to listen on; the control endpoints still answer loopback callers only. */
  host?: string;
  /** Persist every acknowledged mutation here; loaded at start when it exists. */
  stateFile?: string;
  /** A seed, or the path of a YAML/JSON seed file; DEFAULT_SEED otherwise. Ignored when stateFile exists. */
  seed?: Seed | string;
  /** A `--faults` spec (see emulator/faults/fault-spec.ts), or an already parsed one. */
  faults?: string | FaultSpec;
  /** Accepted AccessKey pairs; the documented development pair otherwise. */
  credentials?: readonly AccessKeyPair[];
  transitions?: Partial<TransitionDurations>;
  /** Clock of the store (lifecycles); signature timestamps are always checked against real time. */
  now?: () => number;
  /** Clock for signature timestamps, for tests of clock skew. */
  signatureClock?: () => number;
  /** Actions served; the full ECS + VPC table otherwise (tests inject small tables). */
  actions?: readonly ActionDefinition[];
  /** A ready store (tests); otherwise built from stateFile / seed. */
  store?: EmulatorStore;
  /** Entries kept by the request log. */
  requestLogSize?: number;
  /** Also serve the instance metadata service (100.100.100.200's API) on this port; 0 picks a free one, undefined serves none. */
  metadataPort?: number;
  /** Clock of metadata token issue and expiry; the store's clock otherwise. */
  metadataClock?: () => number;
  /** Where unexpected exceptions go (they are answered with InternalError); stderr otherwise. */
  reportBug?: (error: unknown) => void;
}

export interface RunningEmulator {
  /** `127.0.0.1:PORT`, the form the SDK's `endpoint` wants. */
  readonly endpoint: string;
  readonly url: string;
  readonly port: number;
  /** The first accepted pair, for clients. */
  readonly credentials: AccessKeyPair;
  /** The region of the seed, for clients' regionId. */
  readonly regionId: string;
  readonly store: EmulatorStore;
  readonly faults: FaultInjector;
  /** `http://127.0.0.1:PORT` of the instance metadata service, when metadataPort was given. */
  readonly metadataEndpoint?: string;
  /** Closes the API server and the metadata service. */
  close(): Promise<void>;
}

function buildStore(options: StartEmulatorOptions): { store: EmulatorStore; fromFile: boolean } {
  const storeOptions = { ...(options.now ? { now: options.now } : {}), ...(options.transitions ? { transitions: options.transitions } : {}) };
  if (options.store !== undefined) return { store: options.store, fromFile: false };
  if (options.stateFile !== undefined) {
    const snapshot = readStateFile(options.stateFile);
    if (snapshot !== undefined) {
      try {
        return { store: EmulatorStore.restore(snapshot as StoreSnapshot, storeOptions), fromFile: true };
      } catch (error) {
        throw new StateFileError(options.stateFile, `does not hold an emulator state: ${(error as Error).message}`);
      }
    }
  }
  const seed = typeof options.seed === "string" ? loadSeedFile(options.seed) : (options.seed ?? DEFAULT_SEED);
  return { store: EmulatorStore.fromSeed(seed, storeOptions), fromFile: false };
}

function parseFaults(faults: string | FaultSpec | undefined): FaultSpec | undefined {
  return typeof faults === "string" ? parseFaultSpec(faults) : faults;
}

const reportToStderr = (error: unknown): void => {
  process.stderr.write(`emulator: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
};

/** Starts the ECS/VPC OpenAPI emulator; resolves once it listens. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const pairs = options.credentials ?? [DEV_ACCESS_KEY];
  const credentialStore = new CredentialStore(pairs);
  const faults = new FaultInjector(parseFaults(options.faults));
  const { store, fromFile } = buildStore(options);
  const writer = options.stateFile === undefined ? null : new StateFileWriter(options.stateFile, () => store.snapshot());
  // A fresh state file is written at once, so a restart finds the same seeded world (same ids' salt).
  if (writer !== null && !fromFile) {
    await writer.persist().catch((error: unknown) => {
      throw new StateFileError(writer.path, `cannot be written: ${(error as Error).message}`);
    });
  }

  const log = new RequestLog(options.requestLogSize);
  const api = createApiRequestHandler({
    router: new ActionRouter(options.actions ?? ACTIONS),
    authenticator: new RequestAuthenticator(credentialStore, options.signatureClock),
    store,
    faults,
    log,
    persist: writer === null ? null : () => writer.persist(),
    reportBug: options.reportBug ?? reportToStderr,
  });
  const controlDeps = { store, faults, log };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url !== undefined && req.url.startsWith(CONTROL_PREFIX)) {
      handleControl(req, res, controlDeps).catch((error: unknown) => {
        reportToStderr(error);
        if (!res.headersSent) writeJson(res, 500, { error: { code: "EMULATOR_CONTROL_FAILED", message: String(error) } });
      });
      return;
    }
    api(req, res);
  };

  const server = createServer({ keepAlive: true }, listener);
  // Outlive the clients' idle keep-alive sockets (Node's agent drops them after 5 s), so the
  // server never closes a socket a client is just reusing: that race shows up as ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const closeApi = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    await writer?.idle();
  };
  let metadata: RunningMetadataServer | undefined;
  if (options.metadataPort !== undefined) {
    try {
      metadata = await startMetadataServer({
        store,
        port: options.metadataPort,
        host,
        ...(options.metadataClock ? { now: options.metadataClock } : {}),
        reportBug: options.reportBug ?? reportToStderr,
      });
    } catch (error) {
      // The API server is already listening: do not leak it when the metadata port is taken.
      await closeApi();
      throw error;
    }
  }
  const regionId = store.snapshot().seed.region;
  const endpoint = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    endpoint,
    url: `http://${endpoint}`,
    port,
    credentials: pairs[0]!,
    regionId,
    store,
    faults,
    ...(metadata === undefined ? {} : { metadataEndpoint: metadata.url }),
    close: async () => {
      await Promise.all([closeApi(), metadata?.close()]);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
