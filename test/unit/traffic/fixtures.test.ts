/** Pins what the committed fixtures in test/fixtures/traffic hold (other suites rely on them). */
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { readTraffic } from "../../../simulator/traffic/read-traffic";
import { CollectingSink, ip, mac } from "./collecting-sink";

const FIXTURES = join(__dirname, "../../fixtures/traffic");
const ENI_MAC = mac("00:16:3e:00:00:01");

describe("committed traffic fixtures", () => {
  it.each(["nat-eni.pcap", "nat-eni.pcapng"])("%s holds the NAT ENI's four legs, a DNS query, an ARP and a ping", async (name) => {
    const sink = new CollectingSink();
    const summary = await readTraffic(join(FIXTURES, name), sink);
    expect(summary).toMatchObject({ records: name.endsWith("ng") ? 7 : 6, ignored: 1, skipped: 0 });
    const notOwn = sink.packets.filter((p) => (p.dstMac === ENI_MAC && p.dstIp !== ip("10.0.0.10")) || (p.srcMac === ENI_MAC && p.srcIp !== ip("10.0.0.10")));
    expect(notOwn.map((p) => [p.srcIp, p.dstIp, p.protocol, p.dstPort])).toEqual([
      [ip("10.0.1.5"), ip("93.184.216.34"), 6, 443],
      [ip("93.184.216.34"), ip("10.0.1.5"), 6, 40000],
      [ip("10.0.1.6"), ip("8.8.8.8"), 17, 53],
      ...(name.endsWith("ng") ? [[ip("10.0.1.5"), ip("93.184.216.34"), 6, 443]] : []),
    ]);
    expect(sink.packets[0]!.timestamp).toBe(1_745_280_000);
  });

  it("metadata-reads.pcap holds a read without a token, a token request and a read with the token", async () => {
    const sink = new CollectingSink();
    await readTraffic(join(FIXTURES, "metadata-reads.pcap"), sink);
    expect(sink.packets.map((p) => [p.srcIp, p.dstIp, p.dstPort, p.metadataRequest])).toEqual([
      [ip("10.0.1.5"), ip("100.100.100.200"), 80, 0],
      [ip("10.0.1.6"), ip("100.100.100.200"), 80, 2],
      [ip("10.0.1.6"), ip("100.100.100.200"), 80, 1],
    ]);
  });

  it("nat-eni-flowlog.csv holds five records and one NODATA line", async () => {
    const sink = new CollectingSink();
    expect(await readTraffic(join(FIXTURES, "nat-eni-flowlog.csv"), sink)).toMatchObject({ format: "flowlog-csv", records: 5, ignored: 1 });
    expect(sink.flowLogs.filter((r) => r.eniId === "eni-nat").map((r) => r.direction)).toEqual(["in", "out", "in", "out"]);
  });

  it("nat-eni-flows.yaml declares three flows", async () => {
    const sink = new CollectingSink();
    await readTraffic(join(FIXTURES, "nat-eni-flows.yaml"), sink);
    expect(sink.flows.map((f) => f.name)).toEqual(["client-https", "client-dns", "client-ping-nat"]);
  });
});
