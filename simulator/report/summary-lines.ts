/** Plain-language summary lines under the verdict, shared by the terminal table and the HTML page. */
import type { CheckReport } from "../model/check-report";
import { formatBytes, formatCount } from "./number-format";

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function summaryLines(report: CheckReport): string[] {
  const s = report.summary;
  const unexpected = s.unexpected === undefined ? "" : ` (${formatCount(s.unexpected)} unexpected)`;
  const o = report.observed;
  // summary.flows counts what was judged: observed packets and flow-log records as well as declared flows.
  const observedAny = o !== undefined && o.records > 0;
  const declaredAny = (report.flows ?? []).length > 0;
  const what = observedAny ? (declaredAny ? ["record or declared flow", "records and declared flows"] : ["record", "records"]) : ["flow", "flows"];
  const lines = [`${plural(s.flows, what[0]!, what[1]!)} checked: ${formatCount(s.allowed)} allowed, ${formatCount(s.dropped)} dropped${unexpected}`];
  if (o !== undefined && o.records > 0) {
    const parts = [
      `observed ${plural(o.packets, "packet", "packets")} (${formatBytes(o.bytes)}) in ${plural(o.records, "record", "records")}`,
      `${formatCount(o.droppedPackets)} dropped`,
    ];
    if (o.unattributed > 0) parts.push(`${formatCount(o.unattributed)} not attributed to any ENI of the plan`);
    if (o.rejected > 0) parts.push(`${formatCount(o.rejected)} already rejected by security groups`);
    lines.push(parts.join("; "));
  }
  if (report.inputs !== undefined && report.inputs.length > 0) {
    const inputs = report.inputs.map((i) => {
      const extra = [i.skipped > 0 ? `${formatCount(i.skipped)} skipped` : "", i.ignored > 0 ? `${formatCount(i.ignored)} ignored` : ""].filter(Boolean);
      return `${i.file} (${i.format}, ${plural(i.records, "record", "records")}${extra.length > 0 ? `, ${extra.join(", ")}` : ""})`;
    });
    lines.push(`inputs: ${inputs.join(", ")}`);
  }
  if (report.region !== undefined && !report.region.sourceDestCheckSupported) {
    lines.push(`region ${report.region.id} does not offer Source/Destination Check: nothing is dropped by it there`);
  }
  return lines;
}
