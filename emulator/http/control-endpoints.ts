import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector } from "../faults/fault-injector";
import { FaultSpecError, parseFaultSpec } from "../faults/fault-spec";
import type { EmulatorStore } from "../state/store";
import type { RequestLog } from "./request-log";
import { writeJson } from "./response-writer";

export const CONTROL_PREFIX = "/__emulator/";

export interface ControlDeps {
  readonly store: EmulatorStore;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const MAX_CONTROL_BODY = 64 * 1024;

interface ControlError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly token?: string;
}

const fail = (res: ServerResponse, error: ControlError): void => writeJson(res, error.status, { error: error });

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > MAX_CONTROL_BODY) reject(new Error(`control request body is larger than ${MAX_CONTROL_BODY} bytes`));
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

/** `{"spec": "..."}` (JSON) or the bare spec text; returns the spec string or an error to answer with. */
function specFromBody(text: string, contentType: string | undefined): string | ControlError {
  if (contentType === undefined || !contentType.startsWith("application/json")) return text;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { status: 400, code: "EMULATOR_BAD_CONTROL_BODY", message: "The body is not valid JSON; send {\"spec\": \"...\"}." };
  }
  const spec = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>)["spec"] : undefined;
  if (typeof spec !== "string") {
    return { status: 400, code: "EMULATOR_BAD_CONTROL_BODY", message: 'The JSON body needs a string field "spec", e.g. {"spec": "*:throttle#1"}.' };
  }
  return spec;
}

/**
 * Unauthenticated introspection for tests and demos. Only loopback callers are served: the
 * endpoints reveal and change state without a signature.
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, deps: ControlDeps): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) {
    fail(res, { status: 403, code: "EMULATOR_CONTROL_LOOPBACK_ONLY", message: "Control endpoints answer loopback callers only." });
    return;
  }
  const url = new URL(req.url ?? "/", "http://emulator");
  const route = `${req.method ?? ""} ${url.pathname}`;
  switch (route) {
    case "GET /__emulator/faults":
      writeJson(res, 200, deps.faults.status());
      return;
    case "PUT /__emulator/faults":
      return putFaults(req, res, deps.faults);
    case "DELETE /__emulator/faults":
      deps.faults.clear();
      writeJson(res, 200, deps.faults.status());
      return;
    case "GET /__emulator/state":
      writeJson(res, 200, deps.store.snapshot());
      return;
    case "GET /__emulator/requests": {
      const action = url.searchParams.get("action") ?? undefined;
      writeJson(res, 200, { requests: deps.log.list(action) });
      return;
    }
    case "DELETE /__emulator/requests":
      deps.log.clear();
      writeJson(res, 200, { requests: [] });
      return;
    case "GET /__emulator/health":
      writeJson(res, 200, { ok: true });
      return;
    default:
      fail(res, {
        status: 404,
        code: "EMULATOR_CONTROL_NOT_FOUND",
        message: `No control endpoint "${route}"; there are GET|PUT|DELETE /__emulator/faults, GET /__emulator/state, GET|DELETE /__emulator/requests, GET /__emulator/health.`,
      });
  }
}

async function putFaults(req: IncomingMessage, res: ServerResponse, faults: FaultInjector): Promise<void> {
  let text: string;
  try {
    text = await readText(req);
  } catch (error) {
    fail(res, { status: 400, code: "EMULATOR_BAD_CONTROL_BODY", message: (error as Error).message });
    return;
  }
  const spec = specFromBody(text, req.headers["content-type"]);
  if (typeof spec !== "string") {
    fail(res, spec);
    return;
  }
  try {
    faults.set(parseFaultSpec(spec));
  } catch (error) {
    if (!(error instanceof FaultSpecError)) throw error;
    fail(res, { status: 400, code: error.code, message: error.message, token: error.token });
    return;
  }
  writeJson(res, 200, faults.status());
}
