import type { Tags } from "../shared/tags";

export const INSTANCE_KIND = "alicloud-eni:Instance";

export type HttpEndpoint = "enabled" | "disabled";
export type HttpTokens = "optional" | "required";
/** What the instance's OS does with packets that are not for it (a hint for the simulator; no API call). */
export type Forwarding = "none" | "snat" | "route";

export interface MetadataOptionsInputs {
  httpEndpoint?: HttpEndpoint;
  httpTokens?: HttpTokens;
  /** 1..64 */
  httpPutResponseHopLimit?: number;
}

export interface PrimaryNetworkInterfaceInputs {
  /** Unset = whatever the cloud chose (read back, never diffed). In place. */
  sourceDestCheck?: boolean;
}

export interface SecondaryNetworkInterfaceInputs {
  /** Attach this existing ENI at creation instead of creating one; its flag is then owned elsewhere. */
  networkInterfaceId?: string;
  /** vSwitch of a new secondary ENI; defaults to the instance's. */
  vSwitchId?: string;
  /** Security groups of a new secondary ENI; default to the instance's. */
  securityGroupIds?: string[];
  primaryIpAddress?: string;
  sourceDestCheck?: boolean;
}

export interface InstanceInputs {
  vSwitchId: string;
  securityGroupIds: string[];
  instanceType: string;
  imageId: string;
  zoneId?: string;
  /** Primary private IP of the primary ENI. */
  privateIpAddress?: string;
  instanceName?: string;
  primaryNetworkInterface?: PrimaryNetworkInterfaceInputs;
  /** At most one secondary ENI at creation (the cloud allows two ENIs in RunInstances). */
  secondaryNetworkInterface?: SecondaryNetworkInterfaceInputs;
  metadataOptions?: MetadataOptionsInputs;
  forwarding?: Forwarding;
  tags?: Tags;
  __urn?: string;
  __clientToken?: string;
}

/** One ENI of the instance as read back (DescribeNetworkInterfaces: the only source of its flag). */
export interface InstanceNetworkInterfaceOutputs {
  networkInterfaceId: string;
  primaryIpAddress: string;
  macAddress: string;
  sourceDestCheck: boolean;
  vSwitchId: string;
  securityGroupIds: string[];
}

export interface InstanceOutputs extends InstanceInputs {
  kind: typeof INSTANCE_KIND;
  instanceId: string;
  /** Pending, Starting, Running, Stopping, Stopped */
  status: string;
  zoneId: string;
  vpcId: string;
  regionId: string;
  privateIpAddress: string;
  primaryNetworkInterfaceId: string;
  secondaryNetworkInterfaceId?: string;
  /** Effective settings of the ENIs, whatever the inputs said. */
  primaryNetworkInterface: InstanceNetworkInterfaceOutputs;
  secondaryNetworkInterface?: InstanceNetworkInterfaceOutputs;
  /** True when RunInstances created the secondary ENI (so delete cleans it up); false when it was an existing ENI given by id. */
  secondaryNetworkInterfaceCreated?: boolean;
  /** Effective metadata options (DescribeInstances MetadataOptions). */
  metadataOptions: Required<MetadataOptionsInputs>;
}
