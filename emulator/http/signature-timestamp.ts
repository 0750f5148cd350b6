import { timestampExpired, timestampMalformed } from "./auth-errors";

/** Requests whose x-acs-date / Timestamp is further than this from the server clock are refused. */
export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Parses and range-checks a signing timestamp; returns it as epoch ms. */
export function checkSigningTime(name: string, value: string, nowMs: number): number {
  const ms = ISO_UTC.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw timestampMalformed(name, value);
  if (Math.abs(nowMs - ms) > SIGNATURE_WINDOW_MS) throw timestampExpired(value, SIGNATURE_WINDOW_MS / 60_000);
  return ms;
}
