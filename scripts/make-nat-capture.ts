/**
 * Writes examples/nat-instance/captures/nat-eth0.pcap, the capture `npm start` judges: what
 * `tcpdump -i any -w nat-eth0.pcap` on the NAT instance (10.0.0.10) records while the app server
 * (10.0.1.5) reaches three internet services through it, and the NAT instance itself reads its
 * metadata. Linux cooked (SLL2) framing, so each frame says whether it arrived or left.
 * Deterministic: re-running it gives the same bytes.
 *
 *   npx tsx scripts/make-nat-capture.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFrame, LINKTYPE_LINUX_SLL2, pcapFile, type CapturedPacket, type FrameSpec } from "../test/support/capture-writer";

const ip = (text: string): number => text.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
const NAT = ip("10.0.0.10");
const APP = ip("10.0.1.5");
const METADATA = ip("100.100.100.200");
const SERVICES = [
  { addr: ip("93.184.216.34"), port: 443, exchanges: 120, responseBytes: 1400 },
  { addr: ip("151.101.0.223"), port: 443, exchanges: 60, responseBytes: 1200 },
  { addr: ip("203.0.113.7"), port: 80, exchanges: 20, responseBytes: 600 },
];
const INCOMING = 0;
const OUTGOING = 4;
const START = Date.UTC(2026, 10, 20, 9, 0, 0) / 1000;

const packets: CapturedPacket[] = [];
let tick = 0;
function add(packetType: number, src: number, dst: number, srcPort: number, dstPort: number, payload: number | Buffer, protocol = 6): void {
  const body = typeof payload === "number" ? { payloadBytes: payload } : { payload };
  const frame: FrameSpec = { srcMac: 0, dstMac: 0, packetType, ip: { src, dst, protocol, srcPort, dstPort, ...body } };
  const data = buildFrame(frame, LINKTYPE_LINUX_SLL2);
  tick += 1;
  packets.push({ seconds: START + Math.floor(tick / 1000), fraction: (tick % 1000) * 1000, data });
}

SERVICES.forEach((service, s) => {
  for (let i = 0; i < service.exchanges; i++) {
    const appPort = 40000 + s * 1000 + i;
    const natPort = 60000 + s * 1000 + i;
    // Request: arrives from the app for a foreign destination, leaves masqueraded as the NAT.
    add(INCOMING, APP, service.addr, appPort, service.port, 120);
    add(OUTGOING, NAT, service.addr, natPort, service.port, 120);
    // Response: arrives for the NAT's address, leaves towards the app with the service's source.
    add(INCOMING, service.addr, NAT, service.port, natPort, service.responseBytes);
    add(OUTGOING, service.addr, APP, service.port, appPort, service.responseBytes);
  }
});
// The NAT instance reads its own metadata (no forwarding: never dropped): its agent fetches a
// token and sends it; an old backup script reads without one, and would get 401 once the
// instance requires tokens.
const request = (...lines: string[]): Buffer => Buffer.from(`${[...lines, "Host: 100.100.100.200"].join("\r\n")}\r\n\r\n`, "latin1");
const TOKEN = "AQAEAGBjZ2VuLXRva2Vu";
const reads = [
  request("PUT /latest/api/token HTTP/1.1", "User-Agent: cloud-agent/2.1", "X-aliyun-ecs-metadata-token-ttl-seconds: 21600"),
  ...["instance-id", "region-id", "network/interfaces/macs/", "image-id", "zone-id", "hostname"].map((path) =>
    request(`GET /latest/meta-data/${path} HTTP/1.1`, "User-Agent: cloud-agent/2.1", `X-aliyun-ecs-metadata-token: ${TOKEN}`),
  ),
  ...["instance-id", "ram/security-credentials/", "ram/security-credentials/backup-role"].map((path) => request(`GET /latest/meta-data/${path} HTTP/1.1`, "User-Agent: curl/7.29.0")),
];
reads.forEach((head, i) => {
  add(OUTGOING, NAT, METADATA, 50000 + i, 80, head);
  add(INCOMING, METADATA, NAT, 80, 50000 + i, 300);
});

const out = join(__dirname, "..", "examples", "nat-instance", "captures", "nat-eth0.pcap");
// A snaplen that keeps the requests' HTTP heads (which say whether they carry a token).
writeFileSync(out, pcapFile(packets, { linkType: LINKTYPE_LINUX_SLL2, snaplen: 320 }));
process.stdout.write(`wrote ${out}: ${packets.length} packets\n`);
