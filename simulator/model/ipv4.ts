/**
 * IPv4 addresses as uint32 numbers (what the traffic readers hand us) and CIDR blocks.
 * Parsing is strict: the topology is user input, and a silently mis-read address would turn
 * into a wrong verdict rather than an error.
 */
import { ModelError } from "../errors";

export interface Cidr {
  /** Network address, host bits cleared, uint32. */
  readonly network: number;
  readonly prefixLength: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Parses `a.b.c.d` into a uint32, or returns undefined when it is not a dotted IPv4 address. */
export function tryParseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function parseIpv4(text: string, what: string): number {
  const value = tryParseIpv4(text);
  if (value === undefined) {
    throw new ModelError("INVALID_IP", `${what}: "${text}" is not an IPv4 address (expected a.b.c.d with octets 0..255)`);
  }
  return value;
}

export function formatIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Mask with the top `prefixLength` bits set, as uint32. */
export function prefixMask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function parseCidr(text: string, what: string): Cidr {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? "32" : text.slice(slash + 1);
  const ip = tryParseIpv4(address);
  const prefixLength = /^(0|[1-9][0-9]?)$/.test(lengthText) ? Number(lengthText) : NaN;
  if (ip === undefined || !(prefixLength >= 0 && prefixLength <= 32)) {
    throw new ModelError("INVALID_CIDR", `${what}: "${text}" is not an IPv4 CIDR block (expected a.b.c.d/0..32)`);
  }
  return { network: (ip & prefixMask(prefixLength)) >>> 0, prefixLength };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ((ip & prefixMask(cidr.prefixLength)) >>> 0) === cidr.network;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

/** `00:16:3e:00:00:01` → 48-bit integer (exact in a double), the form capture readers use. */
export function parseMac(text: string, what: string): number {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) {
    throw new ModelError("INVALID_MAC", `${what}: "${text}" is not a MAC address (expected six hex pairs like 00:16:3e:00:00:01)`);
  }
  return parts.reduce((acc, p) => acc * 256 + parseInt(p, 16), 0);
}

export function formatMac(value: number): string {
  const out: string[] = [];
  let v = value;
  for (let i = 0; i < 6; i++) {
    out.unshift((v % 256).toString(16).padStart(2, "0"));
    v = Math.floor(v / 256);
  }
  return out.join(":");
}
