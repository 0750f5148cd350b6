/** A real pcap through the real reader: MAC attribution and the drop rows, end to end. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../../../simulator/api";
import { buildFrame, LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW, pcapFile } from "../../../support/capture-writer";
import { ModelError } from "../../../../simulator/errors";
import { parseIpv4, parseMac } from "../../../../simulator/model/ipv4";
import { natTopology } from "../model/fixtures";

const NAT = parseMac("00:16:3e:00:00:01", "nat");
const GW = parseMac("ee:ff:ff:ff:ff:ff", "gw");
const ip = (a: string): number => parseIpv4(a, "ip");

function frame(srcMac: number, dstMac: number, src: string, dst: string, protocol = 6) {
  return { seconds: 1_700_000_000, fraction: 0, data: buildFrame({ srcMac, dstMac, ip: { src: ip(src), dst: ip(dst), protocol, srcPort: 40000, dstPort: 443, payloadBytes: 20 } }, LINKTYPE_ETHERNET) };
}

describe("check with a pcap capture", () => {
  it("judges frames at the NAT ENI by MAC, both byte orders", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eni-sim-pcap-"));
    const packets = [
      frame(GW, NAT, "10.0.1.5", "93.184.216.34"),
      frame(NAT, GW, "10.0.0.10", "93.184.216.34"),
      frame(GW, NAT, "93.184.216.34", "10.0.0.10"),
      frame(NAT, GW, "93.184.216.34", "10.0.1.5"),
      frame(GW, NAT, "10.0.1.5", "93.184.216.34"),
    ];
    for (const littleEndian of [true, false]) {
      const file = join(dir, `nat-${littleEndian ? "le" : "be"}.pcap`);
      writeFileSync(file, pcapFile(packets, { littleEndian }));
      const on = await check({ plan: natTopology(true), traffic: [file] });
      expect(on.inputs).toEqual([{ file, format: "pcap", records: 5, skipped: 0, ignored: 0 }]);
      expect(on.drops.map((d) => [d.eni, d.direction, d.src, d.dst, d.count])).toEqual([
        ["eni-nat", "ingress", "10.0.1.5", "93.184.216.34", 2],
        ["eni-nat", "egress", "93.184.216.34", "10.0.1.5", 1],
      ]);
      expect(on.observed).toMatchObject({ records: 5, droppedPackets: 3, unattributed: 0 });
      const off = await check({ plan: natTopology(false), traffic: [file] });
      expect(off.drops).toEqual([]);
      expect(off.summary.unexpected).toBe(0);
    }
  });

  it("judges a capture without MACs at the ENI named by captureEni", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eni-sim-raw-"));
    const raw = (src: string, dst: string) => ({ seconds: 1, fraction: 0, data: buildFrame({ srcMac: 0, dstMac: 0, ip: { src: ip(src), dst: ip(dst), protocol: 17, srcPort: 5000, dstPort: 53 } }, LINKTYPE_RAW) });
    const file = join(dir, "nat-raw.pcap");
    writeFileSync(file, pcapFile([raw("10.0.1.5", "8.8.8.8"), raw("10.0.0.10", "8.8.8.8"), raw("8.8.8.8", "10.0.0.10"), raw("8.8.8.8", "10.0.1.5")], { linkType: LINKTYPE_RAW }));
    const blind = await check({ plan: natTopology(true), traffic: [file] });
    expect(blind.observed).toMatchObject({ records: 4, unattributed: 4, droppedPackets: 0 });
    const seen = await check({ plan: natTopology(true), traffic: [file], captureEni: "eni-nat" });
    expect(seen.observed).toMatchObject({ records: 4, unattributed: 0, droppedPackets: 2 });
    expect(seen.drops.map((d) => [d.direction, d.src, d.dst])).toEqual([
      ["ingress", "10.0.1.5", "8.8.8.8"],
      ["ingress", "8.8.8.8", "10.0.1.5"],
    ]);
    await expect(check({ plan: natTopology(true), traffic: [file], captureEni: "eni-nope" })).rejects.toBeInstanceOf(ModelError);
  });

  it("takes a cooked capture's direction from its packet type, and finds the ENI by address", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eni-sim-sll2-"));
    const cooked = (packetType: number, src: string, dst: string) => ({ seconds: 1, fraction: 0, data: buildFrame({ srcMac: 0, dstMac: 0, packetType, ip: { src: ip(src), dst: ip(dst), protocol: 6, srcPort: 443, dstPort: 40000 } }, LINKTYPE_LINUX_SLL2) });
    const file = join(dir, "nat-any.pcap");
    // tcpdump -i any on the NAT: the de-NATed reply leaves (packet type 4) with a foreign source.
    writeFileSync(file, pcapFile([cooked(0, "10.0.1.5", "93.184.216.34"), cooked(4, "93.184.216.34", "10.0.1.5")], { linkType: LINKTYPE_LINUX_SLL2 }));
    const report = await check({ plan: natTopology(true), traffic: [file], captureEni: "10.0.0.10" });
    expect(report.drops.map((d) => [d.eni, d.direction, d.reason, d.src, d.dst])).toEqual([
      ["eni-nat", "ingress", "not-destination", "10.0.1.5", "93.184.216.34"],
      ["eni-nat", "egress", "spoofed-source", "93.184.216.34", "10.0.1.5"],
    ]);
    await expect(check({ plan: natTopology(true), traffic: [file], captureEni: "10.9.9.9" })).rejects.toThrow(/10\.9\.9\.9: no network interface of the plan holds this address/);
  });
});
