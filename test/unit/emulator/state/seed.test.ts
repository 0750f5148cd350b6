import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, SeedError, loadSeedFile, parseSeed } from "../../../../emulator/state/seed";

const vpc = DEFAULT_SEED.vpcs[0]!;

describe("parseSeed", () => {
  it("accepts the default seed unchanged", () => {
    expect(parseSeed(structuredClone(DEFAULT_SEED))).toEqual(DEFAULT_SEED);
  });

  it("fills omitted fields from the default seed", () => {
    const seed = parseSeed({ sourceDestCheckMode: "disabled-by-default" });
    expect(seed.sourceDestCheckMode).toBe("disabled-by-default");
    expect(seed.vpcs).toEqual(DEFAULT_SEED.vpcs);
    expect(seed.sourceDestCheckRegions).toHaveLength(28);
  });

  it.each([
    [[1, 2], "(document)"],
    [{ sourceDestCheckMode: "sometimes" }, "sourceDestCheckMode"],
    [{ eniQuotaPerRegion: 0 }, "eniQuotaPerRegion"],
    [{ vpcs: [{ id: "vpc-1", cidrBlock: "10.0.0.1/16" }] }, "vpcs[0].cidrBlock"],
    [{ vpcs: [{ cidrBlock: "10.0.0.0/16" }] }, "vpcs[0].id"],
    [{ vpcs: [vpc, vpc] }, "vpcs[1].id"],
    [{ vSwitches: [{ id: "vsw-1", vpcId: "vpc-none", zoneId: "z", cidrBlock: "10.0.0.0/24" }] }, "vSwitches[0].vpcId"],
    [{ vSwitches: [{ id: "vsw-1", vpcId: vpc.id, zoneId: "z", cidrBlock: "192.168.0.0/24" }] }, "vSwitches[0].cidrBlock"],
    [{ instanceTypes: [{ id: "t", eniQuantity: "three", eniPrivateIpAddressQuantity: 2 }] }, "instanceTypes[0].eniQuantity"],
    [{ instanceTypes: [{ id: "t", eniQuantity: 2, eniPrivateIpAddressQuantity: 2, attachRequiresStopped: "yes" }] }, "instanceTypes[0].attachRequiresStopped"],
    [{ routeTables: [{ id: "vtb-1", vpcId: vpc.id, vSwitchIds: ["vsw-none"] }] }, "routeTables[0].vSwitchIds[0]"],
    [{ routeTables: [{ id: "vtb-1", vpcId: vpc.id, type: "System" }, { id: "vtb-2", vpcId: vpc.id, type: "System" }] }, "routeTables[1].type"],
  ])("names the field: %j", (doc, field) => {
    try {
      parseSeed(doc, "my-seed.yaml");
      expect.unreachable("the seed should be rejected");
    } catch (error) {
      expect(error).toBeInstanceOf(SeedError);
      expect((error as SeedError).field).toBe(field);
      expect((error as SeedError).message).toContain("my-seed.yaml");
    }
  });
});

describe("loadSeedFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "seed-test-"));

  it("reads YAML and JSON", () => {
    writeFileSync(join(dir, "s.yaml"), "region: ap-south-1\nsourceDestCheckMode: disabled-by-default\neniQuotaPerRegion: 7\n");
    expect(loadSeedFile(join(dir, "s.yaml"))).toMatchObject({ region: "ap-south-1", eniQuotaPerRegion: 7 });
    writeFileSync(join(dir, "s.json"), JSON.stringify({ eniQuotaPerRegion: 9 }));
    expect(loadSeedFile(join(dir, "s.json")).eniQuotaPerRegion).toBe(9);
  });

  it("names the file when it is missing or not YAML", () => {
    expect(() => loadSeedFile(join(dir, "none.yaml"))).toThrow(/none\.yaml: \(file\) cannot be read/);
    writeFileSync(join(dir, "bad.yaml"), "region: [unclosed\n");
    expect(() => loadSeedFile(join(dir, "bad.yaml"))).toThrow(/bad\.yaml: \(document\) is not valid YAML/);
  });
});
