import { describe, expect, it } from "vitest";

import {
  decodeFrame,
  FRAME_BAD_IHL,
  FRAME_BAD_IP_VERSION,
  FRAME_DECODED,
  FRAME_IGNORED,
  FRAME_SHORT_IP_HEADER,
  FRAME_SHORT_LINK_HEADER,
  FRAME_TOO_MANY_TAGS,
  LINK_ETHERNET,
  LINK_IPV4,
  LINK_IPV6,
  LINK_RAW,
  LINK_SLL,
  LINK_SLL2,
  type LinkKind,
  linkKindOf,
} from "../../../simulator/traffic/frame-decoder";
import {
  buildFrame,
  type FrameSpec,
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
} from "../../support/capture-writer";
import { F_CAPTURE_DIRECTION, FRAME_INTS, PacketBatch } from "../../../simulator/traffic/packet-batch";
import { CAPTURE_DIRECTION_IN, CAPTURE_DIRECTION_OUT, CAPTURE_DIRECTION_UNKNOWN } from "../../../simulator/traffic/records";
import { ip, mac } from "./collecting-sink";

const SRC_MAC = mac("00:16:3e:00:00:01");
const DST_MAC = mac("ee:ff:ff:ff:ff:ff");
const TCP: FrameSpec = { srcMac: SRC_MAC, dstMac: DST_MAC, ip: { src: ip("10.0.1.5"), dst: ip("93.184.216.34"), protocol: 6, srcPort: 40001, dstPort: 443 } };

function viewOf(frame: Buffer): DataView {
  return new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
}

/** Decodes into row 1 of a batch (row 0 stays untouched), and reads that row back as a record. */
function decode(frame: Buffer, link: LinkKind) {
  const batch = new PacketBatch();
  const code = decodeFrame(frame, viewOf(frame), 0, frame.length, link, batch.ints, 1 * FRAME_INTS);
  return { code, record: batch.recordAt(1), batch };
}

describe("decodeFrame", () => {
  it.each([
    ["Ethernet", LINKTYPE_ETHERNET, LINK_ETHERNET, TCP, SRC_MAC, DST_MAC],
    ["802.1Q", LINKTYPE_ETHERNET, LINK_ETHERNET, { ...TCP, vlanTags: [0x8100] }, SRC_MAC, DST_MAC],
    ["QinQ", LINKTYPE_ETHERNET, LINK_ETHERNET, { ...TCP, vlanTags: [0x88a8, 0x8100] }, SRC_MAC, DST_MAC],
    ["Linux SLL", LINKTYPE_LINUX_SLL, LINK_SLL, TCP, -1, -1],
    ["Linux SLL2", LINKTYPE_LINUX_SLL2, LINK_SLL2, TCP, -1, -1],
    ["raw IP", LINKTYPE_RAW, LINK_RAW, TCP, -1, -1],
    ["LINKTYPE_IPV4", LINKTYPE_IPV4, LINK_IPV4, TCP, -1, -1],
  ] as const)("decodes a TCP/IPv4 frame on %s", (_name, linkType, link, spec, srcMac, dstMac) => {
    const { code, record } = decode(buildFrame(spec, linkType), link);
    expect(code).toBe(FRAME_DECODED);
    expect(record).toMatchObject({ srcMac, dstMac, srcIp: ip("10.0.1.5"), dstIp: ip("93.184.216.34"), protocol: 6, srcPort: 40001, dstPort: 443 });
  });

  it.each([
    ["SLL", LINKTYPE_LINUX_SLL, LINK_SLL, 0, CAPTURE_DIRECTION_IN],
    ["SLL", LINKTYPE_LINUX_SLL, LINK_SLL, 3, CAPTURE_DIRECTION_IN],
    ["SLL", LINKTYPE_LINUX_SLL, LINK_SLL, 4, CAPTURE_DIRECTION_OUT],
    ["SLL2", LINKTYPE_LINUX_SLL2, LINK_SLL2, 0, CAPTURE_DIRECTION_IN],
    ["SLL2", LINKTYPE_LINUX_SLL2, LINK_SLL2, 4, CAPTURE_DIRECTION_OUT],
    ["SLL2", LINKTYPE_LINUX_SLL2, LINK_SLL2, 7, CAPTURE_DIRECTION_UNKNOWN],
    ["Ethernet", LINKTYPE_ETHERNET, LINK_ETHERNET, 4, CAPTURE_DIRECTION_UNKNOWN],
  ] as const)("reads the %s packet type %i as capture direction %i", (_name, linkType, link, packetType, direction) => {
    const batch = new PacketBatch();
    // A previous frame's direction in the reused row must not leak into the next one.
    batch.ints[F_CAPTURE_DIRECTION] = CAPTURE_DIRECTION_OUT;
    const frame = buildFrame({ ...TCP, packetType }, linkType);
    expect(decodeFrame(frame, viewOf(frame), 0, frame.length, link, batch.ints, 0)).toBe(FRAME_DECODED);
    expect(batch.recordAt(0).captureDirection).toBe(direction);
  });

  it("skips IPv4 options to find the ports", () => {
    const spec: FrameSpec = { ...TCP, ip: { ...TCP.ip!, protocol: 17, optionWords: 10, srcPort: 53, dstPort: 5353 } };
    const { code, record } = decode(buildFrame(spec, LINKTYPE_ETHERNET), LINK_ETHERNET);
    expect(code).toBe(FRAME_DECODED);
    expect(record).toMatchObject({ protocol: 17, srcPort: 53, dstPort: 5353 });
  });

  it("gives ICMP and later fragments no ports", () => {
    const icmp = decode(buildFrame({ ...TCP, ip: { ...TCP.ip!, protocol: 1 } }, LINKTYPE_ETHERNET), LINK_ETHERNET);
    expect(icmp.record).toMatchObject({ protocol: 1, srcPort: 0, dstPort: 0 });
    const fragment = decode(buildFrame({ ...TCP, ip: { ...TCP.ip!, fragmentOffset: 185 } }, LINKTYPE_ETHERNET), LINK_ETHERNET);
    expect(fragment.code).toBe(FRAME_DECODED);
    expect(fragment.record).toMatchObject({ protocol: 6, srcPort: 0, dstPort: 0 });
  });

  it("keeps the addresses when a snaplen cut off the ports", () => {
    const frame = buildFrame(TCP, LINKTYPE_ETHERNET).subarray(0, 14 + 20 + 2);
    const { code, record } = decode(frame, LINK_ETHERNET);
    expect(code).toBe(FRAME_DECODED);
    expect(record).toMatchObject({ srcIp: ip("10.0.1.5"), srcPort: 0, dstPort: 0 });
  });

  it.each([
    ["IPv6 over Ethernet", buildFrame({ ...TCP, etherType: 0x86dd }, LINKTYPE_ETHERNET), LINK_ETHERNET],
    ["ARP", buildFrame({ ...TCP, etherType: 0x0806 }, LINKTYPE_ETHERNET), LINK_ETHERNET],
    ["IPv6 on raw IP", buildFrame({ ...TCP, etherType: 0x86dd }, LINKTYPE_RAW), LINK_RAW],
    ["ARP in SLL", buildFrame({ ...TCP, etherType: 0x0806 }, LINKTYPE_LINUX_SLL), LINK_SLL],
    ["LINKTYPE_IPV6", Buffer.alloc(40, 0x60), LINK_IPV6],
  ] as const)("counts %s as ignored", (_name, frame, link) => {
    expect(decode(frame, link).code).toBe(FRAME_IGNORED);
  });

  it.each([
    ["a runt Ethernet frame", Buffer.alloc(10), LINK_ETHERNET, FRAME_SHORT_LINK_HEADER],
    ["a runt SLL2 frame", Buffer.alloc(19), LINK_SLL2, FRAME_SHORT_LINK_HEADER],
    ["an IPv4 header cut short", buildFrame(TCP, LINKTYPE_ETHERNET).subarray(0, 14 + 19), LINK_ETHERNET, FRAME_SHORT_IP_HEADER],
    ["options beyond the captured bytes", buildFrame({ ...TCP, ip: { ...TCP.ip!, optionWords: 4 } }, LINKTYPE_ETHERNET).subarray(0, 14 + 24), LINK_ETHERNET, FRAME_SHORT_IP_HEADER],
    ["a version 5 header on raw IP", Buffer.from([0x55, ...new Array<number>(19).fill(0)]), LINK_RAW, FRAME_BAD_IP_VERSION],
    ["IHL below 5", Buffer.from([0x44, ...new Array<number>(19).fill(0)]), LINK_IPV4, FRAME_BAD_IHL],
    ["five stacked VLAN tags", buildFrame({ ...TCP, vlanTags: [0x8100, 0x8100, 0x8100, 0x8100, 0x8100] }, LINKTYPE_ETHERNET), LINK_ETHERNET, FRAME_TOO_MANY_TAGS],
  ] as const)("rejects %s", (_name, frame, link, expected) => {
    expect(decode(frame, link).code).toBe(expected);
  });

  it("maps link types and refuses unknown ones", () => {
    expect([1, 113, 276, 101, 12, 14, 228, 229].map(linkKindOf)).toEqual([0, 1, 2, 3, 3, 3, 4, 5]);
    expect(linkKindOf(105)).toBeUndefined();
  });
});
