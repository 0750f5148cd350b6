import { afterAll, describe, expect, it } from "vitest";

import { TrafficFormatError } from "../../../simulator/traffic/errors";
import { detectFormat } from "../../../simulator/traffic/format-detect";
import { readTraffic } from "../../../simulator/traffic/read-traffic";
import { pcapFileHeader, pcapngSectionHeader } from "../../support/capture-writer";
import { CollectingSink, tempDir } from "./collecting-sink";

const dir = tempDir();
afterAll(() => dir.remove());

describe("detectFormat", () => {
  it.each([
    ["pcap µs LE", pcapFileHeader({ littleEndian: true }), "pcap"],
    ["pcap µs BE", pcapFileHeader({ littleEndian: false }), "pcap"],
    ["pcap ns LE", pcapFileHeader({ nanos: true }), "pcap"],
    ["pcap ns BE", pcapFileHeader({ nanos: true, littleEndian: false }), "pcap"],
    ["pcapng LE", pcapngSectionHeader(true), "pcapng"],
    ["pcapng BE", pcapngSectionHeader(false), "pcapng"],
    ["CSV flow log", Buffer.from("eni-id,direction,srcaddr,dstaddr\neni-a,in,1.1.1.1,2.2.2.2\n"), "flowlog-csv"],
    ["quoted CSV header", Buffer.from('"version","eni-id","direction"\n'), "flowlog-csv"],
    ["JSON lines", Buffer.from('{"eni-id":"eni-a","direction":"in"}\n{"eni-id":"eni-b"}\n'), "flowlog-jsonl"],
    ["YAML flows", Buffer.from("# mine\n---\nflows:\n  - name: a\n"), "flows"],
    ["pretty JSON flows", Buffer.from('{\n  "flows": []\n}\n'), "flows"],
    ["one-line JSON flows", Buffer.from('{"flows": []}\n'), "flows"],
    ["text", Buffer.from("hello world\n"), undefined],
    ["a CSV without eni-id", Buffer.from("a,b,c\n1,2,3\n"), undefined],
    ["empty", Buffer.alloc(0), undefined],
  ] as const)("recognises %s", (_name, head, format) => {
    expect(detectFormat(head)).toBe(format);
  });

  it("fails on an unknown format naming the file and what is accepted", async () => {
    const file = dir.file("notes.txt", "hello world\n");
    const error = await readTraffic(file, new CollectingSink()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrafficFormatError);
    expect((error as TrafficFormatError).code).toBe("UNKNOWN_FORMAT");
    expect((error as Error).message).toContain("notes.txt: byte offset 0: expected a pcap or pcapng capture");
  });

  it("refuses a directory, naming what it found", async () => {
    const error = await readTraffic(dir.path, new CollectingSink()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNREADABLE" });
    expect((error as Error).message).toContain("expected a regular file");
    expect((error as Error).message).toContain("found a directory");
  });

  it("fails on a missing file with code UNREADABLE", async () => {
    const error = await readTraffic(`${dir.path}/absent.pcap`, new CollectingSink()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNREADABLE" });
    expect((error as Error).message).toContain("ENOENT");
  });
});
