import { closeSync, mkdtempSync, openSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseOutputFormat } from "../../../../simulator/api/answer-output";
import { PROGRESS_THRESHOLD_BYTES, startProgress, totalSize } from "../../../../simulator/api/progress-bar";
import { DROP_COLUMNS, rowKey } from "../../../../simulator/model/answer-columns";
import { UsageError } from "../../../../simulator/errors";

class Sink extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _e: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe("output helpers", () => {
  it("parses --format and rejects others naming the allowed set", () => {
    expect(parseOutputFormat("html")).toBe("html");
    expect(() => parseOutputFormat("xml")).toThrow(UsageError);
    expect(() => parseOutputFormat("xml")).toThrow(/allowed: table, json, html/);
  });

  it("keys rows by their key columns only", () => {
    const a = { eni: "e", direction: "egress" as const, reason: "spoofed-source" as const, src: "1", dst: "2", count: 1, bytes: 1 };
    expect(rowKey(DROP_COLUMNS, a)).toBe(rowKey(DROP_COLUMNS, { ...a, count: 9, bytes: 9 }));
    expect(rowKey(DROP_COLUMNS, a)).not.toBe(rowKey(DROP_COLUMNS, { ...a, dst: "3" }));
  });

  it("draws a progress bar only on a TTY and only for big inputs", () => {
    const dir = mkdtempSync(join(tmpdir(), "eni-sim-progress-"));
    const big = join(dir, "big.pcap");
    const fd = openSync(big, "w");
    ftruncateSync(fd, PROGRESS_THRESHOLD_BYTES + 1);
    closeSync(fd);
    expect(totalSize([big, join(dir, "missing")])).toBe(PROGRESS_THRESHOLD_BYTES + 1);

    const pipe = new Sink(false);
    expect(startProgress([big], pipe).onProgress).toBeUndefined();
    const tty = new Sink(true);
    expect(startProgress([join(dir, "missing")], tty).onProgress).toBeUndefined();

    const bar = startProgress([big], tty);
    expect(bar.onProgress).toBeDefined();
    bar.onProgress!({ file: big, fileIndex: 0, files: 1, bytesRead: PROGRESS_THRESHOLD_BYTES / 2, totalBytes: PROGRESS_THRESHOLD_BYTES + 1 });
    bar.stop();
    expect(tty.text).toContain("reading traffic");
    expect(pipe.text).toBe("");
  });
});
