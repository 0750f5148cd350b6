/** Declared columns of `eni-sim diff` tables: base (--from) and delta (--to) side by side. */
import type { DiffChange, DropDiffRow, FlowDiffRow } from "../model/diff-report";
import type { Tone } from "./ansi-style";
import type { Column } from "./columns";
import { formatCount } from "./number-format";
import { ARROW } from "./report-columns";

export function changeTone(change: DiffChange): Tone {
  switch (change) {
    case "starts-dropping":
      return "bad";
    case "stops-dropping":
      return "good";
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

const protoPort = (f: FlowDiffRow): string => (f.dstPort === undefined ? f.protocol : `${f.protocol}/${f.dstPort}`);

export const FLOW_DIFF_COLUMNS: readonly Column<FlowDiffRow>[] = [
  { name: "name", header: "FLOW", align: "left", minWidth: 8, maxWidth: 30, shrink: 2, cell: (f) => f.name, tone: () => "strong" },
  { name: "flow", header: `SRC ${ARROW} DST`, align: "left", minWidth: 24, maxWidth: 40, shrink: 1, cell: (f) => `${f.src} ${ARROW} ${f.dst}` },
  { name: "protocol", header: "PROTO/PORT", align: "left", minWidth: 6, maxWidth: 10, shrink: 0, cell: protoPort },
  { name: "baseDisposition", header: "BASE", align: "left", minWidth: 8, maxWidth: 14, shrink: 1, cell: (f) => f.baseDisposition ?? "—" },
  { name: "deltaDisposition", header: "DELTA", align: "left", minWidth: 8, maxWidth: 14, shrink: 1, cell: (f) => f.deltaDisposition ?? "—" },
  { name: "change", header: "CHANGE", align: "left", minWidth: 8, maxWidth: 15, shrink: 0, cell: (f) => f.change, tone: (f) => changeTone(f.change) },
];

export const DROP_DIFF_COLUMNS: readonly Column<DropDiffRow>[] = [
  { name: "eni", header: "ENI", align: "left", minWidth: 8, maxWidth: 28, shrink: 1, cell: (d) => d.eni, tone: () => "strong" },
  { name: "direction", header: "DIRECTION", align: "left", minWidth: 7, maxWidth: 9, shrink: 0, cell: (d) => d.direction },
  { name: "reason", header: "REASON", align: "left", minWidth: 8, maxWidth: 15, shrink: 2, cell: (d) => d.reason },
  { name: "flow", header: `SRC ${ARROW} DST`, align: "left", minWidth: 24, maxWidth: 40, shrink: 1, cell: (d) => `${d.src} ${ARROW} ${d.dst}` },
  { name: "baseCount", header: "BASE PKTS", align: "right", minWidth: 9, maxWidth: 15, shrink: 0, cell: (d) => formatCount(d.baseCount) },
  { name: "deltaCount", header: "DELTA PKTS", align: "right", minWidth: 10, maxWidth: 15, shrink: 0, cell: (d) => formatCount(d.deltaCount) },
  { name: "change", header: "CHANGE", align: "left", minWidth: 8, maxWidth: 15, shrink: 0, cell: (d) => d.change, tone: (d) => changeTone(d.change) },
];
