/**
 * IPv4 addresses as unsigned 32-bit numbers, and CIDR blocks. Pure; the emulator's VPCs are
 * IPv4 only, as the seed describes them.
 */
export interface Cidr {
  /** Network address (host bits cleared). */
  readonly network: number;
  readonly prefixLength: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad notation; undefined when malformed (no leading zeros, four octets). */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^(3[0-2]|[12]?\d)$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  if (address % blockSize(prefixLength) !== 0) return undefined;
  return { network: address, prefixLength };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address < cidr.network + blockSize(cidr.prefixLength);
}

export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.prefixLength >= outer.prefixLength && cidrContains(outer, inner.network);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b.network) || cidrContains(b, a.network);
}

/**
 * The addresses a vSwitch hands out: the cloud keeps the network address, the first host
 * (gateway) and the last three (the last being broadcast) for itself.
 */
export function usableRange(cidr: Cidr): { first: number; last: number } {
  const size = blockSize(cidr.prefixLength);
  return { first: cidr.network + 2, last: cidr.network + size - 4 };
}

export function isUsableHost(cidr: Cidr, address: number): boolean {
  const { first, last } = usableRange(cidr);
  return address >= first && address <= last;
}
