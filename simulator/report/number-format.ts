/**
 * Number formatting shared by the table and the HTML page. Written out instead of using
 * `toLocaleString` so the output does not depend on the machine's locale (reports are diffed).
 */

/** `1234567` -> `1,234,567`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  const digits = Math.trunc(Math.abs(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** `1536` -> `1.5 KiB`; exact below 1 KiB; one decimal below 10 units, none above. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${formatCount(n)} B`;
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return `${shown} ${BYTE_UNITS[unit]}`;
}

/** `1 pkt`, `1,234 pkts`. */
export function formatPackets(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "pkt" : "pkts"}`;
}
