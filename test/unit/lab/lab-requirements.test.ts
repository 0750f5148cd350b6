import { mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findOnPath, requirementError } from "../../../simulator/lab/lab-requirements";

describe("lab requirements", () => {
  it("not root is named first, with what needs it", () => {
    const error = requirementError({ root: false, missing: ["nft"] });
    expect(error?.code).toBe("NOT_ROOT");
    expect(error?.message).toContain("needs root");
  });

  it("names every missing tool", () => {
    const error = requirementError({ root: true, missing: ["ip", "nft"] });
    expect(error?.code).toBe("MISSING_TOOL");
    expect(error?.message).toContain("needs ip, nft on PATH");
  });

  it("nothing to say when root with every tool", () => {
    expect(requirementError({ root: true, missing: [] })).toBeUndefined();
  });

  it("finds only executables on PATH", () => {
    const dir = mkdtempSync(join(tmpdir(), "eni-sim-path-"));
    try {
      writeFileSync(join(dir, "nft"), "#!/bin/sh\n");
      chmodSync(join(dir, "nft"), 0o755);
      writeFileSync(join(dir, "ip"), "not executable");
      chmodSync(join(dir, "ip"), 0o644);
      expect(findOnPath("nft", `/nonexistent:${dir}`)).toBe(join(dir, "nft"));
      // X_OK wants an execute bit even for root: a 0644 file is not a tool.
      expect(findOnPath("ip", dir)).toBeUndefined();
      expect(findOnPath("sysctl", "")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
