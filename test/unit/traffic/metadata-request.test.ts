import { afterAll, describe, expect, it } from "vitest";

import {
  classifyMetadataRequest,
  METADATA_NONE,
  METADATA_TOKEN_REQUEST,
  METADATA_UNKNOWN,
  METADATA_WITH_TOKEN,
  METADATA_WITHOUT_TOKEN,
} from "../../../simulator/traffic/metadata-request";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import { buildFrame, LINKTYPE_ETHERNET, pcapFile } from "../../support/capture-writer";
import { CollectingSink, ip, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

const request = (lines: string[]): Buffer => Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
const GET_PLAIN = request(["GET /latest/meta-data/instance-id HTTP/1.1", "Host: 100.100.100.200", "User-Agent: curl/8.5.0"]);
const GET_TOKEN = request(["GET /latest/meta-data/instance-id HTTP/1.1", "Host: 100.100.100.200", "X-Aliyun-ECS-Metadata-Token: AQAEAGBj..."]);
const PUT_TOKEN = request(["PUT /latest/api/token HTTP/1.1", "Host: 100.100.100.200", "X-aliyun-ecs-metadata-token-ttl-seconds: 21600"]);

describe("classifyMetadataRequest", () => {
  it.each([
    ["a GET without a token", GET_PLAIN, METADATA_WITHOUT_TOKEN],
    ["a GET with a token (any header case)", GET_TOKEN, METADATA_WITH_TOKEN],
    ["the token PUT", PUT_TOKEN, METADATA_TOKEN_REQUEST],
    ["headers cut by the snaplen", GET_PLAIN.subarray(0, 40), METADATA_UNKNOWN],
    ["a later segment (no request line)", Buffer.from("Host: 100.100.100.200\r\n\r\n"), METADATA_NONE],
    ["an empty segment (a bare ACK)", Buffer.alloc(0), METADATA_NONE],
    ["a token named only in the body", Buffer.concat([GET_PLAIN, Buffer.from("\r\nX-aliyun-ecs-metadata-token: x")]), METADATA_WITHOUT_TOKEN],
  ])("%s", (_name, payload, kind) => {
    expect(classifyMetadataRequest(payload, 0, payload.length)).toBe(kind);
  });
});

describe("metadata requests in captures", () => {
  it("marks TCP segments to 100.100.100.200:80 and nothing else", async () => {
    const frame = (dst: string, dstPort: number, payload: Buffer) =>
      buildFrame({ srcMac: 0x00163e000001, dstMac: 0xeeffffffffff, ip: { src: ip("10.0.1.5"), dst: ip(dst), protocol: 6, srcPort: 40000, dstPort, payload } }, LINKTYPE_ETHERNET);
    const packets = [frame("100.100.100.200", 80, GET_PLAIN), frame("100.100.100.200", 80, PUT_TOKEN), frame("100.100.100.200", 80, GET_TOKEN), frame("10.0.0.9", 80, GET_PLAIN), frame("100.100.100.200", 443, GET_PLAIN)];
    const file = dir.file("metadata.pcap", pcapFile(packets.map((data, i) => ({ seconds: i, fraction: 0, data }))));
    const sink = new CollectingSink();
    await readTraffic(file, sink);
    expect(sink.packets.map((p) => p.metadataRequest)).toEqual([METADATA_WITHOUT_TOKEN, METADATA_TOKEN_REQUEST, METADATA_WITH_TOKEN, METADATA_NONE, METADATA_NONE]);
  });
});
