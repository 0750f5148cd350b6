import { describe, expect, it } from "vitest";
import { assessAccount } from "../../../../simulator/model/assessment";
import type { CheckReport } from "../../../../simulator/model/check-report";
import { diffReports } from "../../../../simulator/model/diff-report";
import { indexTopology } from "../../../../simulator/model/topology-index";
import { renderAssessHtml } from "../../../../simulator/report/html-assess";
import { renderDiffHtml } from "../../../../simulator/report/html-diff";
import { renderAssessJson, renderDiffJson } from "../../../../simulator/report/json";
import { renderAssessTable } from "../../../../simulator/report/table-assess";
import { renderDiffTable } from "../../../../simulator/report/table-diff";
import { natReport, natTopology } from "./report-fixtures";

/** The NAT account as it is today: the NAT ENI forwards (check off), nothing is dropped. */
function cleanReport(): CheckReport {
  const r = natReport();
  return {
    summary: { flows: 5, allowed: 5, dropped: 0, unexpected: 0 },
    drops: [],
    findings: [],
    flows: r.flows!.map((f) => ({ ...f, disposition: "EXITS_NETWORK" as const, asExpected: true })),
  };
}

const dataAttrs = (html: string, cls: string): string[] =>
  [...html.matchAll(new RegExp(`<g class="${cls}" data-from="([^"]*)" data-to="([^"]*)" data-drops="(\\d+)"`, "g"))].map((m) => `${m[1]}->${m[2]}:${m[3]}`);

describe("diff renderers", () => {
  const diff = diffReports(cleanReport(), natReport(), { base: "live account", delta: "Pulumi program" });

  it("leads the table with what starts being dropped and where", () => {
    const out = renderDiffTable(diff, { color: false });
    expect(out.split("\n")[0]).toBe("✗ 4 flows would start being dropped going from live account to Pulumi program at eni-nat");
    expect(out).toContain("live account: 0 of 5 dropped; Pulumi program: 3 of 5 dropped");
    expect(out).toMatch(/app-1 to internet\s+10\.0\.1\.11 → 203\.0\.113\.7\s+tcp\/443\s+EXITS_NETWORK\s+DENIED_INGRESS\s+starts-dropping/);
    expect(out).toMatch(/Observed traffic that changes \(3\)\nENI\s+DIRECTION/);
    expect(out).toMatch(/eni-nat\s+ingress\s+not-destination\s+10\.0\.1\.11 → 203\.0\.113\.7\s+0\s+1,234\s+starts-dropping/);
    expect(out).toContain("Findings for Pulumi program (2)");
  });

  it("says so when nothing changes", () => {
    const same = diffReports(natReport(), natReport(), { base: "a", delta: "b" });
    expect(renderDiffTable(same, { color: false }).split("\n")[0]).toBe("✓ No flow changes verdict between a and b");
  });

  it("writes JSON with a fixed key order", () => {
    const parsed = JSON.parse(renderDiffJson(diff)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["summary", "plans", "flows", "drops", "findings"]);
    expect(Object.keys(parsed.summary as object)).toEqual(["startsDropping", "stopsDropping", "base", "delta"]);
    expect(Object.keys((parsed.drops as object[])[0]!)).toEqual(["eni", "direction", "reason", "src", "dst", "baseCount", "deltaCount", "baseBytes", "deltaBytes", "change"]);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(diff)));
  });

  it("draws the drops the delta plan starts on its topology", () => {
    const html = renderDiffHtml(diff, natTopology());
    expect(html).toContain("<title>eni-sim diff: live account → Pulumi program</title>");
    expect(dataAttrs(html, "drop-arrow").sort()).toEqual(["eni-app-1->eni-nat:1234", "eni-app-2->eni-nat:56", "eni-app-3->eni-nat:7"]);
    expect(html).toContain("Declared flows that change (1)");
    expect(html).not.toMatch(/<script/i);
  });

  it("escapes plan names taken from the command line", () => {
    const evil = diffReports(cleanReport(), natReport(), { base: "<script>x</script>", delta: "<img src=x>" });
    const html = renderDiffHtml(evil, natTopology());
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;img src=x&gt;");
  });
});

describe("assess renderers", () => {
  const assessment = assessAccount(indexTopology(natTopology()), cleanReport(), natReport());

  it("says the account keeps the old default because a route points at an ENI, and what would break", () => {
    expect(assessment.newDefault).toBe("disabled");
    const out = renderAssessTable(assessment, { color: false });
    const lines = out.split("\n");
    expect(lines[0]).toBe("✓ New ENIs here keep the check OFF by default: routes or traffic need forwarding");
    expect(out).toContain("route(s) have an ENI or instance as next hop");
    expect(out).toContain("with the check on, 1 ENI would drop traffic: eni-nat (nat)");
    expect(out).toContain("Would break if created again under the new default (1)");
    expect(out).toContain("Drops if created again (3)");
    expect(out).toContain("Today: Nothing would be dropped");
  });

  it("writes JSON with a fixed key order and nested check reports in theirs", () => {
    const parsed = JSON.parse(renderAssessJson(assessment)) as Record<string, Record<string, unknown>>;
    const declared = ["region", "newDefault", "reasons", "caveats", "criteria", "wouldBreak", "current", "ifRecreated"];
    expect(Object.keys(parsed)).toEqual(declared.filter((k) => k in parsed));
    expect(Object.keys(parsed).slice(0, 3)).toEqual(["region", "newDefault", "reasons"]);
    expect(Object.keys(parsed.ifRecreated!)).toEqual(["summary", "drops", "findings", "flows"]);
    expect(Object.keys(parsed.criteria!)).toEqual(["routesToEniOrInstance", "mismatchedTraffic"]);
  });

  it("pictures the account created again under the new default, with what it would drop", () => {
    const html = renderAssessHtml(assessment, natTopology());
    const checks = [...html.matchAll(/data-eni="([^"]+)" data-check="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`).sort();
    expect(checks).toEqual(["eni-app-1:default-on", "eni-app-2:default-on", "eni-app-3:default-on", "eni-nat:default-on"]);
    expect(dataAttrs(html, "drop-arrow")).toHaveLength(3);
    expect(html).toContain("<h2>Would break (1)</h2>");
  });

  it("shows every check as not offered outside the 28 regions", () => {
    const topology = { ...natTopology(), region: "xx-nowhere-1" };
    const a = assessAccount(indexTopology(topology), cleanReport(), { ...cleanReport(), region: { id: "xx-nowhere-1", sourceDestCheckSupported: false } });
    expect(a.newDefault).toBe("not-offered");
    expect(renderAssessTable(a, { color: false }).split("\n")[0]).toBe(
      "✓ Region xx-nowhere-1 does not offer Source/Destination Check: the new default changes nothing here",
    );
    const html = renderAssessHtml(a, topology);
    expect([...html.matchAll(/data-check="([^"]+)"/g)].map((m) => m[1])).toEqual(["not-offered", "not-offered", "not-offered", "not-offered"]);
  });
});
