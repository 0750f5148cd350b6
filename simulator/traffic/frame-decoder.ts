/**
 * Decodes one captured frame (link layer, IPv4 header, TCP/UDP ports) straight from the reader's
 * buffer into one row of the reader's PacketBatch. It runs once per packet, millions of times per
 * capture, so it allocates nothing and reports failures as small integer codes; the reader turns
 * a code into a TrafficFormatError (with the file and offset) only on the rare bad frame.
 */
import { classifyMetadataRequest, METADATA_NONE, METADATA_SERVICE_IP, METADATA_SERVICE_PORT } from "./metadata-request";
import {
  F_CAPTURE_DIRECTION,
  F_DST_IP,
  F_DST_MAC_HIGH,
  F_DST_MAC_LOW,
  F_DST_PORT,
  F_METADATA_REQUEST,
  F_PROTOCOL,
  F_SRC_IP,
  F_SRC_MAC_HIGH,
  F_SRC_MAC_LOW,
  F_SRC_PORT,
} from "./packet-batch";
import { CAPTURE_DIRECTION_IN, CAPTURE_DIRECTION_OUT, CAPTURE_DIRECTION_UNKNOWN } from "./records";

// Module-local copies of the constants read per packet: a transpiler's CommonJS interop may turn
// each use of an imported binding into a getter call on the module object.
const NOT_METADATA: number = METADATA_NONE;
// The batch's field offsets, copied for the same reason.
const SRC_MAC_HIGH: number = F_SRC_MAC_HIGH;
const SRC_MAC_LOW: number = F_SRC_MAC_LOW;
const DST_MAC_HIGH: number = F_DST_MAC_HIGH;
const DST_MAC_LOW: number = F_DST_MAC_LOW;
const SRC_IP: number = F_SRC_IP;
const DST_IP: number = F_DST_IP;
const PROTOCOL: number = F_PROTOCOL;
const SRC_PORT: number = F_SRC_PORT;
const DST_PORT: number = F_DST_PORT;
const METADATA_REQUEST: number = F_METADATA_REQUEST;
const CAPTURE_DIRECTION: number = F_CAPTURE_DIRECTION;
const DIRECTION_UNKNOWN: number = CAPTURE_DIRECTION_UNKNOWN;
// As int32, the form the batch stores addresses in.
const METADATA_IP: number = METADATA_SERVICE_IP | 0;
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
/**
 * Decodes `buf[start, start + caplen)` framed as `link` into the int32 fields at `f[at...]` (a
 * PacketBatch's `ints`; all but the interface id, which the container format supplies, as it
 * does the length and timestamp). Returns a FRAME_* code.
 */
export function decodeFrame(buf: Buffer, view: DataView, start: number, caplen: number, link: LinkKind, f: Int32Array, at: number): number {
  const end = start + caplen;
  let p = start;
  let etherType: number;
  f[at + SRC_MAC_HIGH] = -1;
  f[at + DST_MAC_HIGH] = -1;
  f[at + CAPTURE_DIRECTION] = DIRECTION_UNKNOWN;
  switch (link) {
    case 0: {
      if (caplen < 14) return FRAME_SHORT_LINK_HEADER;
      f[at + DST_MAC_HIGH] = view.getUint16(p);
      f[at + DST_MAC_LOW] = view.getInt32(p + 2);
      f[at + SRC_MAC_HIGH] = view.getUint16(p + 6);
      f[at + SRC_MAC_LOW] = view.getInt32(p + 8);
      etherType = view.getUint16(p + 12);
      p += 14;
      break;
    }
    case 1: {
      // SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.
      if (caplen < 16) return FRAME_SHORT_LINK_HEADER;
      f[at + CAPTURE_DIRECTION] = sllDirection(view.getUint16(p));
      etherType = view.getUint16(p + 14);
      p += 16;
      break;
    }
    case 2: {
      // SLL2: protocol first, then reserved, ifindex, ARPHRD, packet type, address length, address.
      if (caplen < 20) return FRAME_SHORT_LINK_HEADER;
      f[at + CAPTURE_DIRECTION] = sllDirection(view.getUint8(p + 10));
      etherType = view.getUint16(p);
      p += 20;
      break;
    }
    case 3: {
      if (caplen < 1) return FRAME_SHORT_IP_HEADER;
      const version = view.getUint8(p) >> 4;
      if (version === 6) return FRAME_IGNORED;
      if (version !== 4) return FRAME_BAD_IP_VERSION;
      return decodeIpv4(buf, view, p, end, f, at);
    }
    case 4:
      return decodeIpv4(buf, view, p, end, f, at);
    case 5:
      return FRAME_IGNORED;
  }
  let tags = 0;
  while (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ || etherType === ETHERTYPE_QINQ_OLD) {
    if (++tags > MAX_VLAN_TAGS) return FRAME_TOO_MANY_TAGS;
    if (end - p < 4) return FRAME_SHORT_LINK_HEADER;
    etherType = view.getUint16(p + 2);
    p += 4;
  }
  if (etherType !== ETHERTYPE_IPV4) return FRAME_IGNORED;
  return decodeIpv4(buf, view, p, end, f, at);
}

/** decodeEthernetIpv4 could not take the frame: decodeFrame must. */
export const FRAME_NEEDS_FULL_DECODE = -1;

/**
 * The common frame, decoded in few enough bytecodes that the readers' record loops inline it:
 * untagged Ethernet, IPv4 without options, not a fragment, not to the metadata service. Anything
 * else (VLAN tags, options, fragments, short frames, metadata requests, errors) returns
 * FRAME_NEEDS_FULL_DECODE, and decodeFrame decides. Same fields, same values as decodeFrame.
 */
export function decodeEthernetIpv4(view: DataView, start: number, caplen: number, f: Int32Array, at: number): number {
  if (caplen < 38 || view.getUint16(start + 12) !== ETHERTYPE_IPV4 || view.getUint8(start + 14) !== 0x45) return FRAME_NEEDS_FULL_DECODE;
  const dstIp = view.getInt32(start + 30);
  if (dstIp === METADATA_IP || (view.getUint16(start + 20) & 0x1fff) !== 0) return FRAME_NEEDS_FULL_DECODE;
  const protocol = view.getUint8(start + 23);
  f[at + DST_MAC_HIGH] = view.getUint16(start);
  f[at + DST_MAC_LOW] = view.getInt32(start + 2);
  f[at + SRC_MAC_HIGH] = view.getUint16(start + 6);
  f[at + SRC_MAC_LOW] = view.getInt32(start + 8);
  f[at + CAPTURE_DIRECTION] = DIRECTION_UNKNOWN;
  f[at + PROTOCOL] = protocol;
  f[at + SRC_IP] = view.getInt32(start + 26);
  f[at + DST_IP] = dstIp;
  f[at + METADATA_REQUEST] = NOT_METADATA;
  const ports = protocol === 6 || protocol === 17 || protocol === 132;
  f[at + SRC_PORT] = ports ? view.getUint16(start + 34) : 0;
  f[at + DST_PORT] = ports ? view.getUint16(start + 36) : 0;
  return FRAME_DECODED;
}

/** Linux packet types: 0 host, 1 broadcast, 2 multicast, 3 other host (all arriving), 4 outgoing. */
function sllDirection(packetType: number): number {
  if (packetType === 4) return CAPTURE_DIRECTION_OUT;
  return packetType <= 3 ? CAPTURE_DIRECTION_IN : CAPTURE_DIRECTION_UNKNOWN;
}

function decodeIpv4(buf: Buffer, view: DataView, p: number, end: number, f: Int32Array, at: number): number {
  if (end - p < 20) return FRAME_SHORT_IP_HEADER;
  const first = view.getUint8(p);
  if (first >> 4 !== 4) return FRAME_BAD_IP_VERSION;
  const headerLength = (first & 15) << 2;
  if (headerLength < 20) return FRAME_BAD_IHL;
  if (end - p < headerLength) return FRAME_SHORT_IP_HEADER;
  const protocol = view.getUint8(p + 9);
  const dstIp = view.getInt32(p + 16);
  f[at + PROTOCOL] = protocol;
  f[at + SRC_IP] = view.getInt32(p + 12);
  f[at + DST_IP] = dstIp;
  f[at + SRC_PORT] = 0;
  f[at + DST_PORT] = 0;
  f[at + METADATA_REQUEST] = NOT_METADATA;
  // Only the first fragment carries the transport header; a snaplen may also cut it off.
  const fragmentOffset = view.getUint16(p + 6) & 0x1fff;
  const l4 = p + headerLength;
  if (fragmentOffset === 0 && end - l4 >= 4 && (protocol === 6 || protocol === 17 || protocol === 132)) {
    const dstPort = view.getUint16(l4 + 2);
    f[at + SRC_PORT] = view.getUint16(l4);
    f[at + DST_PORT] = dstPort;
    // One comparison per packet; the HTTP parsing runs only for the metadata service's segments.
    if (dstIp === METADATA_IP && protocol === 6 && dstPort === METADATA_PORT && end - l4 >= 20) {
      f[at + METADATA_REQUEST] = classifyMetadataRequest(buf, l4 + ((view.getUint8(l4 + 12) >> 4) << 2), end);
    }
  }
  return FRAME_DECODED;
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
