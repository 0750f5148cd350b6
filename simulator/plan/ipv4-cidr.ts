/**
 * IPv4 and CIDR checks for plan adapters, on top of ipaddr.js. Only strict dotted-quad forms are
 * accepted: `10.1` or `012.0.0.1` parse in some libraries and mean something else in others.
 */
import ipaddr from "ipaddr.js";

export interface Ipv4Cidr {
  /** Normalised text, e.g. `10.0.1.0/24`. */
  readonly text: string;
  readonly network: number;
  readonly prefixLength: number;
}

export function isIpv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function ipv4ToInt(text: string): number {
  const b = ipaddr.IPv4.parse(text).octets;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export type CidrProblem = "syntax" | "host-bits";

/** Parses `a.b.c.d/n`; reports host bits set (`10.0.1.5/24`) separately so messages can say so. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | CidrProblem {
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return "syntax";
  const [addr, prefixLength] = ipaddr.IPv4.parseCIDR(text);
  const value = ipv4ToInt(addr.toString());
  const mask = prefixMask(prefixLength);
  const network = (value & mask) >>> 0;
  if (network !== value) return "host-bits";
  return { text: `${intToIpv4(network)}/${prefixLength}`, network, prefixLength };
}

export function prefixMask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function cidrContains(cidr: Ipv4Cidr, ip: string): boolean {
  return ((ipv4ToInt(ip) & prefixMask(cidr.prefixLength)) >>> 0) === cidr.network;
}

export function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefixLength);
}

/**
 * The first free address of a vSwitch, the way a placeholder for "assigned at apply" is chosen.
 * Alibaba reserves the first and the last three addresses of every vSwitch CIDR, so those are
 * never handed out. Returns undefined when the vSwitch is full.
 */
export function firstFreeAddress(cidr: Ipv4Cidr, used: ReadonlySet<string>): string | undefined {
  const size = cidrSize(cidr);
  for (let offset = 1; offset < size - 3; offset++) {
    const candidate = intToIpv4((cidr.network + offset) >>> 0);
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}
