/**
 * IPsec endpoint: strongSwan on i-edge01 links the office's 192.168.100.0/24. Decrypted office
 * packets leave its ENI with office sources, and replies arrive for office destinations, so its
 * ENI needs Source/Destination Check OFF.
 */
import * as alicloud from "@pulumi/alicloud";
import { Instance, RouteEntry } from "alicloud-eni";

const zoneId = "eu-central-1a";
const imageId = "aliyun_3_x64_20G_alibase_20240819.vhd";

const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
const publicSubnet = new alicloud.vpc.Switch("public", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", zoneId });
const privateSubnet = new alicloud.vpc.Switch("private", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", zoneId });
const group = new alicloud.ecs.SecurityGroup("hosts", { vpcId: vpc.id });
const privateRoutes = new alicloud.vpc.RouteTable("private", { vpcId: vpc.id });
new alicloud.vpc.RouteTableAttachment("private", { routeTableId: privateRoutes.id, vswitchId: privateSubnet.id });
new alicloud.vpc.RouteEntry("public-default", { routeTableId: vpc.routeTableId, destinationCidrblock: "0.0.0.0/0", nexthopType: "Ipv4Gateway", nexthopId: "ipv4gw-internet" });

const vpn = new Instance("edge01", {
  vSwitchId: publicSubnet.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.0.30",
  primaryNetworkInterface: { sourceDestCheck: false },
  forwarding: "route",
});

new RouteEntry("office-via-vpn", { routeTableId: privateRoutes.id, destinationCidrBlock: "192.168.100.0/24", nextHopType: "Instance", nextHopId: vpn.instanceId });

new Instance("db", {
  vSwitchId: privateSubnet.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.1.10",
  primaryNetworkInterface: { sourceDestCheck: true },
});
