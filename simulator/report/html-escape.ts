/**
 * Escaping for text and attribute values in HTML and inline SVG. Every string that comes from
 * input (ids, names, addresses, messages) goes through here; quotes are escaped too, so the same
 * function is safe inside double- or single-quoted attributes.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  // C0 controls other than tab/newline are not allowed in HTML text: replace rather than pass on.
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\uFFFD");
}

/** Cuts to `max` characters with an ellipsis; the caller keeps the full text for a tooltip. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join("") + "…";
}
