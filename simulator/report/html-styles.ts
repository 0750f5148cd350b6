/**
 * The page's only stylesheet, inlined (the report must open from a file, offline, with no external
 * URL). The picture's colours carry meaning: red = the check is on / traffic dropped, green = off,
 * blue dashed = a route's next hop.
 */
export const HTML_STYLES = `
:root { --bad: #c62828; --bad-soft: #fdecea; --good: #2e7d32; --good-soft: #e8f5e9; --warn: #b26a00;
  --route: #1565c0; --ink: #1f2933; --muted: #5f6b76; --line: #cfd8dc; --bg: #ffffff;
  --mono: ui-monospace, "DejaVu Sans Mono", "Menlo", "Consolas", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px 40px; font: 14px/1.45 var(--sans); color: var(--ink); background: var(--bg); }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 0 0 10px; }
.verdict { font-size: 17px; font-weight: 600; padding: 10px 14px; border-radius: 8px; margin: 8px 0; }
.verdict.bad { color: var(--bad); background: var(--bad-soft); border-left: 5px solid var(--bad); }
.verdict.good { color: var(--good); background: var(--good-soft); border-left: 5px solid var(--good); }
.verdict-details { margin: 4px 0 8px; padding-left: 22px; }
.summary { color: var(--muted); margin: 4px 0 16px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(320px, 30%); gap: 20px; align-items: start; }
.layout.wide { grid-template-columns: minmax(0, 1fr); }
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.panel { border: 1px solid var(--line); border-radius: 10px; padding: 14px; background: #fff; }
.svg-scroll { overflow-x: auto; }
svg.topology { display: block; max-width: none; font-family: var(--sans); }
.legend { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 10px; color: var(--muted); font-size: 13px; }
.legend svg { vertical-align: middle; margin-right: 4px; }
.vswitch-box { fill: #eef4fb; stroke: #90a4ae; stroke-width: 1.5; }
.vswitch.undeclared .vswitch-box { stroke-dasharray: 6 4; fill: #f6f7f9; }
.vswitch-id { font: 600 15px var(--mono); fill: var(--ink); }
.vswitch-sub { font: 12px var(--mono); fill: var(--muted); }
.route-note { font: 12px var(--mono); fill: var(--route); }
.instance-box { fill: #f8fafc; stroke: var(--line); }
.instance-id { font: 600 12px var(--mono); fill: #37474f; }
.muted { fill: var(--muted); font-weight: 400; }
.eni-box { fill: #fff; stroke: #90a4ae; stroke-width: 1.2; }
.eni.has-drops .eni-box { fill: #fff5f5; stroke: var(--bad); stroke-width: 2.5; }
.eni.not-in-plan .eni-box { stroke-dasharray: 5 3; }
.eni-id { font: 600 12px var(--mono); fill: var(--ink); }
.eni-ips { font: 11px var(--mono); fill: var(--muted); }
.eni-drops { font: 700 12px var(--sans); fill: var(--bad); }
.eni-sent { font: 600 11px var(--sans); fill: #b71c1c; }
.shield { stroke-width: 1.6; }
.check-on .shield { fill: var(--bad); stroke: var(--bad); }
.check-default-on .shield { fill: #ef9a9a; stroke: var(--bad); }
.check-off .shield, .check-default-off .shield { fill: none; stroke: var(--good); stroke-dasharray: 3 2; }
.check-cloud-default .shield, .check-not-offered .shield { fill: none; stroke: var(--muted); stroke-dasharray: 2 2; }
.badge { stroke-width: 1; }
.check-on .badge, .check-default-on .badge { fill: var(--bad-soft); stroke: var(--bad); }
.check-off .badge, .check-default-off .badge { fill: var(--good-soft); stroke: var(--good); }
.check-cloud-default .badge, .check-not-offered .badge { fill: #eceff1; stroke: var(--muted); }
.badge-text { font: 700 10.5px var(--sans); letter-spacing: .3px; }
.check-on .badge-text, .check-default-on .badge-text { fill: var(--bad); }
.check-off .badge-text, .check-default-off .badge-text { fill: var(--good); }
.check-cloud-default .badge-text, .check-not-offered .badge-text { fill: var(--muted); }
.external-box { fill: #fffde7; stroke: #bfa100; stroke-dasharray: 6 4; }
.external-title { font: 600 11px var(--sans); fill: #6d5b00; }
.external-ip { font: 12px var(--mono); fill: #4e4100; }
.external-count { font: 700 12px var(--sans); fill: var(--bad); }
.route-arrow path { fill: none; stroke: var(--route); stroke-dasharray: 7 5; opacity: .85; }
.drop-arrow path { fill: none; stroke: var(--bad); opacity: .8; }
.head-drop { fill: var(--bad); }
.head-route { fill: var(--route); }
.route-label rect { fill: #e3f2fd; stroke: var(--route); }
.drop-label rect { fill: var(--bad); stroke: #8e0000; }
.arrow-text { font: 600 12px var(--sans); }
.route-label .arrow-text { fill: var(--route); font-family: var(--mono); }
.drop-label .arrow-text { fill: #fff; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceff1; vertical-align: top; overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; background: #f7f9fa; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.mono { font-family: var(--mono); font-size: 12px; }
.tone-bad { color: var(--bad); font-weight: 600; }
.tone-good { color: var(--good); }
.tone-warn { color: var(--warn); font-weight: 600; }
.tone-muted { color: var(--muted); }
.tone-strong { font-weight: 600; }
.evidence { color: var(--muted); font-size: 12px; margin-top: 4px; font-weight: 400; }
.fix { color: var(--good); font-size: 12px; margin-top: 4px; font-weight: 600; }
td.mono, td.tone-warn, td.tone-bad { white-space: nowrap; }
section.block { margin-top: 24px; }
details summary { cursor: pointer; color: var(--muted); }
ol.hops { margin: 4px 0 0; padding-left: 20px; font-family: var(--mono); font-size: 12px; }
.more-rows { color: var(--muted); font-style: italic; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
`;
