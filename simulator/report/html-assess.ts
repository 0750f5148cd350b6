/**
 * `assess --format html`: the account pictured with every ENI created again under the new
 * default (check on unless set off), the traffic that would then be dropped drawn on it, what
 * would break beside it, and the criteria and today's findings below.
 */
import type { AssessReport } from "../model/assessment";
import { recreatedUnderNewDefault } from "../model/assessment";
import type { Topology } from "../model/topology";
import { computeAssessVerdict } from "./assess-verdict";
import { escapeHtml as e } from "./html-escape";
import type { HtmlOptions } from "./html-page";
import { block, isWide, pictureLayout, renderPage, verdictHeader } from "./html-page";
import { dropsTable, findingsTable } from "./html-tables";
import { formatCount } from "./number-format";
import { criteriaLines } from "./table-assess";
import { computeVerdict } from "./verdict";

export function renderAssessHtml(a: AssessReport, topology: Topology, options: HtmlOptions = {}): string {
  const v = computeAssessVerdict(a);
  const layout = pictureLayout(recreatedUnderNewDefault(topology), a.ifRecreated);
  const today = computeVerdict(a.current);
  const blocks = [block("criteria", "The announcement's criteria", `<ul>${criteriaLines(a).map((l) => `<li>${e(l)}</li>`).join("")}</ul>`)];
  const dropTotal = Math.max(a.ifRecreated.dropRowsTotal ?? a.ifRecreated.drops.length, a.ifRecreated.drops.length);
  if (a.ifRecreated.drops.length > 0) {
    blocks.push(block("drops", `Drops if created again (${formatCount(dropTotal)})`, dropsTable(a.ifRecreated.drops, dropTotal)));
  }
  const todayFindings = a.current.findings.length === 0 ? "" : findingsTable(a.current.findings, false);
  blocks.push(block("today", "Today", `<p class="verdict ${today.tone}">${e(today.headline)}</p>${todayFindings}`));
  return renderPage({
    title: options.title ?? `eni-sim assess: ${a.region.id}`,
    header: verdictHeader(v.tone, v.headline, v.details, []),
    picture: { layout, heading: `${a.region.id} · every ENI created again under the new default` },
    asideHeading: `Would break (${formatCount(a.wouldBreak.length)})`,
    aside: a.wouldBreak.length === 0 ? `<p class="tone-muted">Nothing seen would break.</p>` : findingsTable(a.wouldBreak, !isWide(layout)),
    blocks,
  });
}
