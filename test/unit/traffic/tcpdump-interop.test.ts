/**
 * The capture writer and the readers were written from the same specs by the same hands; libpcap
 * is an independent reading. Where tcpdump is installed, it must see the same packets in what the
 * writer produced (addresses, ports, count) — so a round trip cannot pass on a shared mistake.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import { afterAll, describe, expect, it } from "vitest";

import { readTraffic } from "../../../simulator/traffic/read-traffic";
import {
  buildFrame,
  type FrameSpec,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
  pcapFile,
  pcapngFile,
} from "../../support/capture-writer";
import { CollectingSink, tempDir } from "./collecting-sink";

const TCPDUMP = ["/usr/sbin/tcpdump", "/usr/bin/tcpdump"].find((path) => existsSync(path));
const dir = tempDir();
afterAll(() => dir.remove());

const dotted = (value: number): string => `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;

function frames(count: number): FrameSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    srcMac: 0x00163e000000 + i,
    dstMac: 0xeeffffffffff,
    vlanTags: i % 3 === 0 ? [0x8100] : [],
    ip: { src: 0x0a000100 + i, dst: 0xcb007100 + ((i * 7) & 255), protocol: i % 2 ? 17 : 6, srcPort: 1000 + i, dstPort: 53 + i, optionWords: i % 4 },
  }));
}

/** `a.b.c.d.port > e.f.g.h.port` for every packet tcpdump prints. */
function tcpdumpConversations(file: string): string[] {
  const out = execFileSync(TCPDUMP!, ["-r", file, "-nn", "-q"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 });
  return out
    .trim()
    .split("\n")
    .map((line) => /(\d+\.\d+\.\d+\.\d+\.\d+) > (\d+\.\d+\.\d+\.\d+\.\d+)/.exec(line)?.slice(1, 3).join(" > ") ?? `unparsed: ${line}`);
}

async function ourConversations(file: string): Promise<string[]> {
  const sink = new CollectingSink();
  await readTraffic(file, sink);
  return sink.packets.map((p) => `${dotted(p.srcIp)}.${p.srcPort} > ${dotted(p.dstIp)}.${p.dstPort}`);
}

describe.skipIf(TCPDUMP === undefined)("tcpdump reads what the capture writer wrote as the readers do", () => {
  it.each([
    ["Ethernet, little-endian µs", LINKTYPE_ETHERNET, { littleEndian: true }],
    ["Ethernet, big-endian ns", LINKTYPE_ETHERNET, { littleEndian: false, nanos: true }],
    ["Linux SLL", LINKTYPE_LINUX_SLL, {}],
    ["Linux SLL2", LINKTYPE_LINUX_SLL2, { littleEndian: false }],
    ["raw IP", LINKTYPE_RAW, { nanos: true }],
  ] as const)("pcap, %s", async (name, linkType, options) => {
    const packets = frames(12).map((spec, i) => ({ seconds: 1_700_000_000 + i, fraction: i, data: buildFrame(spec, linkType) }));
    const file = dir.file(`${name.replace(/\W+/g, "-")}.pcap`, pcapFile(packets, { ...options, linkType }));
    expect(await ourConversations(file)).toEqual(tcpdumpConversations(file));
  });

  // libpcap cannot follow a byte-order change between sections (the unit tests cover that), so
  // each file here keeps one byte order.
  it.each([true, false])("pcapng, two sections and an SPB, little-endian %s", async (littleEndian) => {
    const blocks = (from: number) => frames(8).map((spec, i) => ({ kind: "epb" as const, interfaceId: 0, timestamp: BigInt(from + i), data: buildFrame(spec, LINKTYPE_ETHERNET) }));
    const file = dir.file(
      `sections-${littleEndian}.pcapng`,
      pcapngFile([
        { littleEndian, interfaces: [{ linkType: LINKTYPE_ETHERNET, snaplen: 65535 }], blocks: blocks(0) },
        { littleEndian, interfaces: [{ linkType: LINKTYPE_ETHERNET, snaplen: 65535 }], blocks: [...blocks(100), { kind: "spb", data: buildFrame(frames(1)[0]!, LINKTYPE_ETHERNET) }] },
      ]),
    );
    const ours = await ourConversations(file);
    expect(ours).toHaveLength(17);
    expect(ours).toEqual(tcpdumpConversations(file));
  });
});
