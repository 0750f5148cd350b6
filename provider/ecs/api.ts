/**
 * EcsApi: one thin method per OpenAPI action (ECS 2014-05-26 and VPC 2016-04-28). Each sends
 * exactly one request and returns the first response, parsed into the records below; no retries,
 * no waiting (that is client.ts). Controllers never see it directly; tests replace it with a fake.
 */

export type Tags = Record<string, string>;

export interface NetworkInterfaceRecord {
  readonly networkInterfaceId: string;
  /** Available, Attaching, InUse, Detaching, Deleting */
  readonly status: string;
  /** Primary or Secondary */
  readonly type: string;
  readonly vSwitchId: string;
  readonly vpcId: string;
  readonly zoneId: string;
  readonly primaryIpAddress: string;
  readonly secondaryIpAddresses: string[];
  readonly macAddress: string;
  readonly securityGroupIds: string[];
  /** Undefined when detached. */
  readonly instanceId: string | undefined;
  /** Undefined where the response omits it (regions without the feature). */
  readonly sourceDestCheck: boolean | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly tags: Tags;
}

export interface InstanceNetworkInterfaceRef {
  readonly networkInterfaceId: string;
  readonly type: string;
  readonly primaryIpAddress: string;
  readonly macAddress: string;
}

export interface InstanceRecord {
  readonly instanceId: string;
  readonly status: string;
  readonly zoneId: string;
  readonly vpcId: string;
  readonly vSwitchId: string;
  readonly instanceType: string;
  readonly imageId: string;
  readonly instanceName: string | undefined;
  readonly securityGroupIds: string[];
  readonly privateIpAddress: string;
  readonly networkInterfaces: InstanceNetworkInterfaceRef[];
  readonly metadataOptions: { httpEndpoint: string | undefined; httpTokens: string | undefined; httpPutResponseHopLimit: number | undefined };
  readonly tags: Tags;
}

export interface VSwitchRecord {
  readonly vSwitchId: string;
  readonly cidrBlock: string;
  readonly vpcId: string;
  readonly zoneId: string;
}

export interface RouteEntryRecord {
  readonly routeEntryId: string;
  readonly routeTableId: string;
  readonly destinationCidrBlock: string;
  readonly status: string;
  readonly nextHopType: string | undefined;
  readonly nextHopId: string | undefined;
  readonly name: string | undefined;
}

export interface CreateNetworkInterfaceRequest {
  readonly regionId: string;
  readonly vSwitchId: string;
  readonly securityGroupIds: string[];
  readonly primaryIpAddress?: string | undefined;
  readonly privateIpAddresses?: string[] | undefined;
  readonly secondaryPrivateIpAddressCount?: number | undefined;
  readonly sourceDestCheck?: boolean | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly tags?: Tags | undefined;
  readonly clientToken?: string | undefined;
}

export interface ModifyNetworkInterfaceRequest {
  readonly regionId: string;
  readonly networkInterfaceId: string;
  readonly securityGroupIds?: string[] | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly sourceDestCheck?: boolean | undefined;
}

export interface RunInstanceNetworkInterface {
  readonly vSwitchId?: string | undefined;
  readonly securityGroupIds?: string[] | undefined;
  readonly primaryIpAddress?: string | undefined;
  readonly sourceDestCheck?: boolean | undefined;
  /** An existing ENI to attach (secondary only). */
  readonly networkInterfaceId?: string | undefined;
}

export interface RunInstancesRequest {
  readonly regionId: string;
  readonly zoneId?: string | undefined;
  readonly vSwitchId: string;
  readonly securityGroupIds: string[];
  readonly instanceType: string;
  readonly imageId: string;
  readonly instanceName?: string | undefined;
  readonly privateIpAddress?: string | undefined;
  /** NetworkInterface.1 (InstanceType=Primary) */
  readonly primary: RunInstanceNetworkInterface;
  /** NetworkInterface.2 (InstanceType=Secondary) */
  readonly secondary?: RunInstanceNetworkInterface | undefined;
  readonly httpEndpoint?: string | undefined;
  readonly httpTokens?: string | undefined;
  readonly httpPutResponseHopLimit?: number | undefined;
  readonly tags?: Tags | undefined;
  readonly clientToken?: string | undefined;
}

export type TaggableResourceType = "eni" | "instance";

export interface EcsApi {
  createNetworkInterface(request: CreateNetworkInterfaceRequest): Promise<NetworkInterfaceRecord>;
  describeNetworkInterfaces(request: { regionId: string; networkInterfaceIds?: string[]; instanceId?: string }): Promise<NetworkInterfaceRecord[]>;
  modifyNetworkInterfaceAttribute(request: ModifyNetworkInterfaceRequest): Promise<void>;
  attachNetworkInterface(request: { regionId: string; networkInterfaceId: string; instanceId: string }): Promise<void>;
  detachNetworkInterface(request: { regionId: string; networkInterfaceId: string; instanceId: string }): Promise<void>;
  deleteNetworkInterface(request: { regionId: string; networkInterfaceId: string }): Promise<void>;
  /** Returns the addresses assigned. */
  assignPrivateIpAddresses(request: { regionId: string; networkInterfaceId: string; privateIpAddresses?: string[]; secondaryPrivateIpAddressCount?: number }): Promise<string[]>;
  unassignPrivateIpAddresses(request: { regionId: string; networkInterfaceId: string; privateIpAddresses: string[] }): Promise<void>;
  tagResources(request: { regionId: string; resourceType: TaggableResourceType; resourceIds: string[]; tags: Tags }): Promise<void>;
  untagResources(request: { regionId: string; resourceType: TaggableResourceType; resourceIds: string[]; tagKeys: string[] }): Promise<void>;
  /** Returns the new instance ids. */
  runInstances(request: RunInstancesRequest): Promise<string[]>;
  describeInstances(request: { regionId: string; instanceIds: string[] }): Promise<InstanceRecord[]>;
  modifyInstanceMetadataOptions(request: { regionId: string; instanceId: string; httpEndpoint?: string | undefined; httpTokens?: string | undefined; httpPutResponseHopLimit?: number | undefined }): Promise<void>;
  modifyInstanceAttribute(request: { instanceId: string; instanceName: string }): Promise<void>;
  /** Stop/Delete send no RegionId (the instance id is global). */
  stopInstance(request: { instanceId: string; forceStop: boolean }): Promise<void>;
  deleteInstance(request: { instanceId: string; force: boolean }): Promise<void>;
  /** VPC DescribeVSwitches filtered by id (an unknown id yields an empty list). */
  describeVSwitches(request: { regionId: string; vSwitchId: string }): Promise<VSwitchRecord[]>;
  /** Returns the new RouteEntryId. */
  createRouteEntry(request: { regionId: string; routeTableId: string; destinationCidrBlock: string; nextHopType: string; nextHopId: string; routeEntryName?: string | undefined; clientToken?: string | undefined }): Promise<string>;
  describeRouteEntryList(request: { regionId: string; routeTableId: string; routeEntryId?: string; destinationCidrBlock?: string }): Promise<RouteEntryRecord[]>;
  deleteRouteEntry(request: { regionId: string; routeTableId: string; routeEntryId: string }): Promise<void>;
}

/** Method names, e.g. for fakes and call counting. */
export type EcsApiMethod = keyof EcsApi;
