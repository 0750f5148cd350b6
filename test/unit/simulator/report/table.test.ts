import { describe, expect, it } from "vitest";
import type { CheckReport } from "../../../../simulator/model/check-report";
import { fitColumnWidths, type Column } from "../../../../simulator/report/columns";
import { ReportOptionError } from "../../../../simulator/report/errors";
import { renderTable } from "../../../../simulator/report/table";
import { displayWidth, sanitizeTerminalText, truncate } from "../../../../simulator/report/terminal-text";
import { natReport } from "./report-fixtures";

const ANSI = /\u001b\[[0-9;]*m/g;
const EMPTY: CheckReport = { summary: { flows: 4, allowed: 4, dropped: 0 }, drops: [], findings: [] };

describe("renderTable", () => {
  it("opens with the verdict naming the ENI, the cause and the fix", () => {
    const out = renderTable(natReport(), { color: false });
    expect(out.split("\n")[0]).toBe(
      "✗ 3 flows (1,297 packets) would be dropped at eni-nat: Source/Destination Check is on; set sourceDestCheck: false",
    );
  });

  it("says nothing would be dropped when nothing is", () => {
    const out = renderTable(EMPTY, { color: false });
    expect(out.split("\n")[0]).toBe("✓ Nothing would be dropped");
    expect(out).not.toContain("Drops");
  });

  it("counts a declared flow's drop row in packets when the lab's kernel measured it, else says declared", () => {
    const row = { eni: "eni-nat", direction: "ingress" as const, reason: "not-destination" as const, src: "10.0.1.5", dst: "1.1.1.1", flow: "web-out" };
    const report: CheckReport = { ...EMPTY, summary: { flows: 2, allowed: 0, dropped: 2 }, drops: [{ ...row, count: 3, bytes: 252, measured: true }, { ...row, flow: "dns-out", count: 1, bytes: 0 }] };
    const lines = renderTable(report, { color: false, width: 120 }).split("\n").map((l) => l.replace(/\s+/g, " "));
    expect(lines).toContain("eni-nat ingress not-destination 10.0.1.5 → 1.1.1.1 · web-out 3 252 B");
    expect(lines).toContain("eni-nat ingress not-destination 10.0.1.5 → 1.1.1.1 · dns-out declared —");
  });

  it("lists who reads the metadata service and what requiring tokens would do to each", () => {
    const reads = (withoutToken: number, withToken: number, unreadable: number, httpTokens: "optional" | "required") => ({
      enis: ["eni-x"],
      packets: withoutToken + withToken + unreadable,
      requests: { withoutToken, withToken, tokenRequests: 0, unreadable },
      httpEndpoint: "enabled" as const,
      httpTokens,
      breaksIfTokensRequired: withoutToken > 0,
    });
    const report: CheckReport = { ...EMPTY, metadata: { "i-legacy": reads(2, 0, 0, "optional"), "i-ready": reads(0, 3, 0, "required"), "i-cut": reads(0, 0, 1, "optional") } };
    const lines = renderTable(report, { color: false, width: 120 }).split("\n");
    const start = lines.indexOf("Metadata service reads (3)");
    expect(start).toBeGreaterThan(0);
    const row = (instance: string) => lines.slice(start).find((l) => l.startsWith(instance))!.replace(/\s+/g, " ");
    expect(row("i-legacy")).toBe("i-legacy optional 2 2 — — breaks (requests without a token)");
    expect(row("i-ready")).toBe("i-ready required 3 — 3 — ready");
    expect(row("i-cut")).toBe("i-cut optional 1 — — 1 cannot tell (headers cut)");
    expect(renderTable(EMPTY, { color: false })).not.toContain("Metadata");
  });

  it("shows drops with packets and bytes, most packets first", () => {
    const report = natReport();
    const reversed = { ...report, drops: [...report.drops].reverse() };
    const lines = renderTable(reversed, { color: false }).split("\n");
    const start = lines.indexOf("Drops (3)");
    expect(lines[start + 1]).toMatch(/^ENI\s+DIRECTION\s+REASON\s+SRC → DST\s+PACKETS\s+BYTES$/);
    expect(lines[start + 2]).toMatch(/^eni-nat\s+ingress\s+not-destination\s+10\.0\.1\.11 → 203\.0\.113\.7\s+1,234\s+1\.6 MiB$/);
    expect(lines[start + 4]).toMatch(/10\.0\.1\.113 → 203\.0\.113\.7\s+7\s+840 B$/);
  });

  it("shows findings with kind, scenario, message and fix, and flows with ✓/✗", () => {
    const out = renderTable(natReport(), { color: false });
    expect(out).toMatch(/eni-nat\s+must-disable\s+nat\s+eni-nat forwards .*sourceDestCheck: false on eni-nat/);
    expect(out).toMatch(/app-1 to internet\s+10\.0\.1\.11 → 203\.0\.113\.7\s+tcp\/443\s+DENIED_INGRESS\s+✗ allowed/);
    expect(out).toMatch(/app-1 to app-2\s+.*tcp\/8080\s+ACCEPTED\s+—/);
  });

  it("uses ANSI colour only when asked", () => {
    expect(renderTable(natReport(), { color: false })).not.toMatch(ANSI);
    const colored = renderTable(natReport(), { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored.startsWith("\u001b[31m✗ 3 flows")).toBe(true);
    // Colour never changes the layout.
    expect(colored.replace(ANSI, "").split("\n").map((l) => l.trimEnd())).toEqual(
      renderTable(natReport(), { color: false }).split("\n"),
    );
  });

  it("fits every line into the width, truncating with an ellipsis", () => {
    for (const width of [80, 100, 120]) {
      const lines = renderTable(natReport(), { color: false, width }).split("\n");
      const tableLines = lines.filter((l) => /\s{2}/.test(l) && !l.startsWith("  "));
      for (const line of tableLines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    }
    expect(renderTable(natReport(), { color: false, width: 80 })).toContain("…");
  });

  it("caps rows but keeps the true totals", () => {
    const base = natReport();
    const drops = Array.from({ length: 57 }, (_, i) => ({ ...base.drops[0]!, src: `10.0.1.${i}`, count: 1000 - i }));
    const out = renderTable({ ...base, drops }, { color: false, maxRows: 10 });
    expect(out).toContain("Drops (57)");
    expect(out).toContain("… 47 more rows (see --format json)");
    expect(out.split("\n").filter((l) => l.startsWith("eni-nat  ")).length).toBe(10 + 1); // + findings row
  });

  it("neutralises control characters from input so the terminal cannot be hijacked", () => {
    const report = natReport();
    const evil = { ...report, drops: [{ ...report.drops[0]!, eni: "eni-\u001b[2Jx\u001b]0;pwn\u0007" }] };
    const out = renderTable(evil, { color: false });
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\u0007");
    expect(out).toContain("eni-?[2Jx?]0;pwn?");
  });

  it("rejects bad options naming the option, the value and what is allowed", () => {
    expect(() => renderTable(EMPTY, { color: false, width: 0 })).toThrow(ReportOptionError);
    expect(() => renderTable(EMPTY, { color: false, width: 12.5 })).toThrow(/width=12.5 is invalid: expected a positive integer/);
    // A narrow terminal is laid out as 40 columns rather than refused.
    expect(renderTable(natReport(), { color: false, width: 10 })).toBe(renderTable(natReport(), { color: false, width: 40 }));
    try {
      renderTable(EMPTY, { color: false, maxRows: 0 });
      expect.unreachable();
    } catch (e) {
      expect((e as ReportOptionError).code).toBe("REPORT_BAD_OPTION");
    }
  });
});

describe("column width rules", () => {
  const col = (name: string, min: number, max: number, shrink: number): Column<string[]> => ({
    name,
    header: name,
    align: "left",
    minWidth: min,
    maxWidth: max,
    shrink,
    cell: (r) => r[0]!,
  });

  it("takes natural widths when they fit and clamps to maxWidth", () => {
    expect(fitColumnWidths([col("a", 1, 5, 1), col("b", 1, 50, 1)], [["x".repeat(9), "y".repeat(20)]], 100)).toEqual([5, 20]);
  });

  it("shrinks the most willing column first and never below its minimum", () => {
    const cols = [col("a", 4, 30, 0), col("b", 4, 30, 3), col("c", 6, 30, 1)];
    const cells = [["a".repeat(20), "b".repeat(20), "c".repeat(20)]];
    expect(fitColumnWidths(cols, cells, 50)).toEqual([20, 6, 20]);
    expect(fitColumnWidths(cols, cells, 40)).toEqual([20, 4, 12]);
    expect(fitColumnWidths(cols, cells, 10)).toEqual([20, 4, 6]);
  });
});

describe("terminal text", () => {
  it("truncates by display width", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 3)).toBe("abc");
    expect(displayWidth("网卡eni")).toBe(7);
    expect(displayWidth(truncate("网卡网卡网卡", 5))).toBeLessThanOrEqual(5);
  });

  it("replaces tabs and newlines by spaces and other controls by ?", () => {
    expect(sanitizeTerminalText("a\tb\nc\u0000d\u009be")).toBe("a b c?d?e");
  });
});
