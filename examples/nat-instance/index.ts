/**
 * NAT instance: the private vSwitch reaches the internet through i-nat, which masquerades (SNAT).
 * Its ENI receives packets for foreign destinations and sends replies from foreign sources, so
 * Source/Destination Check must be OFF there; the app server keeps it ON.
 */
import * as alicloud from "@pulumi/alicloud";
import { Instance, RouteEntry } from "alicloud-eni";

const zoneId = "cn-hangzhou-h";
const imageId = "aliyun_3_x64_20G_alibase_20240819.vhd";

const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
const publicSubnet = new alicloud.vpc.Switch("public", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", zoneId });
const privateSubnet = new alicloud.vpc.Switch("private", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", zoneId });
const group = new alicloud.ecs.SecurityGroup("hosts", { vpcId: vpc.id });
const privateRoutes = new alicloud.vpc.RouteTable("private", { vpcId: vpc.id });
new alicloud.vpc.RouteTableAttachment("private", { routeTableId: privateRoutes.id, vswitchId: privateSubnet.id });
new alicloud.vpc.RouteEntry("public-default", { routeTableId: vpc.routeTableId, destinationCidrblock: "0.0.0.0/0", nexthopType: "Ipv4Gateway", nexthopId: "ipv4gw-internet" });

const nat = new Instance("nat", {
  vSwitchId: publicSubnet.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.0.10",
  primaryNetworkInterface: { sourceDestCheck: false },
  forwarding: "snat",
  metadataOptions: { httpTokens: "required" },
});

new RouteEntry("private-default-via-nat", {
  routeTableId: privateRoutes.id,
  destinationCidrBlock: "0.0.0.0/0",
  nextHopType: "Instance",
  nextHopId: nat.instanceId,
});

new Instance("app", {
  vSwitchId: privateSubnet.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.1.5",
  primaryNetworkInterface: { sourceDestCheck: true },
  metadataOptions: { httpTokens: "required" },
});
