/** Test helpers: a sink that copies every (reused) record, temp files, and reads with tiny buffers. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { readDeclaredFlows } from "../../../simulator/traffic/declared-flows-reader";
import { FileChunkSource } from "../../../simulator/traffic/file-chunk-source";
import { readFlowLogCsv } from "../../../simulator/traffic/flow-log-csv-reader";
import { readFlowLogJsonl } from "../../../simulator/traffic/flow-log-jsonl-reader";
import { readPcap } from "../../../simulator/traffic/pcap-reader";
import { readPcapng } from "../../../simulator/traffic/pcapng-reader";
import { ReadCounters } from "../../../simulator/traffic/read-counters";
import type { DeclaredFlow, FlowLogRecord, PacketRecord, TrafficFormat, TrafficSink } from "../../../simulator/traffic/records";

export class CollectingSink implements TrafficSink {
  readonly packets: PacketRecord[] = [];
  readonly flowLogs: FlowLogRecord[] = [];
  readonly flows: DeclaredFlow[] = [];
  packet(record: PacketRecord): void {
    this.packets.push({ ...record });
  }
  flowLog(record: FlowLogRecord): void {
    this.flowLogs.push({ ...record });
  }
  declaredFlow(flow: DeclaredFlow): void {
    this.flows.push(flow);
  }
}

export interface TempDir {
  readonly path: string;
  file(name: string, content: Buffer | string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), "traffic-test-"));
  return {
    path,
    file(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Reads `file` as `format` through a deliberately small buffer, so records span reads. */
export async function readWithChunk(file: string, format: TrafficFormat, chunkBytes: number, lenient = false): Promise<{ sink: CollectingSink; counters: ReadCounters }> {
  const handle = await open(file, "r");
  try {
    const size = (await handle.stat()).size;
    const source = new FileChunkSource(handle, file, size, undefined, chunkBytes);
    const sink = new CollectingSink();
    const counters = new ReadCounters(lenient);
    const readers = { pcap: readPcap, pcapng: readPcapng, "flowlog-csv": readFlowLogCsv, "flowlog-jsonl": readFlowLogJsonl, flows: readDeclaredFlows };
    try {
      await readers[format](source, sink, counters);
    } finally {
      await source.settle();
    }
    return { sink, counters };
  } finally {
    await handle.close();
  }
}

export function ip(text: string): number {
  return text.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

export function mac(text: string): number {
  return parseInt(text.replace(/:/g, ""), 16);
}
