/**
 * Alibaba VPC flow-log fields, read by name: which columns a file has, and how a field's text
 * becomes a FlowLogRecord value. Shared by the CSV reader (for quoted lines) and the JSON-lines
 * reader; the CSV fast path decodes the same rules straight from bytes.
 */
import { TrafficFormatError } from "./errors";
import type { FlowLogRecord } from "./records";

/** Every field of DESIGN.md's list; others are tolerated and ignored. */
export const FLOW_LOG_FIELDS = [
  "version",
  "vswitch-id",
  "vm-id",
  "vpc-id",
  "account-id",
  "eni-id",
  "region",
  "srcaddr",
  "srcport",
  "dstaddr",
  "dstport",
  "protocol",
  "direction",
  "packets",
  "bytes",
  "start",
  "end",
  "log-status",
  "action",
  "tcp-flags",
] as const;
export type FlowLogField = (typeof FLOW_LOG_FIELDS)[number];

export const REQUIRED_FLOW_LOG_FIELDS: readonly FlowLogField[] = ["eni-id", "direction", "srcaddr", "dstaddr"];

/** Where each field we read sits in a CSV row (-1 = column absent). */
export interface FlowLogColumns {
  readonly count: number;
  readonly eniId: number;
  readonly direction: number;
  readonly srcaddr: number;
  readonly dstaddr: number;
  readonly srcport: number;
  readonly dstport: number;
  readonly protocol: number;
  readonly packets: number;
  readonly bytes: number;
  readonly action: number;
  readonly vmId: number;
  readonly vswitchId: number;
  readonly logStatus: number;
  /** Header names as written, for messages. */
  readonly names: readonly string[];
}

/** `eni_id`, `ENI-ID` and ` "eni-id" ` all name the field eni-id. */
export function normaliseFieldName(name: string): string {
  return name.trim().replace(/^"(.*)"$/, "$1").trim().toLowerCase().replace(/_/g, "-");
}

export function columnsFromHeader(names: readonly string[], file: string, line: number): FlowLogColumns {
  const normalised = names.map(normaliseFieldName);
  const index = (field: FlowLogField): number => normalised.indexOf(field);
  const missing = REQUIRED_FLOW_LOG_FIELDS.filter((field) => index(field) < 0);
  if (missing.length > 0) {
    throw new TrafficFormatError({
      code: "BAD_FLOW_LOG",
      file,
      at: { line },
      expected: `a CSV header naming the columns ${REQUIRED_FLOW_LOG_FIELDS.join(", ")} (missing: ${missing.join(", ")})`,
      found: JSON.stringify(names.join(",")),
    });
  }
  return {
    count: names.length,
    eniId: index("eni-id"),
    direction: index("direction"),
    srcaddr: index("srcaddr"),
    dstaddr: index("dstaddr"),
    srcport: index("srcport"),
    dstport: index("dstport"),
    protocol: index("protocol"),
    packets: index("packets"),
    bytes: index("bytes"),
    action: index("action"),
    vmId: index("vm-id"),
    vswitchId: index("vswitch-id"),
    logStatus: index("log-status"),
    names,
  };
}

export function createFlowLogRecord(): FlowLogRecord {
  return { eniId: "", direction: "in", srcIp: 0, dstIp: 0, srcPort: 0, dstPort: 0, protocol: 0, packets: 0, bytes: 0 };
}

/** Flow-log statuses whose records carry no traffic (no addresses): counted as ignored. */
export function isNoDataStatus(status: string): boolean {
  return status === "NODATA" || status === "SKIPDATA";
}

export function badField(file: string, line: number, field: string, value: string, expected: string): TrafficFormatError {
  const shown = value.length > 60 ? `${value.slice(0, 60)}...` : value;
  return new TrafficFormatError({ code: "BAD_FLOW_LOG", file, at: { line }, expected: `field ${field}: ${expected}`, found: JSON.stringify(shown) });
}

export const EXPECT_IPV4 = "an IPv4 address a.b.c.d";
export const EXPECT_DIRECTION = "in or out";
export const EXPECT_ENI = "an ENI id";
export const EXPECT_PORT = "a port 0..65535 (or - when absent)";
export const EXPECT_PROTOCOL = "an IP protocol number 0..255 or tcp/udp/icmp (or - when absent)";
export const EXPECT_COUNT = "a non-negative integer (or - when absent)";

const PROTOCOL_NAMES: Readonly<Record<string, number>> = { tcp: 6, udp: 17, icmp: 1 };

/** Parses a dotted quad strictly; -1 when it is not one. */
export function parseIpv4Text(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4) return -1;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return -1;
    const octet = Number(part);
    if (octet > 255) return -1;
    value = value * 256 + octet;
  }
  return value;
}

/** A non-negative integer up to `max`; absent (`-` or empty) is 0; -1 when malformed. */
export function parseCountText(text: string, max: number): number {
  if (text === "" || text === "-") return 0;
  if (!/^[0-9]{1,16}$/.test(text)) return -1;
  const value = Number(text);
  return value <= max ? value : -1;
}

export function parseProtocolText(text: string): number {
  const named = PROTOCOL_NAMES[text.toLowerCase()];
  return named ?? parseCountText(text, 255);
}

/** Reads one field's text (undefined = column or key absent). */
export type FieldText = (field: FlowLogField) => string | undefined;

/**
 * Fills `record` from field texts; returns false when the record carries no traffic (NODATA).
 * Throws (via `badField`) naming the line and field on a malformed value.
 */
export function fillFromText(record: FlowLogRecord, text: FieldText, file: string, line: number): boolean {
  const status = text("log-status");
  if (status !== undefined && isNoDataStatus(status.trim().toUpperCase())) return false;
  const eniId = (text("eni-id") ?? "").trim();
  if (eniId === "" || eniId === "-") throw badField(file, line, "eni-id", eniId, EXPECT_ENI);
  const direction = (text("direction") ?? "").trim();
  if (direction !== "in" && direction !== "out") throw badField(file, line, "direction", direction, EXPECT_DIRECTION);
  record.eniId = eniId;
  record.direction = direction;
  record.srcIp = requireIp(text, "srcaddr", file, line);
  record.dstIp = requireIp(text, "dstaddr", file, line);
  record.srcPort = optionalNumber(text, "srcport", 65535, EXPECT_PORT, file, line);
  record.dstPort = optionalNumber(text, "dstport", 65535, EXPECT_PORT, file, line);
  const protocolText = (text("protocol") ?? "").trim();
  const protocol = parseProtocolText(protocolText);
  if (protocol < 0) throw badField(file, line, "protocol", protocolText, EXPECT_PROTOCOL);
  record.protocol = protocol;
  record.packets = optionalNumber(text, "packets", Number.MAX_SAFE_INTEGER, EXPECT_COUNT, file, line);
  record.bytes = optionalNumber(text, "bytes", Number.MAX_SAFE_INTEGER, EXPECT_COUNT, file, line);
  record.action = optionalString(text("action"));
  record.vmId = optionalString(text("vm-id"));
  record.vswitchId = optionalString(text("vswitch-id"));
  return true;
}

function requireIp(text: FieldText, field: FlowLogField, file: string, line: number): number {
  const value = (text(field) ?? "").trim();
  const ip = parseIpv4Text(value);
  if (ip < 0) throw badField(file, line, field, value, EXPECT_IPV4);
  return ip;
}

function optionalNumber(text: FieldText, field: FlowLogField, max: number, expected: string, file: string, line: number): number {
  const value = (text(field) ?? "").trim();
  const parsed = parseCountText(value, max);
  if (parsed < 0) throw badField(file, line, field, value, expected);
  return parsed;
}

function optionalString(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" || trimmed === "-" ? undefined : trimmed;
}

/** Where `field` sits in a row (-1: absent, or a field the record does not carry). */
export function columnIndex(columns: FlowLogColumns, field: FlowLogField): number {
  switch (field) {
    case "eni-id":
      return columns.eniId;
    case "direction":
      return columns.direction;
    case "srcaddr":
      return columns.srcaddr;
    case "dstaddr":
      return columns.dstaddr;
    case "srcport":
      return columns.srcport;
    case "dstport":
      return columns.dstport;
    case "protocol":
      return columns.protocol;
    case "packets":
      return columns.packets;
    case "bytes":
      return columns.bytes;
    case "action":
      return columns.action;
    case "vm-id":
      return columns.vmId;
    case "vswitch-id":
      return columns.vswitchId;
    case "log-status":
      return columns.logStatus;
    default:
      // Fields the record does not carry.
      return -1;
  }
}
