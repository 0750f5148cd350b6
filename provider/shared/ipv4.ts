/** Dotted-quad IPv4 syntax, no leading zeros (ECS rejects "010.0.0.1"). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

function toUint32(ip: string): number {
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** `cidr` like 10.0.1.0/24; returns undefined when the CIDR itself is malformed. */
export function ipv4InCidr(ip: string, cidr: string): boolean | undefined {
  const [base, lengthText] = cidr.split("/");
  const length = Number(lengthText);
  if (base === undefined || !isIpv4(base) || !Number.isInteger(length) || length < 0 || length > 32) return undefined;
  const size = 2 ** (32 - length);
  const start = Math.floor(toUint32(base) / size) * size;
  const value = toUint32(ip);
  return value >= start && value < start + size;
}

export function isIpv4Cidr(value: string): boolean {
  return ipv4InCidr("0.0.0.0", value) !== undefined;
}
