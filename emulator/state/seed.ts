import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { parseSeed, SeedError } from "./seed-parser";

/**
 * The world the emulator starts from: the account, its regions, networks, security groups,
 * route tables, images and instance types. Everything the caller creates lives in the store.
 */
export type SourceDestCheckMode = "enabled-by-default" | "disabled-by-default";
export const SOURCE_DEST_CHECK_MODES: readonly SourceDestCheckMode[] = ["enabled-by-default", "disabled-by-default"];

export interface SeedVpc {
  readonly id: string;
  readonly regionId: string;
  readonly cidrBlock: string;
  readonly name: string;
  readonly description: string;
}

export interface SeedVSwitch {
  readonly id: string;
  readonly vpcId: string;
  readonly zoneId: string;
  readonly cidrBlock: string;
  readonly name: string;
  readonly description: string;
}

export interface SeedSecurityGroup {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string;
  readonly description: string;
}

export interface SeedRoute {
  readonly destinationCidrBlock: string;
  readonly nextHopType: string;
  readonly nextHopId: string;
}

export interface SeedRouteTable {
  readonly id: string;
  readonly vpcId: string;
  readonly name: string;
  /** "System" is the VPC's default table; "Custom" tables are bound to the listed vSwitches. */
  readonly type: "System" | "Custom";
  readonly vSwitchIds: readonly string[];
  readonly routes: readonly SeedRoute[];
}

export interface SeedImage {
  readonly id: string;
  readonly name: string;
  readonly osType: "linux" | "windows";
}

/** One row of the instance-type table: how many ENIs it takes and when. */
export interface SeedInstanceType {
  readonly id: string;
  readonly cpu: number;
  readonly memoryGiB: number;
  /** ENIs in all, primary included. */
  readonly eniQuantity: number;
  /** Private IPs per ENI, primary included. */
  readonly eniPrivateIpAddressQuantity: number;
  /** False for types that take no secondary ENI in RunInstances/CreateInstance (seed 001). */
  readonly secondaryEniAtCreation: boolean;
  /** True for types that must be Stopped before an ENI is attached (seed 001). */
  readonly attachRequiresStopped: boolean;
}

export interface Seed {
  /** The region used when a resource does not name one. */
  readonly region: string;
  /** Regions the account can address; those of the VPCs are added. */
  readonly regions: readonly string[];
  readonly accountId: string;
  readonly sourceDestCheckMode: SourceDestCheckMode;
  /** Regions where SourceDestCheck exists (seed 001's 28). */
  readonly sourceDestCheckRegions: readonly string[];
  /** ENIs per region (MaxEniCountExceeded beyond it). */
  readonly eniQuotaPerRegion: number;
  readonly vpcs: readonly SeedVpc[];
  readonly vSwitches: readonly SeedVSwitch[];
  readonly securityGroups: readonly SeedSecurityGroup[];
  readonly routeTables: readonly SeedRouteTable[];
  readonly images: readonly SeedImage[];
  readonly instanceTypes: readonly SeedInstanceType[];
}

export { DEFAULT_SEED } from "./default-seed";
export { SOURCE_DEST_CHECK_REGIONS } from "./source-dest-check-regions";
export { parseSeed, SeedError } from "./seed-parser";

/** Reads a seed from a YAML or JSON file (JSON is YAML); errors name the file and the field. */
export function loadSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new SeedError(path, "(file)", `cannot be read: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new SeedError(path, "(document)", `is not valid YAML/JSON: ${(err as Error).message}`);
  }
  return parseSeed(doc, path);
}
