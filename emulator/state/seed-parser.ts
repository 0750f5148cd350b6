import { DEFAULT_SEED } from "./default-seed";
import { cidrContainsCidr, parseCidr } from "./ipv4";
import type {
  Seed, SeedImage, SeedInstanceType, SeedRoute, SeedRouteTable, SeedSecurityGroup, SeedVSwitch, SeedVpc,
  SourceDestCheckMode,
} from "./seed";
import { SOURCE_DEST_CHECK_REGIONS } from "./source-dest-check-regions";

/** A seed that cannot be used: names the file, the field (a dotted path) and what is wrong. */
export class SeedError extends Error {
  readonly code = "SEED_INVALID";
  constructor(readonly file: string, readonly field: string, problem: string) {
    super(`${file}: ${field} ${problem}`);
    this.name = "SeedError";
  }
}

type Obj = Record<string, unknown>;

/** Reads fields of one object of the seed document, each failure naming its full path. */
class FieldReader {
  constructor(private readonly file: string, private readonly path: string, private readonly obj: Obj) {}

  static root(file: string, doc: unknown): FieldReader {
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      throw new SeedError(file, "(document)", "must be a mapping of seed fields");
    }
    return new FieldReader(file, "", doc as Obj);
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  fail(key: string, problem: string): never {
    throw new SeedError(this.file, this.at(key), problem);
  }

  str(key: string, fallback?: string): string {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      this.fail(key, "is required (a string)");
    }
    if (typeof v !== "string" || v === "") this.fail(key, `must be a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  }

  /** Free text that may be empty (descriptions). */
  text(key: string): string {
    const v = this.obj[key];
    if (v === undefined || v === null) return "";
    if (typeof v !== "string") this.fail(key, `must be a string, got ${JSON.stringify(v)}`);
    return v;
  }

  num(key: string, min: number, max: number, fallback?: number): number {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      this.fail(key, `is required (an integer ${min}..${max})`);
    }
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(key, `must be an integer ${min}..${max}, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "boolean") this.fail(key, `must be true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.str(key, fallback);
    if (!(allowed as readonly string[]).includes(v)) this.fail(key, `must be one of ${allowed.join(", ")}, got "${v}"`);
    return v as T;
  }

  cidr(key: string): string {
    const v = this.str(key);
    if (!parseCidr(v)) this.fail(key, `must be an IPv4 CIDR block such as 10.0.0.0/16, got "${v}"`);
    return v;
  }

  strings(key: string, fallback: readonly string[]): string[] {
    const v = this.obj[key];
    if (v === undefined || v === null) return [...fallback];
    if (!Array.isArray(v)) this.fail(key, "must be a list of strings");
    return v.map((item, i) => {
      if (typeof item !== "string" || item === "") this.fail(`${key}[${i}]`, `must be a non-empty string, got ${JSON.stringify(item)}`);
      return item;
    });
  }

  list<T>(key: string, fallback: readonly T[], read: (r: FieldReader) => T): T[] {
    const v = this.obj[key];
    if (v === undefined || v === null) return [...fallback];
    if (!Array.isArray(v)) this.fail(key, "must be a list");
    return v.map((item, i) => {
      const path = `${this.at(key)}[${i}]`;
      if (typeof item !== "object" || item === null || Array.isArray(item)) {
        throw new SeedError(this.file, path, "must be a mapping");
      }
      return read(new FieldReader(this.file, path, item as Obj));
    });
  }
}

/**
 * Validates a parsed seed document. Omitted lists and fields take the default seed's values,
 * so a seed can name only what it changes.
 */
export function parseSeed(doc: unknown, file = "(seed)"): Seed {
  const r = FieldReader.root(file, doc);
  const region = r.str("region", DEFAULT_SEED.region);
  const vpcs = r.list<SeedVpc>("vpcs", DEFAULT_SEED.vpcs, (v) => ({
    id: v.str("id"), regionId: v.str("regionId", region), cidrBlock: v.cidr("cidrBlock"),
    name: v.str("name", v.str("id")), description: v.text("description"),
  }));
  const vSwitches = r.list<SeedVSwitch>("vSwitches", DEFAULT_SEED.vSwitches, (v) => ({
    id: v.str("id"), vpcId: v.str("vpcId"), zoneId: v.str("zoneId"), cidrBlock: v.cidr("cidrBlock"),
    name: v.str("name", v.str("id")), description: v.text("description"),
  }));
  const securityGroups = r.list<SeedSecurityGroup>("securityGroups", DEFAULT_SEED.securityGroups, (v) => ({
    id: v.str("id"), vpcId: v.str("vpcId"), name: v.str("name", v.str("id")),
    description: v.text("description"),
  }));
  const routeTables = r.list<SeedRouteTable>("routeTables", DEFAULT_SEED.routeTables, (v) => ({
    id: v.str("id"), vpcId: v.str("vpcId"), name: v.str("name", v.str("id")),
    type: v.oneOf("type", ["System", "Custom"] as const, "Custom"),
    vSwitchIds: v.strings("vSwitchIds", []),
    routes: v.list<SeedRoute>("routes", [], (e) => ({
      destinationCidrBlock: e.cidr("destinationCidrBlock"), nextHopType: e.str("nextHopType"), nextHopId: e.str("nextHopId"),
    })),
  }));
  const images = r.list<SeedImage>("images", DEFAULT_SEED.images, (v) => ({
    id: v.str("id"), name: v.str("name", v.str("id")), osType: v.oneOf("osType", ["linux", "windows"] as const, "linux"),
  }));
  const instanceTypes = r.list<SeedInstanceType>("instanceTypes", DEFAULT_SEED.instanceTypes, (v) => ({
    id: v.str("id"), cpu: v.num("cpu", 1, 1024, 2), memoryGiB: v.num("memoryGiB", 1, 24_576, 8),
    eniQuantity: v.num("eniQuantity", 1, 64), eniPrivateIpAddressQuantity: v.num("eniPrivateIpAddressQuantity", 1, 256),
    secondaryEniAtCreation: v.bool("secondaryEniAtCreation", true), attachRequiresStopped: v.bool("attachRequiresStopped", false),
  }));
  const seed: Seed = {
    region,
    regions: r.strings("regions", DEFAULT_SEED.regions),
    accountId: r.str("accountId", DEFAULT_SEED.accountId),
    sourceDestCheckMode: r.oneOf<SourceDestCheckMode>("sourceDestCheckMode", ["enabled-by-default", "disabled-by-default"], DEFAULT_SEED.sourceDestCheckMode),
    sourceDestCheckRegions: r.strings("sourceDestCheckRegions", SOURCE_DEST_CHECK_REGIONS),
    eniQuotaPerRegion: r.num("eniQuotaPerRegion", 1, 1_000_000, DEFAULT_SEED.eniQuotaPerRegion),
    vpcs, vSwitches, securityGroups, routeTables, images, instanceTypes,
  };
  checkReferences(seed, file);
  return seed;
}

function checkUnique(file: string, list: readonly { id: string }[], field: string): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) throw new SeedError(file, `${field}[${i}].id`, `"${item.id}" is used twice`);
    seen.add(item.id);
  });
}

/** Cross-field rules: unique ids, references that resolve, vSwitch CIDRs inside their VPC's. */
function checkReferences(seed: Seed, file: string): void {
  checkUnique(file, seed.vpcs, "vpcs");
  checkUnique(file, seed.vSwitches, "vSwitches");
  checkUnique(file, seed.securityGroups, "securityGroups");
  checkUnique(file, seed.routeTables, "routeTables");
  checkUnique(file, seed.images, "images");
  checkUnique(file, seed.instanceTypes, "instanceTypes");
  const vpcs = new Map(seed.vpcs.map((v) => [v.id, v]));
  const vpcOf = (field: string, vpcId: string): SeedVpc => {
    const vpc = vpcs.get(vpcId);
    if (!vpc) throw new SeedError(file, field, `names VPC "${vpcId}", which the seed does not define`);
    return vpc;
  };
  seed.vSwitches.forEach((s, i) => {
    const vpc = vpcOf(`vSwitches[${i}].vpcId`, s.vpcId);
    // Both parsed already by the reader, so the non-null assertions cannot fail.
    if (!cidrContainsCidr(parseCidr(vpc.cidrBlock)!, parseCidr(s.cidrBlock)!)) {
      throw new SeedError(file, `vSwitches[${i}].cidrBlock`, `${s.cidrBlock} is not inside VPC ${vpc.id}'s ${vpc.cidrBlock}`);
    }
  });
  seed.securityGroups.forEach((g, i) => vpcOf(`securityGroups[${i}].vpcId`, g.vpcId));
  const vSwitchIds = new Set(seed.vSwitches.map((s) => s.id));
  seed.routeTables.forEach((t, i) => {
    vpcOf(`routeTables[${i}].vpcId`, t.vpcId);
    t.vSwitchIds.forEach((id, j) => {
      if (!vSwitchIds.has(id)) throw new SeedError(file, `routeTables[${i}].vSwitchIds[${j}]`, `names vSwitch "${id}", which the seed does not define`);
    });
  });
  seed.routeTables.forEach((t, i) => {
    if (t.type === "System" && seed.routeTables.some((o, j) => j < i && o.type === "System" && o.vpcId === t.vpcId)) {
      throw new SeedError(file, `routeTables[${i}].type`, `makes a second System route table for VPC ${t.vpcId}`);
    }
  });
}
