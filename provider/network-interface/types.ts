import type { Tags } from "../shared/tags";

export const NETWORK_INTERFACE_KIND = "alicloud-eni:NetworkInterface";

/** Desired state of one standalone ENI, as check returns it (what create/update receive). */
export interface NetworkInterfaceInputs {
  /** vSwitch the ENI lives in; fixes its VPC, zone and address range. Replace. */
  vSwitchId: string;
  /** 1..5 security groups of the ENI's VPC. In place. */
  securityGroupIds: string[];
  /** Primary private IPv4; unset lets the cloud pick one from the vSwitch. Replace. */
  primaryIpAddress?: string;
  /** Explicit secondary private IPv4s. In place (assign/unassign). */
  privateIpAddresses?: string[];
  /** Number of secondary IPs the cloud picks (0..49); not with privateIpAddresses. In place. */
  secondaryPrivateIpAddressCount?: number;
  /** Source/Destination Check; unset = whatever the cloud chose, read back and never diffed. In place. */
  sourceDestCheck?: boolean;
  /** Instance to attach to; unset = detached. In place (detach, then attach). */
  instanceId?: string;
  /** ENI name. In place. */
  name?: string;
  /** ENI description. In place. */
  description?: string;
  /** Tags this resource manages. In place. */
  tags?: Tags;
  /** Hidden: the resource's URN, added by sdk/NetworkInterface so check can derive the ClientToken. */
  __urn?: string;
  /** Hidden: ClientToken of CreateNetworkInterface, computed in check (see shared/client-token.ts). */
  __clientToken?: string;
}

/** Stored state: the inputs (with actual values where the cloud decides) plus what the cloud computed. */
export interface NetworkInterfaceOutputs extends NetworkInterfaceInputs {
  kind: typeof NETWORK_INTERFACE_KIND;
  networkInterfaceId: string;
  /** ENI status: Available, Attaching, InUse, Detaching, Deleting. */
  status: string;
  macAddress: string;
  /** Actual primary IP (also when the cloud chose it). */
  primaryIpAddress: string;
  /** Actual secondary IPs. */
  privateIpAddresses: string[];
  /** Effective flag, whether or not the input set it. */
  sourceDestCheck: boolean;
  vpcId: string;
  zoneId: string;
  /** Region the ENI was created in (from provider config); used by read/delete. */
  regionId: string;
}
