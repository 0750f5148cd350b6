import * as pulumi from "@pulumi/pulumi";
import { instanceProvider } from "../provider/instance";
import type { Forwarding, HttpEndpoint, HttpTokens, InstanceNetworkInterfaceOutputs } from "../provider/instance/types";
import { DYNAMIC_MODULE, urnInput } from "./resource-urn";

export interface MetadataOptionsArgs {
  /** "enabled" | "disabled". In place. */
  httpEndpoint?: pulumi.Input<HttpEndpoint>;
  /** "optional" | "required" (security-hardened mode). In place. */
  httpTokens?: pulumi.Input<HttpTokens>;
  /** 1..64. In place. */
  httpPutResponseHopLimit?: pulumi.Input<number>;
}

export interface SecondaryNetworkInterfaceArgs {
  /** Attach this existing ENI at creation instead of creating one (its flag is then set where that ENI is managed). */
  networkInterfaceId?: pulumi.Input<string>;
  /** Defaults to the instance's vSwitch. */
  vSwitchId?: pulumi.Input<string>;
  /** Default to the instance's groups. In place. */
  securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  primaryIpAddress?: pulumi.Input<string>;
  /** Unset: the cloud's choice, read back and never diffed. In place. */
  sourceDestCheck?: pulumi.Input<boolean>;
}

export interface InstanceArgs {
  vSwitchId: pulumi.Input<string>;
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  instanceType: pulumi.Input<string>;
  imageId: pulumi.Input<string>;
  zoneId?: pulumi.Input<string>;
  /** Primary private IP. */
  privateIpAddress?: pulumi.Input<string>;
  instanceName?: pulumi.Input<string>;
  primaryNetworkInterface?: pulumi.Input<{ sourceDestCheck?: pulumi.Input<boolean> }>;
  /** At most one secondary ENI at creation. */
  secondaryNetworkInterface?: pulumi.Input<SecondaryNetworkInterfaceArgs>;
  metadataOptions?: pulumi.Input<MetadataOptionsArgs>;
  /** What the OS does with packets not addressed to it: "none" | "snat" | "route" (for the simulator). */
  forwarding?: pulumi.Input<Forwarding>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** An ECS instance with its primary (and optionally one secondary) ENI. */
export class Instance extends pulumi.dynamic.Resource {
  declare public readonly kind: pulumi.Output<"alicloud-eni:Instance">;
  declare public readonly instanceId: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;
  declare public readonly zoneId: pulumi.Output<string>;
  declare public readonly vpcId: pulumi.Output<string>;
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly privateIpAddress: pulumi.Output<string>;
  declare public readonly primaryNetworkInterfaceId: pulumi.Output<string>;
  declare public readonly secondaryNetworkInterfaceId: pulumi.Output<string | undefined>;
  /** Effective settings of the primary ENI, its sourceDestCheck included. */
  declare public readonly primaryNetworkInterface: pulumi.Output<InstanceNetworkInterfaceOutputs>;
  declare public readonly secondaryNetworkInterface: pulumi.Output<InstanceNetworkInterfaceOutputs | undefined>;
  declare public readonly metadataOptions: pulumi.Output<{ httpEndpoint: HttpEndpoint; httpTokens: HttpTokens; httpPutResponseHopLimit: number }>;
  declare public readonly forwarding: pulumi.Output<Forwarding | undefined>;
  declare public readonly securityGroupIds: pulumi.Output<string[]>;
  declare public readonly tags: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(instanceProvider, name, {
      ...args,
      __urn: urnInput(name, "Instance", opts),
      kind: undefined, instanceId: undefined, status: undefined, vpcId: undefined, regionId: undefined,
      primaryNetworkInterfaceId: undefined, secondaryNetworkInterfaceId: undefined,
      zoneId: args.zoneId, privateIpAddress: args.privateIpAddress, primaryNetworkInterface: args.primaryNetworkInterface,
      secondaryNetworkInterface: args.secondaryNetworkInterface, metadataOptions: args.metadataOptions, forwarding: args.forwarding, tags: args.tags,
    }, opts, DYNAMIC_MODULE, "Instance");
  }
}
