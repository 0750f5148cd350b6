/**
 * Reads the start of an HTTP request to the ECS instance metadata service from a captured TCP
 * payload: does it carry a session token (X-aliyun-ecs-metadata-token), is it the token request
 * itself (PUT /latest/api/token), or would it be refused once the instance requires tokens
 * (httpTokens=required)? DESIGN.md: show who would break from captures before enforcing.
 *
 * Only segments to 100.100.100.200:80 get here, so the string work (one latin1 copy of the
 * captured payload) never touches the hot path of ordinary packets.
 */

/** 100.100.100.200 as uint32. */
export const METADATA_SERVICE_IP = 0x646464c8;
export const METADATA_SERVICE_PORT = 80;

/** Not a request to the metadata service (every other packet, and later segments of one). */
export const METADATA_NONE = -1;
/** A request without a token: refused under httpTokens=required. */
export const METADATA_WITHOUT_TOKEN = 0;
/** A request carrying X-aliyun-ecs-metadata-token. */
export const METADATA_WITH_TOKEN = 1;
/** The token request itself (PUT /latest/api/token): the client already speaks the hardened mode. */
export const METADATA_TOKEN_REQUEST = 2;
/** A request whose headers the snaplen cut off before they ended: cannot tell. */
export const METADATA_UNKNOWN = 3;
/** How many request kinds there are (METADATA_WITHOUT_TOKEN .. METADATA_UNKNOWN, from 0): a per-kind table's stride. */
export const METADATA_KINDS = 4;

export type MetadataRequestKind =
  | typeof METADATA_NONE
  | typeof METADATA_WITHOUT_TOKEN
  | typeof METADATA_WITH_TOKEN
  | typeof METADATA_TOKEN_REQUEST
  | typeof METADATA_UNKNOWN;

const METHODS = ["GET ", "PUT ", "HEAD ", "POST ", "DELETE ", "OPTIONS "];
const TOKEN_HEADER = "\r\nx-aliyun-ecs-metadata-token:";
const TOKEN_PATH = "/latest/api/token";
/** Request headers worth reading; a longer head is not a metadata client's. */
const MAX_HEAD = 4096;

/** Classifies the captured payload `buf[start, end)` of a segment sent to the metadata service. */
export function classifyMetadataRequest(buf: Buffer, start: number, end: number): MetadataRequestKind {
  if (end <= start) return METADATA_NONE;
  const head = buf.toString("latin1", start, Math.min(end, start + MAX_HEAD));
  const method = METHODS.find((m) => head.startsWith(m));
  if (method === undefined) return METADATA_NONE;
  const lower = head.toLowerCase();
  if (method === "PUT " && lower.startsWith(TOKEN_PATH, method.length)) return METADATA_TOKEN_REQUEST;
  const headersEnd = lower.indexOf("\r\n\r\n");
  const token = lower.indexOf(TOKEN_HEADER);
  if (token >= 0 && (headersEnd < 0 || token < headersEnd)) return METADATA_WITH_TOKEN;
  return headersEnd >= 0 ? METADATA_WITHOUT_TOKEN : METADATA_UNKNOWN;
}
