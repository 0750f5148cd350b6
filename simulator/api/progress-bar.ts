/**
 * A progress bar on stderr while big inputs are read: only on a TTY (never in pipes or CI logs)
 * and only when the inputs are large enough to take a noticeable while.
 */
import { statSync } from "node:fs";
import type { Writable } from "node:stream";
import type { ProgressListener } from "./traffic-input";

/** Inputs smaller than this are read before a bar would be worth drawing. */
export const PROGRESS_THRESHOLD_BYTES = 4 * 1024 * 1024;

export interface ProgressHandle {
  readonly onProgress?: ProgressListener;
  stop(): void;
}

export function totalSize(files: readonly string[]): number {
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(f).size;
    } catch {
      // A missing file is reported by the reader, with its name; the bar just leaves it out.
    }
  }
  return total;
}

export function startProgress(files: readonly string[], stream: Writable & { isTTY?: boolean } = process.stderr): ProgressHandle {
  const total = totalSize(files);
  if (!stream.isTTY || total < PROGRESS_THRESHOLD_BYTES) return { stop: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cliProgress = require("cli-progress") as typeof import("cli-progress");
  const bar = new cliProgress.SingleBar(
    { stream, format: "reading traffic [{bar}] {percentage}% | {value}/{total} MB | {file}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number): number => Math.round((n / (1024 * 1024)) * 10) / 10;
  bar.start(mb(total), 0, { file: "" });
  const doneBefore: number[] = [];
  let offset = 0;
  return {
    onProgress: (p) => {
      if (doneBefore[p.fileIndex] === undefined) {
        doneBefore[p.fileIndex] = offset;
        offset += p.totalBytes;
      }
      bar.update(mb(doneBefore[p.fileIndex]! + p.bytesRead), { file: p.file });
    },
    stop: () => bar.stop(),
  };
}
