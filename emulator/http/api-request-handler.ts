import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { PRODUCT_VERSIONS } from "../actions/action";
import type { ActionContext, ActionDefinition, Product, RawParams } from "../actions/action";
import { ApiError, internalError, missingParameter, throttled } from "../errors";
import type { FaultDecision, FaultInjector } from "../faults/fault-injector";
import type { EmulatorStore } from "../state/store";
import type { ActionRouter } from "./action-router";
import { bodyTooLarge, unexpectedFailure, unknownPath, unsupportedHttpMethod } from "./protocol-errors";
import { QueryCache } from "./query-cache";
import { parseParamString } from "./query-string";
import type { ParamPairs } from "./query-string";
import type { RequestAuthenticator } from "./request-authenticator";
import type { RequestLog } from "./request-log";
import { newRequestId, writeApiError, writeResult } from "./response-writer";

/** Everything one API call needs; built once by the server. */
export interface ApiHandlerDeps {
  readonly router: ActionRouter;
  readonly authenticator: RequestAuthenticator;
  readonly store: EmulatorStore;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /** Makes the current state durable; null without --state. Awaited before a mutation is acknowledged. */
  readonly persist: (() => Promise<void>) | null;
  /** Unexpected exceptions (bugs) are reported here and answered with InternalError. */
  readonly reportBug: (error: unknown) => void;
}

/** Protocol parameters of the RPC styles; actions never see them. */
const PROTOCOL_PARAMS = new Set([
  "Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
  "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "BearerToken",
]);

const PRODUCT_BY_VERSION = new Map<string, Product>(
  (Object.entries(PRODUCT_VERSIONS) as [Product, string][]).map(([product, version]) => [version, product]),
);

const MAX_BODY_BYTES = 1024 * 1024;
const EMPTY_BODY = Buffer.alloc(0);
const NO_PARAMS: RawParams = new Map();
const NO_PAIRS: ParamPairs = Object.freeze([]) as unknown as ParamPairs;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The request body; synchronous (no promise) for the common body-less call. */
function bodyOf(req: IncomingMessage): Buffer | Promise<Buffer> {
  const length = req.headers["content-length"];
  if ((length === undefined || length === "0") && req.headers["transfer-encoding"] === undefined) return EMPTY_BODY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(bodyTooLarge(MAX_BODY_BYTES));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function isForm(req: IncomingMessage): boolean {
  const type = req.headers["content-type"];
  return type !== undefined && type.startsWith("application/x-www-form-urlencoded");
}

function findParam(pairs: ParamPairs, name: string): string | undefined {
  for (const [key, value] of pairs) if (key === name) return value;
  return undefined;
}

const isActionParam = (key: string): boolean => !PROTOCOL_PARAMS.has(key);

/** Shared by every emulator in the process: a parse depends on nothing but the text. */
const queries = new QueryCache(isActionParam);

function toRawParams(query: ParamPairs, body: ParamPairs): RawParams {
  const params = new Map<string, string>();
  for (const [key, value] of query) if (isActionParam(key)) params.set(key, value);
  for (const [key, value] of body) if (isActionParam(key)) params.set(key, value);
  return params;
}

function paramOf(query: ParamPairs, body: ParamPairs, name: string): string | undefined {
  return findParam(query, name) ?? findParam(body, name);
}

function headerOrParam(req: IncomingMessage, header: string, pairs: ParamPairs, body: ParamPairs, name: string): string | undefined {
  const value = req.headers[header];
  if (typeof value === "string" && value !== "") return value;
  return paramOf(pairs, body, name);
}

/** Mutable facts about one call, filled in as it progresses, recorded in the request log at the end. */
interface CallRecord {
  product: Product | null;
  action: string | null;
  params: RawParams;
  fault: string | null;
}

/**
 * The RPC pipeline: parse → authenticate → route → faults → action → persist → answer.
 * Faults act here, at the edge: the action and the store never know one was injected.
 */
export function createApiRequestHandler(deps: ApiHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const startedAt = Date.now();
    const started = performance.now();
    const requestId = newRequestId();
    const call: CallRecord = { product: null, action: null, params: NO_PARAMS, fault: null };
    const record = (status: number, code: string | null): void =>
      deps.log.record(startedAt, performance.now() - started, status, code, call);
    const fail = (error: unknown): void => {
      const apiError = error instanceof ApiError ? error : unexpectedFailure();
      if (!(error instanceof ApiError)) deps.reportBug(error);
      if (!res.headersSent && !res.destroyed) writeApiError(res, requestId, apiError);
      record(apiError.httpStatus, apiError.code);
    };

    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = serveCall(req, res, requestId, call, deps);
    } catch (error) {
      fail(error);
      return;
    }
    if (outcome instanceof Promise) outcome.then((done) => record(done.status, done.code), fail);
    else record(outcome.status, outcome.code);
  };
}

interface Outcome {
  status: number;
  code: string | null;
}

const ANSWERED: Outcome = { status: 200, code: null };
/** Status 0 in the log means the connection was cut without an answer. */
const CONNECTION_RESET: Outcome = { status: 0, code: "ConnectionReset" };
/** The client gave up (timed out) before the delayed answer was ready; the mutation stands. */
const CLIENT_GONE: Outcome = { status: 0, code: "ClientClosedRequest" };

/**
 * Synchronous as far as it can go: a call without a body, fault or state file to wait for is
 * answered in the same turn, with no promise per call (that bookkeeping was a visible part of
 * a cached describe's cost). Throws (or rejects) ApiError for the caller to answer.
 */
function serveCall(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  call: CallRecord,
  deps: ApiHandlerDeps,
): Outcome | Promise<Outcome> {
  const method = req.method ?? "";
  if (method !== "POST" && method !== "GET") throw unsupportedHttpMethod(method);
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== "/") throw unknownPath(path);
  const query = q < 0 ? "" : url.slice(q + 1);

  const body = bodyOf(req);
  return body instanceof Promise
    ? body.then((bytes) => serveWithBody(req, res, requestId, call, deps, method, query, bytes))
    : serveWithBody(req, res, requestId, call, deps, method, query, body);
}

function serveWithBody(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  call: CallRecord,
  deps: ApiHandlerDeps,
  method: string,
  query: string,
  body: Buffer,
): Outcome | Promise<Outcome> {
  const parsed = queries.parse(query);
  const queryPairs = parsed.pairs;
  let bodyPairs = NO_PAIRS;
  if (body.length > 0 && isForm(req)) {
    bodyPairs = [];
    parseParamString(body.toString("utf8"), bodyPairs, new Set(parsed.keys));
  }

  // Provisional, for the log of a call that fails authentication.
  call.action = headerOrParam(req, "x-acs-action", queryPairs, bodyPairs, "Action") ?? null;
  const provisionalVersion = headerOrParam(req, "x-acs-version", queryPairs, bodyPairs, "Version");
  call.product = provisionalVersion === undefined ? null : PRODUCT_BY_VERSION.get(provisionalVersion) ?? null;
  call.params = bodyPairs.length === 0 ? parsed.params : toRawParams(queryPairs, bodyPairs);

  const { accessKeyId, scheme } = deps.authenticator.authenticate({ method, headers: req.headers, queryPairs, bodyPairs, body });
  // Route only on what the signature covers: ACS3 signs the x-acs-* headers, the legacy
  // signature only the parameters (so an unsigned header cannot redirect a replayed call).
  const signedOnly = scheme === "rpc-hmac-sha1";
  const action = signedOnly ? paramOf(queryPairs, bodyPairs, "Action") : call.action ?? undefined;
  const version = signedOnly ? paramOf(queryPairs, bodyPairs, "Version") : provisionalVersion;
  if (action === undefined) throw missingParameter("Action");
  if (version === undefined) throw missingParameter("Version");
  call.action = action;
  call.product = PRODUCT_BY_VERSION.get(version) ?? null;
  const definition = deps.router.resolve(version, action);
  // The table's own string (equal to the header's): the request log keeps it, not a per-call copy.
  call.action = definition.name;
  const context: ActionContext = { action, params: call.params, store: deps.store, requestId, accessKeyId };

  const decision = deps.faults.decide(action);
  if (decision === null && !(definition.mutates && deps.persist !== null)) {
    writeResult(res, requestId, definition.handle(context));
    return ANSWERED;
  }
  return serveWithEffects(req, res, call, deps, definition, context, decision);
}

/** A call with a fault to apply or a mutation to persist before it is answered. */
async function serveWithEffects(
  req: IncomingMessage,
  res: ServerResponse,
  call: CallRecord,
  deps: ApiHandlerDeps,
  definition: ActionDefinition,
  context: ActionContext,
  decision: FaultDecision | null,
): Promise<Outcome> {
  if (decision !== null) {
    call.fault = decision.label;
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const early = applyBeforeCommit(decision, res);
    if (early !== null) return early;
  }

  const result = definition.handle(context);
  if (definition.mutates && deps.persist !== null) await deps.persist();

  if (decision?.outcome?.kind === "timeout-after-commit") {
    await sleep(decision.outcome.ms);
    if (res.destroyed || req.socket.destroyed) return CLIENT_GONE;
  } else if (decision?.outcome?.kind === "reset-after-commit") {
    res.destroy();
    return CONNECTION_RESET;
  }
  writeResult(res, context.requestId, result);
  return ANSWERED;
}

/** Faults that replace the call: nothing is committed. */
function applyBeforeCommit(decision: FaultDecision, res: ServerResponse): Outcome | null {
  const outcome = decision.outcome;
  if (outcome === null) return null;
  switch (outcome.kind) {
    case "throttle":
      throw throttled(outcome.retryAfterMs);
    case "error500":
      throw internalError();
    case "reset":
      res.destroy();
      return CONNECTION_RESET;
    case "timeout-after-commit":
    case "reset-after-commit":
      return null;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
