import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ApiError } from "../errors";
import type { InstanceView } from "../state/instances";
import type { EmulatorStore } from "../state/store";
import { checkEndpointEnabled, checkMetadataRead } from "./access-policy";
import { INSTANCE_ID_HEADER, SOURCE_IP_HEADER, headerValue, resolveCallerInstance } from "./caller-instance";
import type { InstanceDirectory } from "./caller-instance";
import { MetadataError } from "./metadata-errors";
import { buildMetadataTree, lookupMetadata, renderListing } from "./metadata-tree";
import { TOKEN_HEADER, TOKEN_TTL_HEADER, TokenService, parseTokenTtl } from "./token-service";

export const TOKEN_PATH = "/latest/api/token";
export const METADATA_PREFIX = "/latest/meta-data";
/** Carries the MetadataErrorCode of a refusal, so clients need not read the message. */
export const ERROR_CODE_HEADER = "x-emulator-error-code";

export interface MetadataServerOptions {
  /** The emulator's store: instances, their ENIs and MetadataOptions are read from it per request. */
  readonly store: EmulatorStore;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Clock of token issue and expiry (epoch ms); the store's clock otherwise. */
  readonly now?: () => number;
  /** HMAC key of the tokens; random per start otherwise. */
  readonly tokenKey?: Buffer;
  readonly reportBug?: (error: unknown) => void;
}

export interface RunningMetadataServer {
  /** `http://HOST:PORT`, where an app on an instance would use http://100.100.100.200. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The store as the resolver's directory; instances live in the regions of the seed's VPCs. */
function storeDirectory(store: EmulatorStore): InstanceDirectory {
  const regions = (): string[] => [...new Set(store.seed.vpcs.map((v) => v.regionId))];
  const byId = (id: string): InstanceView | undefined => {
    try {
      return store.describeInstance(id);
    } catch (error) {
      // The store's only refusal here is InvalidInstanceId.NotFound: the caller named no instance.
      if (error instanceof ApiError) return undefined;
      throw error;
    }
  };
  return {
    byId,
    byPrivateIp: (ip) => {
      const owners = new Set<string>();
      for (const regionId of regions()) {
        for (const eni of store.describeNetworkInterfaces({ regionId, privateIpAddresses: [ip] })) {
          // Only an attached ENI puts its IP on an instance (Attaching counts: the OS sees it soon).
          if (eni.instanceId !== null) owners.add(eni.instanceId);
        }
      }
      return [...owners].flatMap((id) => byId(id) ?? []);
    },
    running: (sample) => {
      let total = 0;
      const found: InstanceView[] = [];
      for (const regionId of regions()) {
        // A window: counts every Running instance but builds views of the sample only.
        const page = store.describeInstancePage({ regionId, status: "Running" }, { offset: 0, limit: sample });
        total += page.total;
        found.push(...page.items.slice(0, sample - found.length));
      }
      return { total, sample: found };
    },
  };
}

function callerOf(store: EmulatorStore, req: IncomingMessage): InstanceView {
  return resolveCallerInstance(storeDirectory(store), {
    instanceId: headerValue(req.headers[INSTANCE_ID_HEADER]),
    sourceIp: headerValue(req.headers[SOURCE_IP_HEADER]),
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * PUT /latest/api/token. X-Forwarded-For is refused before anything else: a request relayed by a
 * proxy is exactly the SSRF shape the hardened mode exists to stop.
 * HttpPutResponseHopLimit is stored and returned by DescribeInstances but not enforced: the cloud
 * enforces it through the IP TTL of the answer packets, and on loopback there are no hops to count.
 */
function issueToken(store: EmulatorStore, tokens: TokenService, req: IncomingMessage, res: ServerResponse): void {
  if (req.headers["x-forwarded-for"] !== undefined) {
    throw new MetadataError("FORWARDED_TOKEN_REQUEST", "token requests that carry X-Forwarded-For are refused (proxied requests are not allowed in security-hardened mode).");
  }
  const instance = callerOf(store, req);
  checkEndpointEnabled(instance.id, instance.metadataOptions);
  const ttl = parseTokenTtl(req.headers[TOKEN_TTL_HEADER]);
  const { token } = tokens.issue(instance.id, ttl);
  send(res, 200, token, { [TOKEN_TTL_HEADER]: String(ttl) });
}

function readMetadata(store: EmulatorStore, tokens: TokenService, req: IncomingMessage, res: ServerResponse, path: string): void {
  const instance = callerOf(store, req);
  const token = headerValue(req.headers[TOKEN_HEADER]);
  checkMetadataRead(instance.id, instance.metadataOptions, token === undefined ? undefined : tokens.verify(token, instance.id));
  const node = lookupMetadata(buildMetadataTree(instance, store.seed), path.slice(METADATA_PREFIX.length));
  if (node === undefined) throw new MetadataError("PATH_NOT_FOUND", `${path} is not a metadata item of instance ${instance.id}.`);
  send(res, 200, typeof node === "string" ? node : renderListing(node));
}

function route(store: EmulatorStore, tokens: TokenService, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0]!;
  if (path === TOKEN_PATH) {
    if (req.method !== "PUT") throw new MetadataError("METHOD_NOT_ALLOWED", `${TOKEN_PATH} answers PUT only, got ${req.method ?? "?"}.`);
    issueToken(store, tokens, req, res);
    return;
  }
  if (path === METADATA_PREFIX || path.startsWith(`${METADATA_PREFIX}/`)) {
    if (req.method !== "GET") throw new MetadataError("METHOD_NOT_ALLOWED", `${METADATA_PREFIX}/ answers GET only, got ${req.method ?? "?"}.`);
    readMetadata(store, tokens, req, res, path);
    return;
  }
  throw new MetadataError("PATH_NOT_FOUND", `${path} is not served; the metadata service answers PUT ${TOKEN_PATH} and GET ${METADATA_PREFIX}/...`);
}

function allowOf(code: MetadataError["code"], path: string): Record<string, string> {
  if (code !== "METHOD_NOT_ALLOWED") return {};
  return { allow: path.startsWith(TOKEN_PATH) ? "PUT" : "GET" };
}

/** Starts the instance metadata service (what 100.100.100.200 answers on an instance); resolves once it listens. */
export async function startMetadataServer(options: MetadataServerOptions): Promise<RunningMetadataServer> {
  const { store } = options;
  const tokens = new TokenService({ now: options.now ?? (() => store.now()), ...(options.tokenKey ? { key: options.tokenKey } : {}) });
  const reportBug = options.reportBug ?? ((error: unknown) => process.stderr.write(`metadata service: unexpected error: ${String(error)}\n`));
  const server = createServer((req, res) => {
    // Bodies are never read (a token PUT carries none); drain so keep-alive sockets stay usable.
    req.resume();
    try {
      route(store, tokens, req, res);
    } catch (error) {
      if (error instanceof MetadataError) {
        send(res, error.status, `${error.message}\n`, { [ERROR_CODE_HEADER]: error.code, ...allowOf(error.code, req.url ?? "") });
        return;
      }
      reportBug(error);
      if (!res.headersSent) send(res, 500, "internal error of the metadata service\n");
    }
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port, host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
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
