/**
 * Decodes one captured frame (link layer, IPv4 header, TCP/UDP ports) straight from the reader's
 * buffer into the reused PacketRecord. It runs once per packet, millions of times per capture, so
 * it allocates nothing and reports failures as small integer codes; the reader turns a code into
 * a TrafficFormatError (with the file and offset) only on the rare bad frame.
 */
import { classifyMetadataRequest, METADATA_NONE, METADATA_SERVICE_IP, METADATA_SERVICE_PORT } from "./metadata-request";
import { CAPTURE_DIRECTION_IN, CAPTURE_DIRECTION_OUT, CAPTURE_DIRECTION_UNKNOWN, type PacketRecord } from "./records";

// Module-local copies of the constants read per packet: a transpiler's CommonJS interop may turn
// each use of an imported binding into a getter call on the module object.
const NOT_METADATA: number = METADATA_NONE;
const METADATA_IP: number = METADATA_SERVICE_IP;
const METADATA_PORT: number = METADATA_SERVICE_PORT;

/** How a link type frames its IP packets. Numbers, not strings: this is compared per packet. */
export type LinkKind = 0 | 1 | 2 | 3 | 4 | 5;
export const LINK_ETHERNET: LinkKind = 0;
export const LINK_SLL: LinkKind = 1;
export const LINK_SLL2: LinkKind = 2;
/** Raw IP: the version nibble says IPv4 or IPv6. */
export const LINK_RAW: LinkKind = 3;
export const LINK_IPV4: LinkKind = 4;
export const LINK_IPV6: LinkKind = 5;

/** The tcpdump.org LINKTYPE_ values we decode (12 and 14 are DLT_RAW on BSDs/OpenBSD, read as raw IP). */
export function linkKindOf(linkType: number): LinkKind | undefined {
  switch (linkType) {
    case 1:
      return LINK_ETHERNET;
    case 113:
      return LINK_SLL;
    case 276:
      return LINK_SLL2;
    case 101:
    case 12:
    case 14:
      return LINK_RAW;
    case 228:
      return LINK_IPV4;
    case 229:
      return LINK_IPV6;
    default:
      return undefined;
  }
}

export const SUPPORTED_LINK_TYPES =
  "1 (Ethernet), 113 (Linux cooked SLL), 276 (Linux cooked SLL2), 101/12/14 (raw IP), 228 (IPv4), 229 (IPv6)";

/** Outcome of decodeFrame: DECODED filled the record, IGNORED is a valid non-IPv4 frame, others are errors. */
export const FRAME_DECODED = 0;
export const FRAME_IGNORED = 1;
export const FRAME_SHORT_LINK_HEADER = 2;
export const FRAME_TOO_MANY_TAGS = 3;
export const FRAME_SHORT_IP_HEADER = 4;
export const FRAME_BAD_IP_VERSION = 5;
export const FRAME_BAD_IHL = 6;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;
/** 802.1Q allows stacking; more than this is a corrupt frame, not a real network. */
const MAX_VLAN_TAGS = 4;
const TWO_POW_32 = 4294967296;

/** A fresh record for a reader to reuse. */
export function createPacketRecord(): PacketRecord {
  return { srcMac: -1, dstMac: -1, srcIp: 0, dstIp: 0, protocol: 0, srcPort: 0, dstPort: 0, bytes: 0, interfaceId: 0, timestamp: 0, metadataRequest: -1, captureDirection: CAPTURE_DIRECTION_UNKNOWN };
}

/**
 * Decodes `buf[start, start + caplen)` framed as `link` into `rec` (all fields but bytes,
 * interfaceId and timestamp, which the container format supplies). Returns a FRAME_* code.
 */
export function decodeFrame(buf: Buffer, start: number, caplen: number, link: LinkKind, rec: PacketRecord): number {
  const end = start + caplen;
  let p = start;
  let etherType: number;
  rec.srcMac = -1;
  rec.dstMac = -1;
  rec.captureDirection = CAPTURE_DIRECTION_UNKNOWN;
  switch (link) {
    case 0: {
      if (caplen < 14) return FRAME_SHORT_LINK_HEADER;
      rec.dstMac = ((buf[p]! << 8) | buf[p + 1]!) * TWO_POW_32 + readU32(buf, p + 2);
      rec.srcMac = ((buf[p + 6]! << 8) | buf[p + 7]!) * TWO_POW_32 + readU32(buf, p + 8);
      etherType = (buf[p + 12]! << 8) | buf[p + 13]!;
      p += 14;
      break;
    }
    case 1: {
      // SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.
      if (caplen < 16) return FRAME_SHORT_LINK_HEADER;
      rec.captureDirection = sllDirection((buf[p]! << 8) | buf[p + 1]!);
      etherType = (buf[p + 14]! << 8) | buf[p + 15]!;
      p += 16;
      break;
    }
    case 2: {
      // SLL2: protocol first, then reserved, ifindex, ARPHRD, packet type, address length, address.
      if (caplen < 20) return FRAME_SHORT_LINK_HEADER;
      rec.captureDirection = sllDirection(buf[p + 10]!);
      etherType = (buf[p]! << 8) | buf[p + 1]!;
      p += 20;
      break;
    }
    case 3: {
      if (caplen < 1) return FRAME_SHORT_IP_HEADER;
      const version = buf[p]! >> 4;
      if (version === 6) return FRAME_IGNORED;
      if (version !== 4) return FRAME_BAD_IP_VERSION;
      return decodeIpv4(buf, p, end, rec);
    }
    case 4:
      return decodeIpv4(buf, p, end, rec);
    case 5:
      return FRAME_IGNORED;
  }
  let tags = 0;
  while (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ || etherType === ETHERTYPE_QINQ_OLD) {
    if (++tags > MAX_VLAN_TAGS) return FRAME_TOO_MANY_TAGS;
    if (end - p < 4) return FRAME_SHORT_LINK_HEADER;
    etherType = (buf[p + 2]! << 8) | buf[p + 3]!;
    p += 4;
  }
  if (etherType !== ETHERTYPE_IPV4) return FRAME_IGNORED;
  return decodeIpv4(buf, p, end, rec);
}

/** Linux packet types: 0 host, 1 broadcast, 2 multicast, 3 other host (all arriving), 4 outgoing. */
function sllDirection(packetType: number): number {
  if (packetType === 4) return CAPTURE_DIRECTION_OUT;
  return packetType <= 3 ? CAPTURE_DIRECTION_IN : CAPTURE_DIRECTION_UNKNOWN;
}

function decodeIpv4(buf: Buffer, p: number, end: number, rec: PacketRecord): number {
  if (end - p < 20) return FRAME_SHORT_IP_HEADER;
  const first = buf[p]!;
  if (first >> 4 !== 4) return FRAME_BAD_IP_VERSION;
  const headerLength = (first & 15) << 2;
  if (headerLength < 20) return FRAME_BAD_IHL;
  if (end - p < headerLength) return FRAME_SHORT_IP_HEADER;
  const protocol = buf[p + 9]!;
  rec.protocol = protocol;
  rec.srcIp = readU32(buf, p + 12);
  rec.dstIp = readU32(buf, p + 16);
  rec.srcPort = 0;
  rec.dstPort = 0;
  // Only the first fragment carries the transport header; a snaplen may also cut it off.
  const fragmentOffset = ((buf[p + 6]! & 0x1f) << 8) | buf[p + 7]!;
  const l4 = p + headerLength;
  rec.metadataRequest = NOT_METADATA;
  if (fragmentOffset === 0 && end - l4 >= 4 && (protocol === 6 || protocol === 17 || protocol === 132)) {
    rec.srcPort = (buf[l4]! << 8) | buf[l4 + 1]!;
    rec.dstPort = (buf[l4 + 2]! << 8) | buf[l4 + 3]!;
    // One comparison per packet; the HTTP parsing runs only for the metadata service's segments.
    if (rec.dstIp === METADATA_IP && protocol === 6 && rec.dstPort === METADATA_PORT && end - l4 >= 20) {
      rec.metadataRequest = classifyMetadataRequest(buf, l4 + ((buf[l4 + 12]! >> 4) << 2), end);
    }
  }
  return FRAME_DECODED;
}

function readU32(buf: Buffer, p: number): number {
  return ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
}

/** What a frame error code means, for the TrafficFormatError the reader builds. */
export function describeFrameError(code: number): string {
  switch (code) {
    case FRAME_SHORT_LINK_HEADER:
      return "a complete link-layer header (Ethernet 14, VLAN tag 4, SLL 16, SLL2 20 bytes) within the captured length";
    case FRAME_TOO_MANY_TAGS:
      return `at most ${MAX_VLAN_TAGS} stacked 802.1Q/QinQ tags`;
    case FRAME_SHORT_IP_HEADER:
      return "a complete IPv4 header (20 bytes plus options) within the captured length";
    case FRAME_BAD_IP_VERSION:
      return "IP version 4 (or 6 on raw-IP links) in the first header nibble";
    case FRAME_BAD_IHL:
      return "an IPv4 header length (IHL) of at least 5 words";
    default:
      return `a decodable frame (decoder code ${code})`;
  }
}
