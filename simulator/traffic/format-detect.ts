/**
 * Which traffic format a file holds, decided from its first bytes only (never its name: captures
 * arrive as `.cap`, `.dmp`, `.out`, and SLS exports as `.txt`).
 */
import { PCAP_MAGIC_MICROS, PCAP_MAGIC_NANOS } from "./pcap-reader";
import { PCAPNG_SHB_TYPE } from "./pcapng-reader";
import type { TrafficFormat } from "./records";

/** How much of the file detection looks at. */
export const DETECT_HEAD_BYTES = 64 * 1024;

export const EXPECTED_FORMATS =
  "a pcap or pcapng capture, a VPC flow log (CSV with a header naming eni-id, direction, srcaddr, dstaddr; or JSON lines), or declared flows (YAML/JSON with a top-level `flows:` list)";

export function detectFormat(head: Buffer): TrafficFormat | undefined {
  if (head.length >= 4) {
    const le = head.readUInt32LE(0);
    const be = head.readUInt32BE(0);
    if (le === PCAP_MAGIC_MICROS || le === PCAP_MAGIC_NANOS || be === PCAP_MAGIC_MICROS || be === PCAP_MAGIC_NANOS) return "pcap";
    if (be === PCAPNG_SHB_TYPE) return "pcapng";
  }
  return detectTextFormat(head.toString("utf8"));
}

function detectTextFormat(text: string): TrafficFormat | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = firstContentLine(body);
  if (first === undefined) return undefined;
  if (first.startsWith("{")) return detectJson(first, body);
  if (/^flows\s*:/m.test(body) || /^\s*\{?\s*"flows"\s*:/.test(body)) return "flows";
  if (first.includes(",") && /(^|[,"\s])eni[-_]id([,"\s]|$)/i.test(first)) return "flowlog-csv";
  return undefined;
}

/** A JSON-lines flow log has a complete object on its first line; a JSON flows document does not need to. */
function detectJson(first: string, body: string): TrafficFormat | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(first);
  } catch {
    return /"flows"\s*:/.test(body) ? "flows" : undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  return "flows" in parsed ? "flows" : "flowlog-jsonl";
}

/** The first line that is not blank, a YAML comment or a document marker. */
function firstContentLine(text: string): string | undefined {
  let from = 0;
  while (from < text.length) {
    const newline = text.indexOf("\n", from);
    const line = (newline < 0 ? text.slice(from) : text.slice(from, newline)).trim();
    if (line !== "" && !line.startsWith("#") && line !== "---") return line;
    if (newline < 0) break;
    from = newline + 1;
  }
  return undefined;
}
