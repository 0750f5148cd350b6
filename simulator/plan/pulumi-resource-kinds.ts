/**
 * Which network element a Pulumi resource declares. Our own resources are dynamic resources,
 * which all share one type token, so they are told apart by their `kind` property (an output,
 * and an input where the sdk passes it), then by a typed dynamic token, then by input shape.
 */
import { asString, prop, type PulumiResource } from "./pulumi-values";

export type ResourceRole =
  | "vpc"
  | "vswitch"
  | "route-table"
  | "route-table-attachment"
  | "alicloud-route-entry"
  | "alicloud-eni"
  | "eni-attachment"
  | "alicloud-instance"
  | "eni-sdk-network-interface"
  | "eni-sdk-instance"
  | "eni-sdk-route-entry"
  | "provider-alicloud"
  | "other";

const ALICLOUD_TYPES: Readonly<Record<string, ResourceRole>> = {
  "alicloud:vpc/network:Network": "vpc",
  "alicloud:vpc/switch:Switch": "vswitch",
  "alicloud:vpc/routeTable:RouteTable": "route-table",
  "alicloud:vpc/routeTableAttachment:RouteTableAttachment": "route-table-attachment",
  "alicloud:vpc/routeEntry:RouteEntry": "alicloud-route-entry",
  "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface": "alicloud-eni",
  // The deprecated pre-1.123 ENI resources; same wire fields under older names.
  "alicloud:vpc/networkInterface:NetworkInterface": "alicloud-eni",
  "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment": "eni-attachment",
  "alicloud:vpc/networkInterfaceAttachment:NetworkInterfaceAttachment": "eni-attachment",
  "alicloud:ecs/instance:Instance": "alicloud-instance",
  "pulumi:providers:alicloud": "provider-alicloud",
};

const SDK_KINDS: Readonly<Record<string, ResourceRole>> = {
  "alicloud-eni:NetworkInterface": "eni-sdk-network-interface",
  "alicloud-eni:Instance": "eni-sdk-instance",
  "alicloud-eni:RouteEntry": "eni-sdk-route-entry",
};

const SDK_TYPE_NAMES: Readonly<Record<string, ResourceRole>> = {
  NetworkInterface: "eni-sdk-network-interface",
  Instance: "eni-sdk-instance",
  RouteEntry: "eni-sdk-route-entry",
};

export function classifyResource(resource: PulumiResource): ResourceRole {
  const known = ALICLOUD_TYPES[resource.type];
  if (known !== undefined) return known;
  if (!resource.type.startsWith("pulumi-nodejs:dynamic")) return "other";
  const kind = asString(prop(resource, "kind"));
  if (kind !== undefined) return SDK_KINDS[kind] ?? "other";
  // `pulumi-nodejs:dynamic/<module>:<Type>` when the sdk names its dynamic resources.
  const typed = /^pulumi-nodejs:dynamic\/[^:]+:(\w+)$/.exec(resource.type);
  if (typed !== null) return SDK_TYPE_NAMES[typed[1]!] ?? "other";
  return roleFromShape(resource);
}

/** DESIGN.md "Resources (sdk/)": the required arguments of each class are distinctive enough. */
function roleFromShape(resource: PulumiResource): ResourceRole {
  const has = (key: string): boolean => prop(resource, key) !== undefined;
  if (has("routeTableId") && has("destinationCidrBlock") && has("nextHopId")) return "eni-sdk-route-entry";
  if (has("vSwitchId") && has("instanceType") && has("imageId")) return "eni-sdk-instance";
  if (has("vSwitchId") && has("securityGroupIds")) return "eni-sdk-network-interface";
  return "other";
}
