/**
 * The HTML report opened in a real browser (Debian's chromium through playwright-core): the
 * picture renders with every ENI and the drop counts, nothing is fetched, nothing logs an error,
 * and input cannot run script. Screenshots go to /tmp/report.png and /tmp/report-large.png.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckReport } from "../../../simulator/model/check-report";
import type { Topology } from "../../../simulator/model/topology";
import { renderHtml } from "../../../simulator/report/html";
import { largeTopology, natFleet, natReport, natTopology } from "../../unit/simulator/report/report-fixtures";

/** Debian's path; ENI_SIM_CHROMIUM points elsewhere (or at nothing, to see the skip). */
const CHROMIUM = process.env.ENI_SIM_CHROMIUM ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SKIP_REASON = `${CHROMIUM} is not installed (Debian's chromium package: apt installs it locally, .ci/run installs it in CI)`;
if (!HAVE_CHROMIUM) console.warn(`html-report: skipped, ${SKIP_REASON}`);

interface Loaded {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

describe.skipIf(!HAVE_CHROMIUM)(`HTML report in headless Chromium${HAVE_CHROMIUM ? "" : ` (skipped: ${SKIP_REASON})`}`, () => {
  let browser: Browser;

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      timeout: 20_000,
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function load(html: string, width = 1600): Promise<Loaded> {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
    // Anything the page tries to fetch is recorded and refused: the report must be self-contained.
    await page.route("**/*", async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setContent(html, { waitUntil: "load", timeout: 10_000 });
    return { page, errors, requests };
  }

  it("renders the NAT-instance picture with every ENI, the route and the drop counts", async () => {
    const { page, errors, requests } = await load(renderHtml(natReport(), natTopology(), { title: "NAT instance check" }));
    try {
      const svg = await page.locator("svg.topology").boundingBox();
      expect(svg!.width).toBeGreaterThan(800);
      expect(svg!.height).toBeGreaterThan(250);

      const enis = page.locator("g.eni");
      expect(await enis.count()).toBe(4);
      for (const id of ["eni-nat", "eni-app-1", "eni-app-2", "eni-app-3"]) {
        const box = await page.locator(`g.eni[data-eni="${id}"]`).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.width, id).toBeGreaterThan(200);
        expect(box!.height, id).toBeGreaterThan(30);
        await expect.poll(() => page.locator(`g.eni[data-eni="${id}"] text.eni-id`).textContent()).toBe(id);
      }
      expect(await page.locator('g.eni[data-eni="eni-nat"]').getAttribute("data-drops")).toBe("1297");
      expect(await page.locator('g.eni[data-eni="eni-nat"] text.eni-drops').isVisible()).toBe(true);
      expect(await page.locator('g.eni[data-eni="eni-nat"] text.eni-drops').textContent()).toBe("✕ 1,297 pkts dropped here");

      // Drop labels are visible and the arrows actually reach the NAT ENI from the left.
      for (const label of ["1,234 pkts dropped", "56 pkts dropped", "7 pkts dropped", "0.0.0.0/0"]) {
        const loc = page.locator("g.layer-labels text", { hasText: label });
        expect(await loc.count(), label).toBe(1);
        expect(await loc.isVisible(), label).toBe(true);
      }
      const nat = (await page.locator('g.eni[data-eni="eni-nat"] rect.eni-box').boundingBox())!;
      const arrows = page.locator('g.drop-arrow[data-to="eni-nat"] path');
      expect(await arrows.count()).toBe(3);
      for (let i = 0; i < 3; i += 1) {
        const a = (await arrows.nth(i).boundingBox())!;
        expect(a.width).toBeGreaterThan(50);
        expect(Math.abs(a.x + a.width - nat.x)).toBeLessThan(16); // ends at the NAT ENI's left edge
      }
      // Findings sit beside the picture, not below it.
      const aside = (await page.locator("aside.findings").boundingBox())!;
      expect(aside.x).toBeGreaterThan(svg!.x + 600);
      expect(await page.locator("aside.findings").textContent()).toContain("must-disable");
      expect(await page.locator("p.verdict").textContent()).toContain("would be dropped at eni-nat");

      await page.screenshot({ path: "/tmp/report.png", fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each([
    { name: "routers in every vSwitch", fixture: largeTopology, count: 30, screenshot: "/tmp/report-large.png" },
    { name: "a NAT serving three vSwitches", fixture: natFleet, count: 31, screenshot: "/tmp/report-fleet.png" },
    { name: "thirty clients all dropped at a NAT", fixture: () => natFleet(3, 10, 1), count: 31, screenshot: "/tmp/report-bundled.png" },
  ])("keeps a ~30-ENI account readable ($name): nodes apart, text inside its node", async ({ fixture, count, screenshot }) => {
    const { topology, report } = fixture();
    const { page, errors, requests } = await load(renderHtml(report, topology, { title: `${count} ENIs` }), 1900);
    try {
      const ids = await page.locator("g.eni").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-eni")));
      expect(ids).toHaveLength(count);
      const boxes = await page.locator("g.eni rect.eni-box").evaluateAll((rects) =>
        rects.map((r) => {
          const b = r.getBoundingClientRect();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        }),
      );
      for (const b of boxes) expect(b.w * b.h).toBeGreaterThan(0);
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
          expect(apart, `${ids[i]} / ${ids[j]}`).toBe(true);
        }
      }
      // Text measured by the browser's real font stays inside the node (the layout estimates widths).
      const spill = await page.locator("g.eni").evaluateAll((nodes) =>
        nodes.flatMap((n) => {
          const rect = n.querySelector("rect.eni-box")!.getBoundingClientRect();
          const badge = n.querySelector("rect.badge")!.getBoundingClientRect();
          return [...n.querySelectorAll("text")].flatMap((t) => {
            const b = t.getBoundingClientRect();
            // Lines level with the badge must stop before it; lines below it, before the node's edge.
            const right = t.matches(".eni-id, .eni-ips") ? badge.left + 1 : rect.right - 2;
            return b.right <= right && b.left >= rect.left ? [] : [`${n.getAttribute("data-eni")}: ${t.textContent}`];
          });
        }),
      );
      expect(spill).toEqual([]);
      // Every drop label the browser lays out is visible and clear of every ENI node.
      const labels = await page.locator("g.drop-label rect").evaluateAll((rects) =>
        rects.map((r) => {
          const b = r.getBoundingClientRect();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        }),
      );
      expect(labels.length).toBe(await page.locator("g.drop-arrow").count() - (await page.locator("g.external-source").count()));
      for (const l of labels) {
        for (const b of boxes) expect(l.x + l.w <= b.x || b.x + b.w <= l.x || l.y + l.h <= b.y || b.y + b.h <= l.y).toBe(true);
      }
      expect(await page.locator("g.external-source").count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  // Page-side expressions are strings: the project compiles without the DOM lib.
  it("shows an injected <script> in an ENI id as text and never runs it", async () => {
    const evil = `eni-<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
    const topology: Topology = {
      ...natTopology(),
      networkInterfaces: natTopology().networkInterfaces.map((n) => (n.id === "eni-nat" ? { ...n, id: evil } : n)),
    };
    const base = natReport();
    const report: CheckReport = {
      ...base,
      drops: base.drops.map((d) => ({ ...d, eni: evil })),
      findings: [{ eni: evil, kind: "must-disable", message: `<script>window.__pwned=3</script>`, fix: `<b onmouseover="window.__pwned=4">x</b>` }],
    };
    const { page, errors, requests } = await load(renderHtml(report, topology, { title: `<script>window.__pwned=5</script>` }));
    try {
      expect(await page.evaluate("typeof window.__pwned")).toBe("undefined");
      expect(await page.evaluate("document.scripts.length")).toBe(0);
      expect(await page.evaluate(`document.querySelectorAll("img, b[onmouseover]").length`)).toBe(0);
      expect(await page.title()).toBe("<script>window.__pwned=5</script>");
      const node = page.locator("g.eni.has-drops");
      expect(await node.getAttribute("data-eni")).toBe(evil);
      expect(await node.locator("title").textContent()).toContain(evil);
      expect(await page.locator("aside.findings").textContent()).toContain("<script>window.__pwned=3</script>");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
