/**
 * Generates the benchmark inputs, streamed to disk through one reused buffer (a 2M-packet
 * capture never sits in memory):
 *   - an Ethernet/IPv4 TCP+UDP capture taken on the NAT ENI of bench/nat-eni-scenario.ts, as
 *     pcap and/or pcapng, with a 96-byte snaplen (headers only, how such captures are taken);
 *   - a VPC flow-log CSV export (all DESIGN.md fields, in a header) of the same traffic.
 * Output is deterministic (seeded PRNG) and goes under bench/out/ (gitignored).
 *
 *   npx tsx bench/generate-capture.ts --packets 2000000 [--format pcap|pcapng|both] [--flowlog-records 1000000]
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

import { CLIENT_COUNT, CLIENT_NETWORK, GATEWAY_MAC, ipv4, mac48, NAT_ENI_ID, NAT_ENI_IP, NAT_ENI_MAC, SERVER_COUNT, SERVER_NETWORK } from "./nat-eni-scenario";

export const OUT_DIR = join(__dirname, "out");
export const DEFAULT_SNAPLEN = 96;
const BUFFER_BYTES = 4 << 20;

export type CaptureFormat = "pcap" | "pcapng";

/** A small, fast, deterministic PRNG (mulberry32): the same seed gives the same capture. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends to a file through one buffer, flushing with writeSync when it fills. */
class BufferedFile {
  readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  pos = 0;
  written = 0;
  private readonly fd: number;
  constructor(file: string) {
    this.fd = openSync(file, "w");
  }
  reserve(bytes: number): void {
    if (this.pos + bytes > this.buf.length) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.buf, 0, this.pos);
    this.written += this.pos;
    this.pos = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** One packet of the NAT's four kinds of traffic, as header fields. */
interface SyntheticPacket {
  toEni: boolean;
  srcIp: number;
  dstIp: number;
  protocol: number;
  srcPort: number;
  dstPort: number;
  wireBytes: number;
}

function nextPacket(random: () => number, p: SyntheticPacket): void {
  const client = ipv4(CLIENT_NETWORK) + 1 + Math.floor(random() * CLIENT_COUNT);
  const server = ipv4(SERVER_NETWORK) + 1 + Math.floor(random() * SERVER_COUNT);
  const nat = ipv4(NAT_ENI_IP);
  const udp = random() < 0.3;
  const clientPort = 1024 + Math.floor(random() * 60000);
  const serverPort = udp ? (random() < 0.5 ? 53 : 123) : random() < 0.7 ? 443 : 80;
  const natPort = 20000 + (client & 0xff) * 100 + (clientPort % 100);
  p.protocol = udp ? 17 : 6;
  const headers = 14 + 20 + (udp ? 8 : 20);
  p.wireBytes = Math.max(60, headers + (random() < 0.4 ? 0 : 64 + Math.floor(random() * 1396)));
  // The NAT's four legs: client -> NAT (forwarded in), NAT -> server (its own address),
  // server -> NAT (its own address), NAT -> client (forwarded out).
  switch (Math.floor(random() * 4)) {
    case 0:
      Object.assign(p, { toEni: true, srcIp: client, dstIp: server, srcPort: clientPort, dstPort: serverPort });
      break;
    case 1:
      Object.assign(p, { toEni: false, srcIp: nat, dstIp: server, srcPort: natPort, dstPort: serverPort });
      break;
    case 2:
      Object.assign(p, { toEni: true, srcIp: server, dstIp: nat, srcPort: serverPort, dstPort: natPort });
      break;
    default:
      Object.assign(p, { toEni: false, srcIp: server, dstIp: client, srcPort: serverPort, dstPort: clientPort });
  }
}

function writeFrame(out: BufferedFile, at: number, p: SyntheticPacket, caplen: number, seq: number): void {
  const b = out.buf;
  const eniMac = mac48(NAT_ENI_MAC);
  const gatewayMac = mac48(GATEWAY_MAC);
  writeMac(b, at, p.toEni ? eniMac : gatewayMac);
  writeMac(b, at + 6, p.toEni ? gatewayMac : eniMac);
  b.writeUInt16BE(0x0800, at + 12);
  const ip = at + 14;
  b.fill(0, ip, at + caplen);
  b[ip] = 0x45;
  b.writeUInt16BE(p.wireBytes - 14, ip + 2);
  b.writeUInt16BE(seq & 0xffff, ip + 4);
  b.writeUInt16BE(0x4000, ip + 6);
  b[ip + 8] = 64;
  b[ip + 9] = p.protocol;
  b.writeUInt32BE(p.srcIp >>> 0, ip + 12);
  b.writeUInt32BE(p.dstIp >>> 0, ip + 16);
  const l4 = ip + 20;
  b.writeUInt16BE(p.srcPort, l4);
  b.writeUInt16BE(p.dstPort, l4 + 2);
  if (p.protocol === 6) {
    b.writeUInt32BE(seq >>> 0, l4 + 4);
    b[l4 + 12] = 0x50;
    b[l4 + 13] = 0x18;
    b.writeUInt16BE(502, l4 + 14);
  } else {
    b.writeUInt16BE(p.wireBytes - 34, l4 + 4);
  }
}

function writeMac(b: Buffer, at: number, mac: number): void {
  b.writeUInt16BE(Math.floor(mac / 2 ** 32), at);
  b.writeUInt32BE(mac % 2 ** 32, at + 2);
}

export interface CaptureOptions {
  readonly packets: number;
  readonly format: CaptureFormat;
  readonly snaplen?: number;
  readonly seed?: number;
}

/** Writes the capture; returns its size in bytes. */
export function generateCapture(file: string, options: CaptureOptions): number {
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  const random = prng(options.seed ?? 42);
  const out = new BufferedFile(file);
  writeCaptureHeader(out, options.format, snaplen);
  const p: SyntheticPacket = { toEni: false, srcIp: 0, dstIp: 0, protocol: 0, srcPort: 0, dstPort: 0, wireBytes: 0 };
  const start = 1_763_000_000;
  for (let i = 0; i < options.packets; i++) {
    nextPacket(random, p);
    const caplen = Math.min(p.wireBytes, snaplen);
    const micros = i * 50;
    const seconds = start + Math.floor(micros / 1e6);
    const fraction = micros % 1e6;
    if (options.format === "pcap") {
      out.reserve(16 + caplen);
      const b = out.buf;
      b.writeUInt32LE(seconds, out.pos);
      b.writeUInt32LE(fraction, out.pos + 4);
      b.writeUInt32LE(caplen, out.pos + 8);
      b.writeUInt32LE(p.wireBytes, out.pos + 12);
      writeFrame(out, out.pos + 16, p, caplen, i);
      out.pos += 16 + caplen;
    } else {
      const padded = (caplen + 3) & ~3;
      const total = 32 + padded;
      out.reserve(total);
      const b = out.buf;
      const stamp = seconds * 1e6 + fraction;
      b.writeUInt32LE(6, out.pos);
      b.writeUInt32LE(total, out.pos + 4);
      b.writeUInt32LE(0, out.pos + 8);
      b.writeUInt32LE(Math.floor(stamp / 2 ** 32), out.pos + 12);
      b.writeUInt32LE(stamp % 2 ** 32, out.pos + 16);
      b.writeUInt32LE(caplen, out.pos + 20);
      b.writeUInt32LE(p.wireBytes, out.pos + 24);
      writeFrame(out, out.pos + 28, p, caplen, i);
      b.fill(0, out.pos + 28 + caplen, out.pos + 28 + padded);
      b.writeUInt32LE(total, out.pos + 28 + padded);
      out.pos += total;
    }
  }
  out.close();
  return out.written;
}

function writeCaptureHeader(out: BufferedFile, format: CaptureFormat, snaplen: number): void {
  const b = out.buf;
  if (format === "pcap") {
    b.writeUInt32LE(0xa1b2c3d4, 0);
    b.writeUInt16LE(2, 4);
    b.writeUInt16LE(4, 6);
    b.writeUInt32LE(0, 8);
    b.writeUInt32LE(0, 12);
    b.writeUInt32LE(snaplen, 16);
    b.writeUInt32LE(1, 20);
    out.pos = 24;
    return;
  }
  // Section Header Block (28 bytes, no options) and one Ethernet Interface Description Block (20).
  b.writeUInt32LE(0x0a0d0d0a, 0);
  b.writeUInt32LE(28, 4);
  b.writeUInt32LE(0x1a2b3c4d, 8);
  b.writeUInt16LE(1, 12);
  b.writeUInt16LE(0, 14);
  b.writeBigInt64LE(BigInt(-1), 16);
  b.writeUInt32LE(28, 24);
  b.writeUInt32LE(1, 28);
  b.writeUInt32LE(20, 32);
  b.writeUInt16LE(1, 36);
  b.writeUInt16LE(0, 38);
  b.writeUInt32LE(snaplen, 40);
  b.writeUInt32LE(20, 44);
  out.pos = 48;
}

export const FLOW_LOG_HEADER =
  "version,vswitch-id,vm-id,vpc-id,account-id,eni-id,region,srcaddr,srcport,dstaddr,dstport,protocol,direction,packets,bytes,start,end,log-status,action,tcp-flags";

/**
 * Writes a flow-log CSV: 4 in 5 records at the NAT ENI (its four legs, in/out), the rest at the
 * clients' own ENIs. Returns the size in bytes.
 */
export function generateFlowLog(file: string, records: number, seed = 7): number {
  const random = prng(seed);
  const out = new BufferedFile(file);
  out.pos = out.buf.write(`${FLOW_LOG_HEADER}\n`, 0, "latin1");
  const p: SyntheticPacket = { toEni: false, srcIp: 0, dstIp: 0, protocol: 0, srcPort: 0, dstPort: 0, wireBytes: 0 };
  const start = 1_763_000_000;
  for (let i = 0; i < records; i++) {
    nextPacket(random, p);
    const packets = 1 + Math.floor(random() * 200);
    const atNat = random() < 0.8;
    const client = (p.toEni ? p.srcIp : p.dstIp) - ipv4(CLIENT_NETWORK) - 1;
    const clientIndex = client >= 0 && client < CLIENT_COUNT ? client : Math.floor(random() * CLIENT_COUNT);
    const eni = atNat ? NAT_ENI_ID : `eni-client-${clientIndex}`;
    const vm = atNat ? "i-nat" : `i-client-${clientIndex}`;
    const vsw = atNat ? "vsw-public" : "vsw-private";
    // A client ENI only ever sees its own legs: out to the NAT, in from it.
    const direction = atNat ? (p.toEni ? "in" : "out") : random() < 0.5 ? "out" : "in";
    let src = p.srcIp;
    let dst = p.dstIp;
    if (!atNat) {
      const own = ipv4(CLIENT_NETWORK) + 1 + clientIndex;
      src = direction === "out" ? own : p.srcIp;
      dst = direction === "out" ? p.dstIp : own;
    }
    const t = start + Math.floor(i / 1000);
    const line = `1,${vsw},${vm},vpc-bench,1234567890,${eni},cn-hangzhou,${dotted(src)},${p.srcPort},${dotted(dst)},${p.dstPort},${p.protocol},${direction},${packets},${packets * p.wireBytes},${t},${t + 60},OK,ACCEPT,${p.protocol === 6 ? 18 : 0}\n`;
    out.reserve(line.length);
    out.pos += out.buf.write(line, out.pos, "latin1");
  }
  out.close();
  return out.written;
}

function dotted(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

if (require.main === module) {
  mkdirSync(OUT_DIR, { recursive: true });
  const packets = Number(argument("packets") ?? 2_000_000);
  const format = argument("format") ?? "both";
  const formats: CaptureFormat[] = format === "both" ? ["pcap", "pcapng"] : [format as CaptureFormat];
  for (const f of formats) {
    const file = join(OUT_DIR, `nat-${packets}.${f}`);
    const bytes = generateCapture(file, { packets, format: f });
    console.log(`${file}: ${packets} packets, ${(bytes / 1e6).toFixed(1)} MB`);
  }
  const records = argument("flowlog-records");
  if (records !== undefined) {
    const file = join(OUT_DIR, `flowlog-${records}.csv`);
    const bytes = generateFlowLog(file, Number(records));
    console.log(`${file}: ${records} records, ${(bytes / 1e6).toFixed(1)} MB`);
  }
}
