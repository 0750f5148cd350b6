/**
 * The one entry point: open a traffic file, detect its format from content, stream it into the
 * sink and say how many records were read, skipped and ignored.
 */
import { open } from "node:fs/promises";

import { readDeclaredFlows } from "./declared-flows-reader";
import { TrafficFormatError } from "./errors";
import { FileChunkSource } from "./file-chunk-source";
import { readFlowLogCsv } from "./flow-log-csv-reader";
import { readFlowLogJsonl } from "./flow-log-jsonl-reader";
import { DETECT_HEAD_BYTES, detectFormat, EXPECTED_FORMATS } from "./format-detect";
import { readPcap } from "./pcap-reader";
import { readPcapng } from "./pcapng-reader";
import { ReadCounters } from "./read-counters";
import type { ReadTrafficOptions, TrafficFormat, TrafficReadSummary, TrafficSink } from "./records";

export async function readTraffic(file: string, sink: TrafficSink, options: ReadTrafficOptions = {}): Promise<TrafficReadSummary> {
  const handle = await openOrFail(file);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      // Detection reads the head and the readers start again at offset 0: a pipe cannot do that.
      throw new TrafficFormatError({
        code: "UNREADABLE",
        file,
        at: {},
        expected: "a regular file (save a piped capture to a file first)",
        found: stat.isDirectory() ? "a directory" : "a pipe, socket or device",
      });
    }
    const size = stat.size;
    const head = Buffer.allocUnsafe(Math.min(DETECT_HEAD_BYTES, size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = detectFormat(head.subarray(0, bytesRead));
    if (format === undefined) {
      throw new TrafficFormatError({
        code: "UNKNOWN_FORMAT",
        file,
        at: { offset: 0 },
        expected: EXPECTED_FORMATS,
        found: bytesRead === 0 ? "an empty file" : `content starting ${JSON.stringify(head.toString("latin1", 0, Math.min(bytesRead, 16)))}`,
      });
    }
    const counters = new ReadCounters(options.lenient === true);
    const source = new FileChunkSource(handle, file, size, options.onProgress);
    try {
      await readFormat(format, source, sink, counters);
    } finally {
      await source.settle();
    }
    return {
      file,
      format,
      records: counters.records,
      skipped: counters.skipped,
      ignored: counters.ignored,
      skippedSamples: counters.samples,
    };
  } finally {
    await handle.close();
  }
}

function readFormat(format: TrafficFormat, source: FileChunkSource, sink: TrafficSink, counters: ReadCounters): Promise<void> {
  switch (format) {
    case "pcap":
      return readPcap(source, sink, counters);
    case "pcapng":
      return readPcapng(source, sink, counters);
    case "flowlog-csv":
      return readFlowLogCsv(source, sink, counters);
    case "flowlog-jsonl":
      return readFlowLogJsonl(source, sink, counters);
    case "flows":
      return readDeclaredFlows(source, sink, counters);
    default: {
      const unreachable: never = format;
      throw new Error(`unhandled traffic format ${String(unreachable)}`);
    }
  }
}

async function openOrFail(file: string): Promise<Awaited<ReturnType<typeof open>>> {
  try {
    return await open(file, "r");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new TrafficFormatError({ code: "UNREADABLE", file, at: {}, expected: "a readable traffic file", found: reason });
  }
}
