/**
 * `check --format html`: one self-contained page (inline CSS and SVG, no script, no external URL)
 * with the verdict, a picture of the topology with the dropped flows drawn and counted on it, the
 * findings beside the picture, and the drops, declared flows and metadata service reads below.
 */
import type { CheckReport } from "../model/check-report";
import type { Topology } from "../model/topology";
import type { HtmlOptions } from "./html-page";
import { block, isWide, pictureLayout, renderPage, verdictHeader } from "./html-page";
import { dropsTable, findingsTable, flowsTable, metadataTable } from "./html-tables";
import { formatCount } from "./number-format";
import { metadataRows } from "./report-columns";
import { summaryLines } from "./summary-lines";
import { computeVerdict } from "./verdict";

export type { HtmlOptions } from "./html-page";

export function renderHtml(report: CheckReport, topology: Topology, options: HtmlOptions = {}): string {
  const v = computeVerdict(report);
  const layout = pictureLayout(topology, report);
  const blocks: string[] = [];
  const dropTotal = Math.max(report.dropRowsTotal ?? report.drops.length, report.drops.length);
  if (report.drops.length > 0) blocks.push(block("drops", `Drops (${formatCount(dropTotal)})`, dropsTable(report.drops, dropTotal)));
  if (report.flows !== undefined && report.flows.length > 0) {
    blocks.push(block("flows", `Declared flows (${formatCount(report.flows.length)})`, flowsTable(report.flows)));
  }
  const metadata = metadataRows(report);
  if (metadata.length > 0) blocks.push(block("metadata", `Metadata service reads (${formatCount(metadata.length)})`, metadataTable(metadata)));
  return renderPage({
    title: options.title ?? "eni-sim report",
    header: verdictHeader(v.tone, v.headline, v.details, summaryLines(report)),
    picture: { layout, heading: `Topology · ${topology.region}` },
    asideHeading: `Findings (${formatCount(report.findings.length)})`,
    aside: report.findings.length === 0 ? `<p class="tone-muted">No findings.</p>` : findingsTable(report.findings, !isWide(layout)),
    blocks,
  });
}
