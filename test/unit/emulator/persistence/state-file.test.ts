import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateFileError, StateFileWriter, readStateFile, writeFileAtomically } from "../../../../emulator/persistence/state-file";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "eni-state-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("readStateFile", () => {
  it("returns undefined for a missing file", () => {
    expect(readStateFile(join(dir, "absent.json"))).toBeUndefined();
  });

  it("names the file when it is corrupt", () => {
    const path = join(dir, "state.json");
    writeFileSync(path, '{"version": 1, "networkInter');
    expect(() => readStateFile(path)).toThrow(StateFileError);
    expect(() => readStateFile(path)).toThrow(path);
  });

  it("names the file when it cannot be read", () => {
    expect(() => readStateFile(dir)).toThrow(expect.objectContaining({ code: "EMULATOR_BAD_STATE_FILE", file: dir }));
  });
});

describe("writeFileAtomically", () => {
  it("replaces the content and leaves no temp file behind", async () => {
    const path = join(dir, "state.json");
    writeFileSync(path, "old");
    await writeFileAtomically(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });
});

describe("StateFileWriter", () => {
  it("coalesces concurrent persists and every caller sees its own mutation on disk", async () => {
    const path = join(dir, "state.json");
    let counter = 0;
    let snapshots = 0;
    const writer = new StateFileWriter(path, () => {
      snapshots += 1;
      return { counter };
    });
    const waits: Promise<number>[] = [];
    for (let i = 0; i < 20; i++) {
      counter += 1;
      const mine = counter;
      waits.push(writer.persist().then(() => {
        const onDisk = (JSON.parse(readFileSync(path, "utf8")) as { counter: number }).counter;
        expect(onDisk).toBeGreaterThanOrEqual(mine);
        return onDisk;
      }));
    }
    await Promise.all(waits);
    await writer.idle();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ counter: 20 });
    // One running write and one queued behind it absorb all twenty calls.
    expect(snapshots).toBe(2);
  });

  it("rejects when the directory is gone, and recovers for the next call", async () => {
    const sub = join(dir, "sub");
    const writer = new StateFileWriter(join(sub, "state.json"), () => ({ ok: true }));
    await expect(writer.persist()).rejects.toThrow();
    mkdirSync(sub);
    await writer.persist();
    expect(JSON.parse(readFileSync(join(sub, "state.json"), "utf8"))).toEqual({ ok: true });
  });
});
