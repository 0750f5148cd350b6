/**
 * Errors of the traffic readers. Every one names the file, where in it (byte offset for binary
 * captures, line for text formats) and what was expected there, because the user's next step is
 * to open that file at that place. Callers branch on `code`, never on the message.
 */

export type TrafficErrorCode =
  /** The content matches none of the supported formats. */
  | "UNKNOWN_FORMAT"
  /** The file cannot be opened or read. */
  | "UNREADABLE"
  /** The file ends inside a header, block or record. */
  | "TRUNCATED"
  /** A pcap/pcapng file or section header is malformed. */
  | "BAD_CAPTURE_HEADER"
  /** A pcap record header or pcapng block is malformed (lengths, ids). */
  | "BAD_CAPTURE_RECORD"
  /** A captured frame cannot be decoded (link-layer or IPv4 header). */
  | "BAD_FRAME"
  /** The capture's link type is not one we decode. */
  | "UNSUPPORTED_LINK_TYPE"
  /** A flow-log header, line or field is malformed. */
  | "BAD_FLOW_LOG"
  /** A declared-flows document is malformed or a flow fails validation. */
  | "BAD_DECLARED_FLOWS";

/** Where in the file the problem is: a byte offset (binary) or a 1-based line (text). */
export type TrafficErrorLocation = { readonly offset: number } | { readonly line: number } | Record<string, never>;

export interface TrafficFormatErrorInit {
  readonly code: TrafficErrorCode;
  readonly file: string;
  readonly at: TrafficErrorLocation;
  /** What the reader expected at that place, e.g. "a pcap record header with caplen <= 65535". */
  readonly expected: string;
  /** What it found instead, if that helps (a value, a byte count). */
  readonly found?: string;
}

export class TrafficFormatError extends Error {
  override readonly name = "TrafficFormatError";
  readonly code: TrafficErrorCode;
  readonly file: string;
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly expected: string;
  readonly found: string | undefined;

  constructor(init: TrafficFormatErrorInit) {
    super(describe(init));
    this.code = init.code;
    this.file = init.file;
    this.offset = "offset" in init.at ? init.at.offset : undefined;
    this.line = "line" in init.at ? init.at.line : undefined;
    this.expected = init.expected;
    this.found = init.found;
  }
}

function describe(init: TrafficFormatErrorInit): string {
  const where = "offset" in init.at ? `byte offset ${init.at.offset}` : "line" in init.at ? `line ${init.at.line}` : "";
  const head = where === "" ? init.file : `${init.file}: ${where}`;
  const found = init.found === undefined ? "" : `, found ${init.found}`;
  return `${head}: expected ${init.expected}${found}`;
}

/** How many skip reasons a lenient read keeps for its summary (the count is always exact). */
export const SKIPPED_SAMPLE_LIMIT = 5;
