import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PlanError } from "../../../../simulator/plan/errors";
import { detectFromText } from "../../../../simulator/plan/plan-detection";
import { programConfig, readProjectFile } from "../../../../simulator/plan/program-config";

const dirs: string[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "plan-project-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("Pulumi.yaml and stack config", () => {
  it("flattens project defaults, the stack file and overrides into PULUMI_CONFIG form", async () => {
    const dir = await project({
      "Pulumi.yaml": "name: demo\nruntime: {name: nodejs}\nmain: src/\nconfig:\n  size: {type: integer, default: 3}\n  alicloud:region: {value: cn-beijing}\n  short: plain\n",
      "Pulumi.prod.yaml": "config:\n  demo:size: 5\n  demo:nets: [a, b]\n  demo:password: {secure: v1:abc}\n  alicloud:region: cn-shanghai\n",
    });
    const p = await readProjectFile(dir);
    expect(p).toMatchObject({ file: "Pulumi.yaml", name: "demo", main: "src/" });
    expect(await programConfig(dir, p, "dev", {})).toEqual({ "demo:size": "3", "alicloud:region": "cn-beijing", "demo:short": "plain" });
    expect(await programConfig(dir, p, "prod", { size: "9", "other:key": "v" })).toEqual({
      "demo:size": "9",
      "alicloud:region": "cn-shanghai",
      "demo:short": "plain",
      "demo:nets": '["a","b"]',
      "other:key": "v",
    });
  });

  it.each([
    ["a project without a name", { "Pulumi.yaml": "runtime: nodejs\n" }, "MISSING_FIELD", "name"],
    ["a Python project", { "Pulumi.yaml": "name: py\nruntime: python\n" }, "INVALID_VALUE", "runtime"],
    ["a broken Pulumi.yaml", { "Pulumi.yaml": "name: [\n" }, "INVALID_SYNTAX", undefined],
  ])("rejects %s", async (_what, files, code, at) => {
    const dir = await project(files);
    const error = await readProjectFile(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect({ code: (error as PlanError).code, path: (error as PlanError).path }).toEqual({ code, path: at });
    expect((error as PlanError).message).toContain(path.join(dir, "Pulumi.yaml"));
  });
});

describe("detection from content", () => {
  it.each([
    ["YAML topology", "region: x\nvswitches: []\n", "topology-file"],
    ["JSON topology", '{"region": "x", "networkInterfaces": []}', "topology-file"],
    ["preview", '{"steps": []}', "pulumi-document"],
    ["bare deployment", '{"manifest": {}, "resources": []}', "pulumi-document"],
    ["broken YAML that looks like a topology", "region: x\nvswitches: [\n", "topology-file"],
  ])("%s", (_what, text, kind) => {
    expect(detectFromText("f", text).kind).toBe(kind);
  });

  it.each([
    ["an unrelated JSON document", '{"compilerOptions": {}}'],
    ["a YAML list", "- a\n- b\n"],
  ])("refuses %s, saying what it found and what is accepted", (_what, text) => {
    const error = (() => {
      try {
        detectFromText("f", text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect((error as PlanError).code).toBe("UNKNOWN_PLAN_FORMAT");
    expect((error as PlanError).message).toContain("stack export");
  });
});
