/**
 * Software router: i-router joins vsw-a and vsw-b and carries on-premises routes (172.16.0.0/12).
 * It forwards packets unchanged, so both of its ENIs need Source/Destination Check OFF.
 * Its primary ENI (eth0, the OS's default route) is the uplink in vsw-b, whose route table sends
 * on-premises traffic to the VPN gateway; vsw-a is reached through the attached ENI (eth1). With
 * eth0 in vsw-a, traffic for 172.16.0.0/12 would leave by vsw-a, whose table points back at the
 * router: a loop.
 */
import * as alicloud from "@pulumi/alicloud";
import { Instance, NetworkInterface, RouteEntry } from "alicloud-eni";

const zoneId = "cn-shanghai-b";
const imageId = "aliyun_3_x64_20G_alibase_20240819.vhd";

const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/8" });
const subnetA = new alicloud.vpc.Switch("a", { vpcId: vpc.id, cidrBlock: "10.1.0.0/24", zoneId });
const subnetB = new alicloud.vpc.Switch("b", { vpcId: vpc.id, cidrBlock: "10.2.0.0/24", zoneId });
const group = new alicloud.ecs.SecurityGroup("hosts", { vpcId: vpc.id });
const routesA = new alicloud.vpc.RouteTable("a", { vpcId: vpc.id });
const routesB = new alicloud.vpc.RouteTable("b", { vpcId: vpc.id });
new alicloud.vpc.RouteTableAttachment("a", { routeTableId: routesA.id, vswitchId: subnetA.id });
new alicloud.vpc.RouteTableAttachment("b", { routeTableId: routesB.id, vswitchId: subnetB.id });

const router = new Instance("router", {
  vSwitchId: subnetB.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.2.0.1",
  primaryNetworkInterface: { sourceDestCheck: false },
  forwarding: "route",
});

new NetworkInterface("router-a", {
  vSwitchId: subnetA.id,
  securityGroupIds: [group.id],
  primaryIpAddress: "10.1.0.1",
  sourceDestCheck: false,
  instanceId: router.instanceId,
});

new RouteEntry("a-to-onprem", { routeTableId: routesA.id, destinationCidrBlock: "172.16.0.0/12", nextHopType: "Instance", nextHopId: router.instanceId });
new RouteEntry("b-to-a", { routeTableId: routesB.id, destinationCidrBlock: "10.1.0.0/16", nextHopType: "NetworkInterface", nextHopId: router.primaryNetworkInterfaceId });
new alicloud.vpc.RouteEntry("b-to-onprem", { routeTableId: routesB.id, destinationCidrblock: "172.16.0.0/12", nexthopType: "VpnGateway", nexthopId: "vpn-gateway-1" });

new Instance("a", {
  vSwitchId: subnetA.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.1.0.5",
  primaryNetworkInterface: { sourceDestCheck: true },
});
