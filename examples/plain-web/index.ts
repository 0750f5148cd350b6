/**
 * A plain web server: it only sends and receives its own addresses, so Source/Destination Check
 * can be ON (anti-spoofing) — the simulator's `can-enable` finding on the loose topology.
 */
import * as alicloud from "@pulumi/alicloud";
import { NetworkInterface, Instance } from "alicloud-eni";

const zoneId = "cn-shenzhen-a";
const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
const web = new alicloud.vpc.Switch("web", { vpcId: vpc.id, cidrBlock: "10.0.5.0/24", zoneId });
const group = new alicloud.ecs.SecurityGroup("web", { vpcId: vpc.id });
new alicloud.vpc.RouteEntry("default", { routeTableId: vpc.routeTableId, destinationCidrblock: "0.0.0.0/0", nexthopType: "Ipv4Gateway", nexthopId: "ipv4gw-internet" });

const server = new Instance("web", {
  vSwitchId: web.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
  privateIpAddress: "10.0.5.10",
  primaryNetworkInterface: { sourceDestCheck: true },
  metadataOptions: { httpTokens: "required" },
});

// A second address for a second site, on its own ENI so it can carry its own settings.
new NetworkInterface("web-site-b", {
  vSwitchId: web.id,
  securityGroupIds: [group.id],
  primaryIpAddress: "10.0.5.11",
  sourceDestCheck: true,
  instanceId: server.instanceId,
});
