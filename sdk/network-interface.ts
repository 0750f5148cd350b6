import * as pulumi from "@pulumi/pulumi";
import { networkInterfaceProvider } from "../provider/network-interface";
import { DYNAMIC_MODULE, urnInput } from "./resource-urn";

export interface NetworkInterfaceArgs {
  /** vSwitch of the ENI (fixes VPC and zone). Changing it replaces the ENI. */
  vSwitchId: pulumi.Input<string>;
  /** 1..5 security groups. In place. */
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Primary private IPv4; unset lets the cloud pick. Changing it replaces the ENI. */
  primaryIpAddress?: pulumi.Input<string>;
  /** Explicit secondary private IPv4s. In place. */
  privateIpAddresses?: pulumi.Input<pulumi.Input<string>[]>;
  /** Number of cloud-picked secondary IPs (0..49); not with privateIpAddresses. In place. */
  secondaryPrivateIpAddressCount?: pulumi.Input<number>;
  /** Source/Destination Check. Unset: the cloud's choice, read back and never diffed. In place. */
  sourceDestCheck?: pulumi.Input<boolean>;
  /** Instance to attach to; unset means detached. In place (detach, then attach). */
  instanceId?: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A standalone elastic network interface, optionally attached to an instance. */
export class NetworkInterface extends pulumi.dynamic.Resource {
  declare public readonly kind: pulumi.Output<"alicloud-eni:NetworkInterface">;
  declare public readonly networkInterfaceId: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;
  declare public readonly macAddress: pulumi.Output<string>;
  declare public readonly primaryIpAddress: pulumi.Output<string>;
  declare public readonly privateIpAddresses: pulumi.Output<string[]>;
  /** The effective flag, whether or not it was set. */
  declare public readonly sourceDestCheck: pulumi.Output<boolean>;
  declare public readonly instanceId: pulumi.Output<string | undefined>;
  declare public readonly vSwitchId: pulumi.Output<string>;
  declare public readonly vpcId: pulumi.Output<string>;
  declare public readonly zoneId: pulumi.Output<string>;
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly securityGroupIds: pulumi.Output<string[]>;
  declare public readonly name: pulumi.Output<string | undefined>;
  declare public readonly description: pulumi.Output<string | undefined>;
  declare public readonly tags: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: NetworkInterfaceArgs, opts?: pulumi.CustomResourceOptions) {
    super(networkInterfaceProvider, name, {
      ...args,
      __urn: urnInput(name, "NetworkInterface", opts),
      // Output-only properties must be named here for Pulumi to expose them.
      kind: undefined, networkInterfaceId: undefined, status: undefined, macAddress: undefined,
      vpcId: undefined, zoneId: undefined, regionId: undefined,
      primaryIpAddress: args.primaryIpAddress, privateIpAddresses: args.privateIpAddresses,
      sourceDestCheck: args.sourceDestCheck, instanceId: args.instanceId, name: args.name, description: args.description, tags: args.tags,
    }, opts, DYNAMIC_MODULE, "NetworkInterface");
  }
}
