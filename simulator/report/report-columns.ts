/** The column definitions of the report's tables, shared by the terminal table and HTML. */
import type { CheckReport, DropRow, Finding, FindingKind, FlowRow, InstanceMetadataReads } from "../model/check-report";
import { isSuccess } from "../model/disposition";
import { tokenReadiness, type TokenReadiness } from "../model/metadata-findings";
import type { Tone } from "./ansi-style";
import type { Column } from "./columns";
import { formatBytes, formatCount } from "./number-format";

export const ARROW = "→";

export function findingTone(kind: FindingKind): Tone {
  switch (kind) {
    case "must-disable":
      return "bad";
    case "can-enable":
      return "good";
    case "unsupported-region":
    case "policy-routing":
    case "metadata-token":
      return "warn";
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** `✓` as expected, `✗` not as expected, `—` nothing was expected. */
export function expectMark(flow: FlowRow): string {
  if (flow.expect === undefined) return "—";
  return flow.asExpected ? "✓" : "✗";
}

export function protoPort(flow: FlowRow): string {
  return flow.dstPort === undefined ? flow.protocol : `${flow.protocol}/${flow.dstPort}`;
}

export const DROP_COLUMNS: readonly Column<DropRow>[] = [
  { name: "eni", header: "ENI", align: "left", minWidth: 8, maxWidth: 28, shrink: 1, cell: (d) => d.eni, tone: () => "strong" },
  { name: "direction", header: "DIRECTION", align: "left", minWidth: 7, maxWidth: 9, shrink: 0, cell: (d) => d.direction },
  { name: "reason", header: "REASON", align: "left", minWidth: 8, maxWidth: 15, shrink: 2, cell: (d) => d.reason, tone: () => "bad" },
  { name: "flow", header: `SRC ${ARROW} DST`, align: "left", minWidth: 24, maxWidth: 40, shrink: 1, cell: (d) => `${d.src} ${ARROW} ${d.dst}${d.flow === undefined ? "" : ` · ${d.flow}`}` },
  { name: "count", header: "PACKETS", align: "right", minWidth: 8, maxWidth: 15, shrink: 0, cell: (d) => (d.flow === undefined || d.measured === true ? formatCount(d.count) : "declared") },
  { name: "bytes", header: "BYTES", align: "right", minWidth: 6, maxWidth: 12, shrink: 0, cell: (d) => (d.flow === undefined || d.measured === true ? formatBytes(d.bytes) : "—") },
];

export const FINDING_COLUMNS: readonly Column<Finding>[] = [
  { name: "eni", header: "ENI", align: "left", minWidth: 8, maxWidth: 28, shrink: 1, cell: (f) => f.eni, tone: () => "strong" },
  { name: "kind", header: "KIND", align: "left", minWidth: 8, maxWidth: 18, shrink: 1, cell: (f) => f.kind, tone: (f) => findingTone(f.kind) },
  { name: "scenario", header: "SCENARIO", align: "left", minWidth: 5, maxWidth: 13, shrink: 1, cell: (f) => f.scenario ?? "—" },
  { name: "message", header: "MESSAGE", align: "left", minWidth: 16, maxWidth: 90, shrink: 3, cell: (f) => f.message },
  { name: "fix", header: "FIX", align: "left", minWidth: 10, maxWidth: 50, shrink: 2, cell: (f) => f.fix ?? "—", tone: (f) => (f.fix === undefined ? "muted" : "good") },
];

export const FLOW_COLUMNS: readonly Column<FlowRow>[] = [
  { name: "name", header: "FLOW", align: "left", minWidth: 8, maxWidth: 30, shrink: 2, cell: (f) => f.name, tone: () => "strong" },
  { name: "flow", header: `SRC ${ARROW} DST`, align: "left", minWidth: 24, maxWidth: 40, shrink: 1, cell: (f) => `${f.src} ${ARROW} ${f.dst}` },
  { name: "protocol", header: "PROTO/PORT", align: "left", minWidth: 6, maxWidth: 10, shrink: 0, cell: protoPort },
  {
    name: "disposition",
    header: "DISPOSITION",
    align: "left",
    minWidth: 8,
    maxWidth: 14,
    shrink: 0,
    cell: (f) => f.disposition,
    tone: (f) => (isSuccess(f.disposition) ? "good" : "bad"),
  },
  {
    name: "expect",
    header: "EXPECT",
    align: "left",
    minWidth: 6,
    maxWidth: 16,
    shrink: 0,
    cell: (f) => (f.expect === undefined ? "—" : `${expectMark(f)} ${f.expect}`),
    tone: (f) => (f.expect === undefined ? "muted" : f.asExpected ? "good" : "bad"),
  },
];

/** One instance of the report's `metadata` section. */
export type MetadataRow = InstanceMetadataReads & { readonly instance: string };

export function metadataRows(report: CheckReport): MetadataRow[] {
  return Object.entries(report.metadata ?? {}).map(([instance, reads]) => ({ instance, ...reads }));
}

const count = (n: number): string => (n === 0 ? "—" : formatCount(n));
const READINESS_TEXT: Record<TokenReadiness, string> = { breaks: "breaks (requests without a token)", "headers-cut": "cannot tell (headers cut)", ready: "ready", "no-heads": "cannot tell (no HTTP heads)" };
const READINESS_TONE: Record<TokenReadiness, Tone> = { breaks: "bad", "headers-cut": "warn", ready: "good", "no-heads": "warn" };

export const METADATA_COLUMNS: readonly Column<MetadataRow>[] = [
  { name: "instance", header: "INSTANCE", align: "left", minWidth: 8, maxWidth: 28, shrink: 1, cell: (m) => m.instance, tone: () => "strong" },
  { name: "httpTokens", header: "TOKENS", align: "left", minWidth: 6, maxWidth: 17, shrink: 0, cell: (m) => (m.httpEndpoint === "disabled" ? "endpoint off" : m.httpTokens) },
  { name: "packets", header: "PACKETS", align: "right", minWidth: 7, maxWidth: 12, shrink: 0, cell: (m) => formatCount(m.packets) },
  { name: "withoutToken", header: "NO TOKEN", align: "right", minWidth: 8, maxWidth: 10, shrink: 0, cell: (m) => count(m.requests.withoutToken), tone: (m) => (m.requests.withoutToken > 0 ? "bad" : "muted") },
  { name: "withToken", header: "TOKEN", align: "right", minWidth: 5, maxWidth: 10, shrink: 0, cell: (m) => count(m.requests.withToken + m.requests.tokenRequests) },
  { name: "unreadable", header: "CUT", align: "right", minWidth: 3, maxWidth: 10, shrink: 0, cell: (m) => count(m.requests.unreadable) },
  {
    name: "breaksIfTokensRequired",
    header: "UNDER httpTokens: required",
    align: "left",
    minWidth: 10,
    maxWidth: 40,
    shrink: 2,
    cell: (m) => READINESS_TEXT[tokenReadiness(m.requests)],
    tone: (m) => READINESS_TONE[tokenReadiness(m.requests)],
  },
];
