/**
 * Every answer is a table with declared columns (after pybatfish's TableMetadata): a name, a
 * schema, a description, and whether it is part of the row's key. Renderers (table, JSON,
 * HTML) lay rows out from these declarations instead of knowing each row type by heart; `diff`
 * uses the key columns to pair base and delta rows.
 */
import type { DropRow, Finding, FlowRow } from "./check-report";

export type ColumnSchema = "string" | "integer" | "bytes" | "boolean" | "disposition" | "list<string>";

export interface ColumnMetadata<Row> {
  readonly name: keyof Row & string;
  readonly schema: ColumnSchema;
  readonly description: string;
  /** Key columns identify a row; value columns describe it. */
  readonly isKey: boolean;
}

export type TableColumns<Row> = readonly ColumnMetadata<Row>[];

export const DROP_COLUMNS: TableColumns<DropRow> = [
  { name: "eni", schema: "string", description: "ENI whose check drops the traffic", isKey: true },
  { name: "direction", schema: "string", description: "ingress (to the ENI) or egress (from it)", isKey: true },
  { name: "reason", schema: "string", description: "not-destination (ingress) or spoofed-source (egress)", isKey: true },
  { name: "src", schema: "string", description: "source address of the dropped packets", isKey: true },
  { name: "dst", schema: "string", description: "destination address of the dropped packets", isKey: true },
  { name: "count", schema: "integer", description: "packets dropped (1 per declared flow)", isKey: false },
  { name: "bytes", schema: "bytes", description: "bytes dropped", isKey: false },
  { name: "flow", schema: "string", description: "the declared flow, when the row comes from one", isKey: false },
  { name: "measured", schema: "boolean", description: "true when the live lab's kernel counted the packets and bytes", isKey: false },
];

export const FLOW_COLUMNS: TableColumns<FlowRow> = [
  { name: "name", schema: "string", description: "declared flow name", isKey: true },
  { name: "src", schema: "string", description: "source address", isKey: false },
  { name: "dst", schema: "string", description: "destination address", isKey: false },
  { name: "protocol", schema: "string", description: "tcp, udp or icmp", isKey: false },
  { name: "dstPort", schema: "integer", description: "destination port", isKey: false },
  { name: "disposition", schema: "disposition", description: "ACCEPTED, EXITS_NETWORK, DENIED_EGRESS, DENIED_INGRESS or NO_ROUTE", isKey: false },
  { name: "expect", schema: "string", description: "what the flow's author expects: allowed or dropped", isKey: false },
  { name: "asExpected", schema: "boolean", description: "false when expect is set and the disposition disagrees", isKey: false },
  { name: "hops", schema: "list<string>", description: "the steps of the trace, one line each", isKey: false },
];

export const FINDING_COLUMNS: TableColumns<Finding> = [
  { name: "eni", schema: "string", description: "the ENI the finding is about", isKey: true },
  { name: "kind", schema: "string", description: "must-disable, can-enable, unsupported-region, ...", isKey: true },
  { name: "scenario", schema: "string", description: "why it forwards: nat, routing, load-balancer, vpn, multi-eni, other", isKey: false },
  { name: "message", schema: "string", description: "what was found", isKey: false },
  { name: "fix", schema: "string", description: "the change that fixes it", isKey: false },
];

/** The values of a row's key columns, joined: how `diff` pairs rows of two answers. */
export function rowKey<Row>(columns: TableColumns<Row>, row: Row): string {
  return columns
    .filter((c) => c.isKey)
    .map((c) => String(row[c.name] ?? ""))
    .join("\u0000");
}
