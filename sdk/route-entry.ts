import * as pulumi from "@pulumi/pulumi";
import { routeEntryProvider } from "../provider/route-entry";
import type { NextHopType } from "../provider/route-entry/types";
import { DYNAMIC_MODULE, urnInput } from "./resource-urn";

export interface RouteEntryArgs {
  routeTableId: pulumi.Input<string>;
  destinationCidrBlock: pulumi.Input<string>;
  nextHopType: pulumi.Input<NextHopType>;
  /** eni-... for NetworkInterface, i-... for Instance. */
  nextHopId: pulumi.Input<string>;
  name?: pulumi.Input<string>;
}

/** A custom route whose next hop is an ENI or an instance. Every change replaces it. */
export class RouteEntry extends pulumi.dynamic.Resource {
  declare public readonly kind: pulumi.Output<"alicloud-eni:RouteEntry">;
  declare public readonly routeEntryId: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly routeTableId: pulumi.Output<string>;
  declare public readonly destinationCidrBlock: pulumi.Output<string>;
  declare public readonly nextHopType: pulumi.Output<NextHopType>;
  declare public readonly nextHopId: pulumi.Output<string>;

  constructor(name: string, args: RouteEntryArgs, opts?: pulumi.CustomResourceOptions) {
    super(routeEntryProvider, name, {
      ...args,
      __urn: urnInput(name, "RouteEntry", opts),
      kind: undefined, routeEntryId: undefined, status: undefined, regionId: undefined,
    }, opts, DYNAMIC_MODULE, "RouteEntry");
  }
}
