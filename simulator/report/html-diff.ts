/**
 * `diff --format html`: the delta plan's topology with the drops it starts drawn on it, the
 * findings for that plan beside it, and the rows that change below.
 */
import type { DiffReport } from "../model/diff-report";
import type { Topology } from "../model/topology";
import { computeDiffVerdict, startingDrops } from "./diff-verdict";
import type { HtmlOptions } from "./html-page";
import { block, isWide, pictureLayout, renderPage, verdictHeader } from "./html-page";
import { findingsTable, renderHtmlTable, HTML_MAX_ROWS } from "./html-tables";
import { formatCount } from "./number-format";
import { DROP_DIFF_COLUMNS, FLOW_DIFF_COLUMNS } from "./report-columns-diff";

/** `delta` is the topology of the `--to` plan: the one whose new drops are drawn. */
export function renderDiffHtml(diff: DiffReport, delta: Topology, options: HtmlOptions = {}): string {
  const v = computeDiffVerdict(diff);
  const layout = pictureLayout(delta, startingDrops(diff));
  const blocks: string[] = [];
  if (diff.flows.length > 0) {
    blocks.push(block("flows", `Declared flows that change (${formatCount(diff.flows.length)})`, renderHtmlTable(FLOW_DIFF_COLUMNS, diff.flows, { maxRows: HTML_MAX_ROWS })));
  }
  if (diff.drops.length > 0) {
    blocks.push(block("drops", `Observed traffic that changes (${formatCount(diff.drops.length)})`, renderHtmlTable(DROP_DIFF_COLUMNS, diff.drops, { maxRows: HTML_MAX_ROWS })));
  }
  return renderPage({
    title: options.title ?? `eni-sim diff: ${diff.plans.base} → ${diff.plans.delta}`,
    header: verdictHeader(v.tone, v.headline, v.details, []),
    picture: { layout, heading: `${diff.plans.delta} · traffic it starts dropping` },
    asideHeading: `Findings for ${diff.plans.delta} (${formatCount(diff.findings.length)})`,
    aside: diff.findings.length === 0 ? `<p class="tone-muted">No findings.</p>` : findingsTable(diff.findings, !isWide(layout)),
    blocks,
  });
}
