import * as pulumi from "@pulumi/pulumi";

/** The dynamic resource type token: `pulumi-nodejs:dynamic/alicloud-eni:<Type>` (as pulumi.dynamic.Resource builds it). */
export const DYNAMIC_MODULE = "alicloud-eni";

export function dynamicType(type: string): string {
  return `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:${type}`;
}

/**
 * The resource's URN, passed to the provider as the hidden input `__urn`: the dynamic provider's
 * create never sees the URN, and check derives the create's ClientToken from it (see
 * provider/shared/client-token.ts).
 */
export function urnInput(name: string, type: string, opts: pulumi.CustomResourceOptions | undefined): pulumi.Output<string> {
  return pulumi.createUrn(name, dynamicType(type), opts?.parent);
}
