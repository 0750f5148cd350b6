/**
 * Plain-text cell handling for terminal output: neutralising control characters taken from input,
 * measuring, truncating with an ellipsis and padding.
 */

export const ELLIPSIS = "…";

/**
 * Input (ENI ids, flow names, messages) may carry ESC or other C0/C1 controls; printed raw they
 * could recolour or rewrite the user's terminal, so each becomes a visible `?`. Tabs and newlines
 * would break the column grid, so they become a space.
 */
export function sanitizeTerminalText(text: string): string {
  return text.replace(/[\t\n\r]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}

/**
 * Display width in terminal cells. Wide East Asian and emoji code points take two cells;
 * everything else one. Approximate by ranges, which is enough for ids, addresses and messages.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

function charWidth(cp: number): number {
  if (cp >= 0x0300 && cp <= 0x036f) return 0; // combining marks
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Cut `text` to at most `width` cells, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + ELLIPSIS;
}

export function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}
