/**
 * Writes pcap and pcapng captures for tests (and the benchmark generator): frames built from a
 * small spec, in either byte order, micro- or nanosecond resolution, any supported link type,
 * several pcapng sections and interfaces, EPB/SPB/obsolete PB. Written independently of the
 * readers (byte layouts from the pcap/pcapng specs) so a round trip checks one against the other.
 */

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;

export interface IpSpec {
  readonly src: number;
  readonly dst: number;
  /** 6 tcp, 17 udp, 1 icmp, anything else. */
  readonly protocol: number;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** IPv4 option words (4 bytes each, 0..10). */
  readonly optionWords?: number;
  /** Non-zero: a later fragment (carries no transport header). */
  readonly fragmentOffset?: number;
  readonly payloadBytes?: number;
  /** Payload bytes (e.g. an HTTP request); overrides payloadBytes. */
  readonly payload?: Buffer;
}

export interface FrameSpec {
  readonly srcMac: number;
  readonly dstMac: number;
  /** TPIDs of stacked VLAN tags, outermost first (0x8100, 0x88a8, 0x9100). */
  readonly vlanTags?: readonly number[];
  /** Omit for IPv4; 0x86dd (IPv6) or 0x0806 (ARP) build a non-IPv4 frame. */
  readonly etherType?: number;
  readonly ip?: IpSpec;
  /** Linux cooked (SLL/SLL2) packet type: 0 to us (default), 1 broadcast, 2 multicast, 3 other host, 4 outgoing. */
  readonly packetType?: number;
}

/** The IPv4 packet (header, options, transport header, payload), or a stand-in for IPv6/ARP. */
export function buildNetworkPacket(frame: FrameSpec): Buffer {
  if (frame.etherType !== undefined && frame.etherType !== 0x0800) {
    const other = Buffer.alloc(frame.etherType === 0x86dd ? 40 : 28);
    if (frame.etherType === 0x86dd) other[0] = 0x60;
    return other;
  }
  const ip = frame.ip ?? { src: 0, dst: 0, protocol: 6 };
  const optionBytes = 4 * (ip.optionWords ?? 0);
  const headerBytes = 20 + optionBytes;
  const fragment = ip.fragmentOffset ?? 0;
  const transportBytes = fragment !== 0 ? 0 : ip.protocol === 6 ? 20 : ip.protocol === 17 ? 8 : ip.protocol === 1 ? 8 : 0;
  const payload = ip.payload?.length ?? ip.payloadBytes ?? 0;
  const packet = Buffer.alloc(headerBytes + transportBytes + payload);
  packet[0] = 0x40 | (headerBytes / 4);
  packet.writeUInt16BE(packet.length & 0xffff, 2);
  packet.writeUInt16BE(fragment & 0x1fff, 6);
  packet[8] = 64;
  packet[9] = ip.protocol;
  packet.writeUInt32BE(ip.src >>> 0, 12);
  packet.writeUInt32BE(ip.dst >>> 0, 16);
  // NOP options (type 1) keep the header valid whatever the length.
  packet.fill(1, 20, headerBytes);
  if (transportBytes > 0 && (ip.protocol === 6 || ip.protocol === 17)) {
    packet.writeUInt16BE(ip.srcPort ?? 0, headerBytes);
    packet.writeUInt16BE(ip.dstPort ?? 0, headerBytes + 2);
    if (ip.protocol === 6) packet[headerBytes + 12] = 5 << 4;
    else packet.writeUInt16BE(8 + payload, headerBytes + 4);
  } else if (transportBytes > 0 && ip.protocol === 1) {
    packet[headerBytes] = 8;
  }
  ip.payload?.copy(packet, headerBytes + transportBytes);
  return packet;
}

/** The whole frame as the link type frames it. */
export function buildFrame(frame: FrameSpec, linkType: number): Buffer {
  const network = buildNetworkPacket(frame);
  const etherType = frame.etherType ?? 0x0800;
  switch (linkType) {
    case LINKTYPE_ETHERNET: {
      const tags = frame.vlanTags ?? [];
      const header = Buffer.alloc(14 + 4 * tags.length);
      writeMac(header, 0, frame.dstMac);
      writeMac(header, 6, frame.srcMac);
      let p = 12;
      tags.forEach((tpid, index) => {
        header.writeUInt16BE(tpid, p);
        header.writeUInt16BE(100 + index, p + 2);
        p += 4;
      });
      header.writeUInt16BE(etherType, p);
      return Buffer.concat([header, network]);
    }
    case LINKTYPE_LINUX_SLL: {
      const header = Buffer.alloc(16);
      header.writeUInt16BE(frame.packetType ?? 0, 0);
      header.writeUInt16BE(1, 2);
      header.writeUInt16BE(6, 4);
      writeMac(header, 6, frame.srcMac);
      header.writeUInt16BE(etherType, 14);
      return Buffer.concat([header, network]);
    }
    case LINKTYPE_LINUX_SLL2: {
      const header = Buffer.alloc(20);
      header.writeUInt16BE(etherType, 0);
      header.writeUInt32BE(2, 4);
      header.writeUInt16BE(1, 8);
      header[10] = frame.packetType ?? 0;
      header[11] = 6;
      writeMac(header, 12, frame.srcMac);
      return Buffer.concat([header, network]);
    }
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return network;
    default:
      throw new Error(`capture-writer: no framing for link type ${linkType}`);
  }
}

function writeMac(buf: Buffer, at: number, mac: number): void {
  buf.writeUInt16BE(Math.floor(mac / 2 ** 32) & 0xffff, at);
  buf.writeUInt32BE(mac % 2 ** 32 >>> 0, at + 2);
}

export interface CapturedPacket {
  /** Whole seconds since the epoch. */
  readonly seconds: number;
  /** Sub-second part in the file's units (µs or ns for pcap, the interface's units for pcapng). */
  readonly fraction: number;
  readonly data: Buffer;
  /** On-the-wire length (default: data length). Data longer than the snaplen is cut. */
  readonly origlen?: number;
}

export interface PcapOptions {
  readonly littleEndian?: boolean;
  readonly nanos?: boolean;
  readonly linkType?: number;
  readonly snaplen?: number;
}

export function pcapFileHeader(options: PcapOptions = {}): Buffer {
  const header = Buffer.alloc(24);
  const le = options.littleEndian ?? true;
  const u32 = (value: number, at: number): number => (le ? header.writeUInt32LE(value >>> 0, at) : header.writeUInt32BE(value >>> 0, at));
  const u16 = (value: number, at: number): number => (le ? header.writeUInt16LE(value, at) : header.writeUInt16BE(value, at));
  u32(options.nanos ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(2, 4);
  u16(4, 6);
  u32(options.snaplen ?? 65535, 16);
  u32(options.linkType ?? LINKTYPE_ETHERNET, 20);
  return header;
}

export function pcapRecord(packet: CapturedPacket, options: PcapOptions = {}): Buffer {
  const snaplen = options.snaplen ?? 65535;
  const data = packet.data.length > snaplen ? packet.data.subarray(0, snaplen) : packet.data;
  const header = Buffer.alloc(16);
  const le = options.littleEndian ?? true;
  const u32 = (value: number, at: number): number => (le ? header.writeUInt32LE(value >>> 0, at) : header.writeUInt32BE(value >>> 0, at));
  u32(packet.seconds, 0);
  u32(packet.fraction, 4);
  u32(data.length, 8);
  u32(packet.origlen ?? packet.data.length, 12);
  return Buffer.concat([header, data]);
}

export function pcapFile(packets: readonly CapturedPacket[], options: PcapOptions = {}): Buffer {
  return Buffer.concat([pcapFileHeader(options), ...packets.map((packet) => pcapRecord(packet, options))]);
}

export interface PcapngInterface {
  readonly linkType: number;
  readonly snaplen?: number;
  /** if_tsresol byte: 6 = µs (default), 9 = ns, 0x80|n = 2^-n. */
  readonly tsresol?: number;
  /** if_tsoffset in seconds. */
  readonly tsoffset?: number;
}

export type PcapngPacketBlock =
  | { readonly kind: "epb"; readonly interfaceId: number; readonly timestamp: bigint; readonly data: Buffer; readonly origlen?: number }
  | { readonly kind: "pb"; readonly interfaceId: number; readonly timestamp: bigint; readonly data: Buffer; readonly origlen?: number }
  | { readonly kind: "spb"; readonly data: Buffer; readonly origlen?: number }
  /** Any other block, e.g. a Name Resolution Block (4) or a custom one: readers must skip it. */
  | { readonly kind: "other"; readonly type: number; readonly body: Buffer };

export interface PcapngSection {
  readonly littleEndian?: boolean;
  readonly interfaces: readonly PcapngInterface[];
  readonly blocks: readonly PcapngPacketBlock[];
}

/** One block: type, total length, body padded to 4, total length. */
export function pcapngBlock(type: number, body: Buffer, littleEndian: boolean): Buffer {
  const padded = Buffer.alloc((body.length + 3) & ~3);
  body.copy(padded);
  const total = 12 + padded.length;
  const head = Buffer.alloc(8);
  const tail = Buffer.alloc(4);
  if (littleEndian) {
    head.writeUInt32LE(type >>> 0, 0);
    head.writeUInt32LE(total, 4);
    tail.writeUInt32LE(total, 0);
  } else {
    head.writeUInt32BE(type >>> 0, 0);
    head.writeUInt32BE(total, 4);
    tail.writeUInt32BE(total, 0);
  }
  return Buffer.concat([head, padded, tail]);
}

export function pcapngSectionHeader(littleEndian: boolean): Buffer {
  const body = Buffer.alloc(16);
  const w = new Writer(body, littleEndian);
  w.u32(0x1a2b3c4d, 0);
  w.u16(1, 4);
  w.u16(0, 6);
  body.writeBigInt64LE(-1n, 8);
  return pcapngBlock(0x0a0d0d0a, body, littleEndian);
}

export function pcapngInterfaceBlock(iface: PcapngInterface, littleEndian: boolean): Buffer {
  const options: Buffer[] = [];
  if (iface.tsresol !== undefined) options.push(option(9, Buffer.from([iface.tsresol]), littleEndian));
  if (iface.tsoffset !== undefined) {
    const value = Buffer.alloc(8);
    if (littleEndian) value.writeBigInt64LE(BigInt(iface.tsoffset));
    else value.writeBigInt64BE(BigInt(iface.tsoffset));
    options.push(option(14, value, littleEndian));
  }
  if (options.length > 0) options.push(option(0, Buffer.alloc(0), littleEndian));
  const fixed = Buffer.alloc(8);
  const w = new Writer(fixed, littleEndian);
  w.u16(iface.linkType, 0);
  w.u32(iface.snaplen ?? 0, 4);
  return pcapngBlock(1, Buffer.concat([fixed, ...options]), littleEndian);
}

export function pcapngPacketBlock(block: PcapngPacketBlock, littleEndian: boolean, snaplen = 0): Buffer {
  switch (block.kind) {
    case "epb":
    case "pb": {
      const data = snaplen > 0 && block.data.length > snaplen ? block.data.subarray(0, snaplen) : block.data;
      const fixed = Buffer.alloc(20);
      const w = new Writer(fixed, littleEndian);
      if (block.kind === "epb") w.u32(block.interfaceId, 0);
      else w.u16(block.interfaceId, 0);
      w.u32(Number(block.timestamp >> 32n), 4);
      w.u32(Number(block.timestamp & 0xffffffffn), 8);
      w.u32(data.length, 12);
      w.u32(block.origlen ?? block.data.length, 16);
      return pcapngBlock(block.kind === "epb" ? 6 : 2, Buffer.concat([fixed, data]), littleEndian);
    }
    case "spb": {
      const data = snaplen > 0 && block.data.length > snaplen ? block.data.subarray(0, snaplen) : block.data;
      const fixed = Buffer.alloc(4);
      new Writer(fixed, littleEndian).u32(block.origlen ?? block.data.length, 0);
      return pcapngBlock(3, Buffer.concat([fixed, data]), littleEndian);
    }
    case "other":
      return pcapngBlock(block.type, block.body, littleEndian);
  }
}

export function pcapngFile(sections: readonly PcapngSection[]): Buffer {
  const parts: Buffer[] = [];
  for (const section of sections) {
    const le = section.littleEndian ?? true;
    parts.push(pcapngSectionHeader(le));
    for (const iface of section.interfaces) parts.push(pcapngInterfaceBlock(iface, le));
    for (const block of section.blocks) {
      const iface = block.kind === "spb" ? section.interfaces[0] : block.kind === "other" ? undefined : section.interfaces[block.interfaceId];
      parts.push(pcapngPacketBlock(block, le, iface?.snaplen ?? 0));
    }
  }
  return Buffer.concat(parts);
}

function option(code: number, value: Buffer, littleEndian: boolean): Buffer {
  const head = Buffer.alloc(4);
  const w = new Writer(head, littleEndian);
  w.u16(code, 0);
  w.u16(value.length, 2);
  const padded = Buffer.alloc((value.length + 3) & ~3);
  value.copy(padded);
  return Buffer.concat([head, padded]);
}

class Writer {
  constructor(
    private readonly buf: Buffer,
    private readonly le: boolean,
  ) {}
  u32(value: number, at: number): void {
    if (this.le) this.buf.writeUInt32LE(value >>> 0, at);
    else this.buf.writeUInt32BE(value >>> 0, at);
  }
  u16(value: number, at: number): void {
    if (this.le) this.buf.writeUInt16LE(value, at);
    else this.buf.writeUInt16BE(value, at);
  }
}
