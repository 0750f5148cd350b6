/**
 * Streams every traffic file into one sink, in order, reporting progress across all of them.
 */
import { ModelError, UsageError } from "../errors";
import { tryParseIpv4 } from "../model/ipv4";
import type { TopologyIndex } from "../model/topology-index";
import type { InputSummary } from "../model/check-report";
import type { ObservedTrafficOptions } from "../model/observed-traffic";
import type { TrafficSink } from "../traffic/records";
import type { Loaders } from "./loaders";

export interface TrafficProgress {
  readonly file: string;
  /** 0-based position of `file` among the inputs. */
  readonly fileIndex: number;
  readonly files: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export type ProgressListener = (progress: TrafficProgress) => void;

export interface TrafficInputOptions {
  readonly lenient?: boolean;
  readonly onProgress?: ProgressListener;
}

export function trafficFiles(traffic: string | readonly string[] | undefined): readonly string[] {
  const files = traffic === undefined ? [] : typeof traffic === "string" ? [traffic] : traffic;
  for (const f of files) {
    if (typeof f !== "string" || f.trim() === "") throw new UsageError("INVALID_OPTION", `--traffic: ${JSON.stringify(f)} is not a file path`);
  }
  return files;
}

export async function readAllTraffic(files: readonly string[], sink: TrafficSink, loaders: Loaders, options: TrafficInputOptions): Promise<InputSummary[]> {
  const summaries: InputSummary[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const onProgress = options.onProgress;
    const summary = await loaders.readTraffic(file, sink, {
      lenient: options.lenient === true,
      ...(onProgress ? { onProgress: (bytesRead: number, totalBytes: number) => onProgress({ file, fileIndex, files: files.length, bytesRead, totalBytes }) } : {}),
    });
    summaries.push({ file: summary.file, format: summary.format, records: summary.records, skipped: summary.skipped, ignored: summary.ignored });
  }
  return summaries;
}

/**
 * The evaluator's options that come from the command: the ENI a MAC-less capture was taken on,
 * named by id or by an address it holds. An address names the same NIC in two plans whose ids
 * differ (the live account and a program not yet applied), which `diff` needs.
 */
export function observedOptions(options: { readonly captureEni?: string }, index: TopologyIndex): ObservedTrafficOptions {
  const named = options.captureEni;
  if (named === undefined) return {};
  const address = tryParseIpv4(named);
  if (address === undefined) return { captureEni: named };
  const owner = index.ipOwner.get(address);
  if (owner === undefined) {
    throw new ModelError("UNKNOWN_REFERENCE", `--capture-eni ${named}: no network interface of the plan holds this address (${index.enis.map((e) => `${e.eni.id} ${e.eni.primaryIp}`).join(", ") || "none"})`);
  }
  return { captureEni: index.enis[owner]!.eni.id };
}
