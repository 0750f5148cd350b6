import { timestampExpired, timestampMalformed } from "./auth-errors";

/** Requests whose x-acs-date / Timestamp is further than this from the server clock are refused. */
export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * The last timestamp text parsed and its epoch ms: calls signed in the same second carry the
 * same text, so most of them skip the pattern test and Date.parse. Only well-formed texts are kept.
 */
let lastText = "";
let lastMs = Number.NaN;

function parseSigningTime(value: string): number {
  if (value === lastText) return lastMs;
  const ms = ISO_UTC.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isNaN(ms)) {
    lastText = value;
    lastMs = ms;
  }
  return ms;
}

/** Parses and range-checks a signing timestamp; returns it as epoch ms. */
export function checkSigningTime(name: string, value: string, nowMs: number): number {
  const ms = parseSigningTime(value);
  if (Number.isNaN(ms)) throw timestampMalformed(name, value);
  if (Math.abs(nowMs - ms) > SIGNATURE_WINDOW_MS) throw timestampExpired(value, SIGNATURE_WINDOW_MS / 60_000);
  return ms;
}
