import { describe, expect, it } from "vitest";
import type { CheckReport } from "../../../../simulator/model/check-report";
import type { Topology } from "../../../../simulator/model/topology";
import { renderHtml } from "../../../../simulator/report/html";
import { largeTopology, natReport, natTopology } from "./report-fixtures";

interface Tag {
  readonly name: string;
  readonly attrs: Record<string, string>;
}

/** Opening tags with their attributes: enough structure to assert on without a DOM. */
function tags(html: string, name?: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    if (name !== undefined && m[1] !== name) continue;
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? "";
    out.push({ name: m[1]!, attrs });
  }
  return out;
}

const byData = (html: string, attr: string): Map<string, Tag> =>
  new Map(tags(html, "g").filter((t) => attr in t.attrs).map((t) => [t.attrs[attr]!, t]));

function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
}

describe("renderHtml: the NAT-instance picture", () => {
  const html = renderHtml(natReport(), natTopology(), { title: "NAT check" });

  it("is one self-contained page: no script, no external URL, a CSP that forbids both", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|@import|\bsrc=|\bhref=/i);
    const urls = [...html.matchAll(/[a-z]+:\/\/[^\s"')<]+/gi)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg"])); // the SVG namespace, never fetched
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
  });

  it("opens with the verdict and the summary", () => {
    expect(html).toMatch(/<p class="verdict bad" data-verdict="bad">✗ 3 flows \(1,297 packets\) would be dropped at eni-nat: Source\/Destination Check is on; set sourceDestCheck: false<\/p>/);
    expect(textOf(html)).toContain("5 flows checked: 2 allowed, 3 dropped");
  });

  it("draws every vSwitch with its CIDR and route table", () => {
    const vsw = byData(html, "data-vswitch");
    expect([...vsw.keys()]).toEqual(["vsw-private", "vsw-public"]); // senders left, the forwarder right
    expect(html).toContain(">10.0.1.0/24 · route table vtb-private<");
    expect(html).toContain(">0.0.0.0/0 → Internet<"); // a next hop that is no node is written in the box
  });

  it("draws every ENI with its check state and the packets dropped at it", () => {
    const enis = byData(html, "data-eni");
    expect([...enis.keys()].sort()).toEqual(["eni-app-1", "eni-app-2", "eni-app-3", "eni-nat"]);
    expect(enis.get("eni-nat")!.attrs).toMatchObject({ "data-check": "on", "data-drops": "1297", class: "eni check-on has-drops" });
    expect(enis.get("eni-app-1")!.attrs["data-check"]).toBe("on");
    expect(enis.get("eni-app-2")!.attrs["data-check"]).toBe("default-on"); // unset, account default on
    expect(enis.get("eni-app-3")!.attrs).toMatchObject({ "data-check": "off", "data-drops": "0" });
    expect(html).toContain(">✕ 1,297 pkts dropped here<");
    expect(html).toContain(">CHECK ON<");
    expect(html).toContain(">check off<");
    expect(html).toContain(">10.0.1.13, 10.0.1.113<");
  });

  it("draws instances around their ENIs, with their forwarding mode", () => {
    expect(byData(html, "data-instance").has("i-nat")).toBe(true);
    expect(html).toMatch(/i-nat<tspan class="muted"> · forwards \(snat\)<\/tspan>/);
  });

  it("draws the route next hop as an arrow from the vSwitch to the ENI, labelled with the destination", () => {
    const routes = tags(html, "g").filter((t) => t.attrs.class === "route-arrow");
    expect(routes.map((t) => [t.attrs["data-from"], t.attrs["data-to"]])).toEqual([["vsw-private", "eni-nat"]]);
    expect(html).toMatch(/<g class="route-label" data-from="vsw-private" data-to="eni-nat">.*>0\.0\.0\.0\/0<\/text>/);
  });

  it("draws each dropped flow from its source ENI to the dropping ENI, counted", () => {
    const drops = tags(html, "g").filter((t) => t.attrs.class === "drop-arrow");
    const summary = drops.map((t) => `${t.attrs["data-from"]}->${t.attrs["data-to"]}:${t.attrs["data-drops"]}`).sort();
    // 10.0.1.113 is a secondary address of eni-app-3.
    expect(summary).toEqual(["eni-app-1->eni-nat:1234", "eni-app-2->eni-nat:56", "eni-app-3->eni-nat:7"]);
    expect(html).toContain(">1,234 pkts dropped<");
    expect(html).toContain(">56 pkts dropped<");
    expect(html).toContain(">7 pkts dropped<");
  });

  it("puts the findings beside the picture, with evidence and fix", () => {
    const aside = html.slice(html.indexOf('<aside class="panel findings"'), html.indexOf("</aside>"));
    expect(html.indexOf('<main class="layout">')).toBeGreaterThan(0); // not "wide": beside
    expect(aside).toContain("must-disable");
    expect(aside).toContain("Fix: sourceDestCheck: false on eni-nat");
    expect(aside).toContain("next hop of vtb-private: 0.0.0.0/0 -&gt; eni-nat");
    expect(aside).toContain("can-enable");
  });

  it("lists drops and declared flows with their traces below", () => {
    expect(html).toContain("<h2>Drops (3)</h2>");
    expect(html).toContain("<h2>Declared flows (2)</h2>");
    expect(html).toContain("<li>eni-nat ingress DENIED (not-destination)</li>");
  });

  it("is deterministic", () => {
    expect(renderHtml(natReport(), natTopology(), { title: "NAT check" })).toBe(html);
  });
});

describe("renderHtml: escaping", () => {
  const evil = `eni-<script>window.__pwned=1</script>"'&`;
  const topology: Topology = {
    ...natTopology(),
    networkInterfaces: natTopology().networkInterfaces.map((n) => (n.id === "eni-nat" ? { ...n, id: evil } : n)),
    routeTables: [{ id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: evil } }] }],
  };
  const base = natReport();
  const report: CheckReport = {
    ...base,
    drops: base.drops.map((d) => ({ ...d, eni: evil })),
    findings: [{ eni: evil, kind: "must-disable", scenario: "nat", message: `<img src=x onerror="alert(1)">`, fix: "</td></tr></table><script>alert(2)</script>" }],
    flows: [{ ...base.flows![0]!, name: "<b>flow</b>", hops: ["<svg onload=alert(3)>"] }],
  };
  const html = renderHtml(report, topology, { title: "</title><script>alert(4)</script>" });

  it("never emits input as markup", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain("<b>flow</b>");
    expect(html).not.toContain("<svg onload");
    expect(html).toContain("eni-&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&#39;&amp;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("<title>&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;</title>");
  });

  it("keeps escaped ids usable as data attributes", () => {
    const enis = byData(html, "data-eni");
    expect(enis.has("eni-&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&#39;&amp;")).toBe(true);
    const drops = tags(html, "g").filter((t) => t.attrs.class === "drop-arrow");
    expect(drops.length).toBe(3);
  });
});

describe("renderHtml: other shapes", () => {
  it("lays a big account out wide, with the findings below the picture", () => {
    const { topology, report } = largeTopology();
    const html = renderHtml(report, topology);
    expect(html).toContain('<main class="layout wide">');
    expect(byData(html, "data-eni").size).toBe(30);
    expect(byData(html, "data-vswitch").size).toBe(5);
    expect(html).toContain("<title>eni-sim report</title>");
  });

  it("draws sources outside the plan as a box beside the dropping ENI", () => {
    const { topology, report } = largeTopology();
    const html = renderHtml(report, topology);
    const outside = tags(html, "g").filter((t) => t.attrs.class === "external-source");
    expect(outside.map((t) => `${t.attrs["data-to"]}:${t.attrs["data-drops"]}`).sort()).toEqual(["eni-0-0:42", "eni-2-0:42", "eni-4-0:42"]);
    expect(html).toContain(">172.16.2.9<");
    expect(tags(html, "g").filter((t) => t.attrs.class === "drop-arrow" && t.attrs["data-from"] === "external").length).toBe(3);
  });

  it("draws ENIs that only appear in drops, and names declared flows instead of counting packets", () => {
    const report: CheckReport = {
      summary: { flows: 1, allowed: 0, dropped: 1, unexpected: 1 },
      drops: [{ eni: "eni-ghost", direction: "egress", reason: "spoofed-source", src: "10.0.1.11", dst: "8.8.8.8", count: 1, bytes: 0, flow: "dns-out" }],
      findings: [],
      flows: [{ name: "dns-out", src: "10.0.1.11", dst: "8.8.8.8", protocol: "udp", dstPort: 53, disposition: "DENIED_EGRESS", asExpected: true, hops: [] }],
    };
    const html = renderHtml(report, natTopology());
    expect(byData(html, "data-eni").get("eni-ghost")!.attrs.class).toBe("eni check-default-on has-drops not-in-plan");
    expect(byData(html, "data-vswitch").has("(not in plan)")).toBe(true);
    expect(html).toContain(">flow dns-out dropped<");
    expect(html).toContain(">✕ flow dns-out dropped here<");
    expect(html).toContain(">No findings.<");
  });

  it("says nothing would be dropped, and draws no drop arrows, for a clean report", () => {
    const html = renderHtml({ summary: { flows: 3, allowed: 3, dropped: 0 }, drops: [], findings: [] }, natTopology());
    expect(html).toContain('<p class="verdict good" data-verdict="good">✓ Nothing would be dropped</p>');
    expect(html).not.toContain('class="drop-arrow"');
    expect(html).not.toContain("<h2>Drops");
  });
});

describe("renderHtml: metadata service reads", () => {
  it("gets its own table, below the picture, only when the traffic reads the service", () => {
    const metadata = {
      "i-legacy": { enis: ["eni-app"], packets: 4, requests: { withoutToken: 4, withToken: 0, tokenRequests: 0, unreadable: 0 }, httpEndpoint: "enabled" as const, httpTokens: "optional" as const, breaksIfTokensRequired: true },
    };
    const text = textOf(renderHtml({ ...natReport(), metadata }, natTopology()));
    expect(text).toContain("Metadata service reads (1)");
    expect(text).toMatch(/i-legacy optional 4 4 — — breaks \(requests without a token\)/);
    expect(textOf(renderHtml(natReport(), natTopology()))).not.toContain("Metadata service reads");
  });
});
