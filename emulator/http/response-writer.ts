import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { RENDERED_JSON } from "../actions/action";
import type { ApiError } from "../errors";

/** A random UUID per process whose last group is replaced by a counter: unique, and cheap per call. */
const REQUEST_ID_PREFIX = randomUUID().toUpperCase().slice(0, 24);
let requestCounter = 0;

/** RequestIds look like the cloud's: an upper-case UUID. */
export const newRequestId = (): string =>
  REQUEST_ID_PREFIX + (++requestCounter).toString(16).toUpperCase().padStart(12, "0");

const JSON_TYPE = "application/json;charset=utf-8";

/** Writes `{"RequestId": ..., ...body}` with status 200. */
export function writeResult(res: ServerResponse, requestId: string, body: Record<string, unknown>): void {
  const rendered = (body as { [RENDERED_JSON]?: unknown })[RENDERED_JSON];
  if (Buffer.isBuffer(rendered) && rendered.length > 2) {
    // Already encoded (a cached page). The RequestId prefix and the shared bytes go out as two
    // chunks of one write (the socket is corked until end()), so the page is never copied.
    const head = `{"RequestId":"${requestId}",`;
    const tail = rendered.subarray(1);
    res.writeHead(200, resultHeaders(requestId, Buffer.byteLength(head) + tail.length));
    res.write(head);
    res.end(tail);
    return;
  }
  const rest = JSON.stringify(body);
  // Splice RequestId in front instead of copying the body into a new object on the hot path.
  const text = rest === "{}" ? `{"RequestId":"${requestId}"}` : `{"RequestId":"${requestId}",${rest.slice(1)}`;
  const bytes = Buffer.from(text, "utf8");
  res.writeHead(200, resultHeaders(requestId, bytes.length));
  res.end(bytes);
}

/**
 * The headers of a success, in the order writeJsonBytes gives an error's. A literal of one
 * fixed shape: spreading a headers object into a new one here cost V8 a slow property
 * definition on every call.
 */
const resultHeaders = (requestId: string, length: number): Record<string, string | number> => ({
  "x-acs-request-id": requestId,
  "content-type": JSON_TYPE,
  "content-length": length,
});

/** The cloud's error envelope with the error's HTTP status and extra headers (x-acs-retry-after). */
export function writeApiError(res: ServerResponse, requestId: string, error: ApiError): void {
  const text = JSON.stringify({ RequestId: requestId, Code: error.code, Message: error.message });
  writeJsonText(res, error.httpStatus, text, { ...error.headers, "x-acs-request-id": requestId });
}

export function writeJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  // Encoded once: the length and the body come from the same bytes.
  writeJsonBytes(res, status, Buffer.from(text, "utf8"), headers);
}

function writeJsonBytes(res: ServerResponse, status: number, body: Buffer, headers: Readonly<Record<string, string>>): void {
  res.writeHead(status, {
    ...headers,
    "content-type": JSON_TYPE,
    "content-length": body.length,
  });
  res.end(body);
}

export function writeJson(res: ServerResponse, status: number, value: unknown): void {
  writeJsonText(res, status, JSON.stringify(value, null, 2) + "\n");
}
