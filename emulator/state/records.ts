import type { Step } from "./lifecycle";
import type { Seed } from "./seed";

/**
 * The emulator's models, as plain JSON so a snapshot is the state itself. Field names are
 * camelCase; the cloud's PascalCase appears only in emulator/actions when rendering.
 */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** The resource types TagResources / ListTagResources address (the cloud's lower-case names). */
export type TaggableType = "eni" | "instance" | "securitygroup" | "image";
export const TAGGABLE_TYPES: readonly TaggableType[] = ["eni", "instance", "securitygroup", "image"];

export type EniStatus = "Available" | "Attaching" | "InUse" | "Detaching";
export type EniType = "Primary" | "Secondary";

export interface EniRecord {
  readonly id: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly vpcId: string;
  readonly vSwitchId: string;
  readonly type: EniType;
  name: string;
  description: string;
  securityGroupIds: string[];
  readonly primaryIpAddress: string;
  secondaryIpAddresses: string[];
  readonly macAddress: string;
  sourceDestCheck: boolean;
  /** The instance it is attached to, being attached to, or being detached from. */
  instanceId: string | null;
  deviceIndex: number | null;
  lifecycle: Step<EniStatus>[];
  readonly creationTime: number;
  resourceGroupId: string;
  deleteOnRelease: boolean;
  queueNumber: number | null;
}

export type InstanceStatus = "Pending" | "Starting" | "Running" | "Stopping" | "Stopped";

export type HttpEndpoint = "enabled" | "disabled";
export type HttpTokens = "optional" | "required";
export type InstanceMetadataTags = "enabled" | "disabled";
export type InstanceChargeType = "PostPaid" | "PrePaid";

export interface MetadataOptions {
  httpEndpoint: HttpEndpoint;
  httpTokens: HttpTokens;
  httpPutResponseHopLimit: number;
  instanceMetadataTags: InstanceMetadataTags;
}

export interface InstanceRecord {
  readonly id: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly vpcId: string;
  readonly vSwitchId: string;
  readonly instanceType: string;
  readonly imageId: string;
  instanceName: string;
  hostName: string;
  description: string;
  securityGroupIds: string[];
  readonly primaryEniId: string;
  lifecycle: Step<InstanceStatus>[];
  readonly creationTime: number;
  metadataOptions: MetadataOptions;
  readonly resourceGroupId: string;
  readonly instanceChargeType: InstanceChargeType;
  readonly internetMaxBandwidthOut: number;
  readonly keyPairName: string;
  /** Base64 as given; DescribeInstances does not return it, DescribeUserData would. */
  userData: string;
  deletionProtection: boolean;
}

export type RouteEntryStatus = "Pending" | "Available";

export interface RouteEntryRecord {
  readonly id: string;
  readonly routeTableId: string;
  readonly destinationCidrBlock: string;
  readonly nextHopType: string;
  readonly nextHopId: string;
  readonly name: string;
  readonly description: string;
  /** "System" for the seed's entries, "Custom" for what callers add. */
  readonly type: "System" | "Custom";
  lifecycle: Step<RouteEntryStatus>[];
  readonly creationTime: number;
}

export interface ClientTokenRecord {
  /** Canonical form of the request's parameters (ClientToken excluded). */
  readonly fingerprint: string;
  readonly response: Record<string, unknown>;
}

export interface Counters {
  /** Next resource id sequence number (ids are derived from it and the salt). */
  resource: number;
  /** Next MAC sequence number. */
  mac: number;
}

/** Everything the emulator knows; `snapshot()` is a deep copy of it. */
export interface StoreState {
  readonly version: 1;
  /** The reference data (VPCs, vSwitches, security groups, images, instance types, account). */
  readonly seed: Seed;
  /** Makes ids look random while staying reproducible from the state. */
  readonly salt: string;
  counters: Counters;
  networkInterfaces: Record<string, EniRecord>;
  instances: Record<string, InstanceRecord>;
  routeEntries: Record<string, RouteEntryRecord>;
  /** Tags by `${type}:${id}`. */
  tags: Record<string, Tag[]>;
  /** By `${accessKeyId}\n${action}\n${token}`. */
  clientTokens: Record<string, ClientTokenRecord>;
}
