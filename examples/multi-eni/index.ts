/**
 * One host, two ENIs in two vSwitches. Without policy-based routing, replies sourced from eth1's
 * address leave by eth0 and the check drops them. The fix keeps the check ON and installs
 * source-based routing on the host (a table per ENI, `ip rule add from <addr> table <n>`);
 * `policyRouting: true` tells the simulator the host does so.
 */
import * as alicloud from "@pulumi/alicloud";
import { Instance } from "alicloud-eni";

const zoneId = "cn-beijing-h";
const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
const front = new alicloud.vpc.Switch("front", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", zoneId });
const mgmt = new alicloud.vpc.Switch("mgmt", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", zoneId });
const group = new alicloud.ecs.SecurityGroup("hosts", { vpcId: vpc.id });
new alicloud.vpc.RouteEntry("default", { routeTableId: vpc.routeTableId, destinationCidrblock: "0.0.0.0/0", nexthopType: "Ipv4Gateway", nexthopId: "ipv4gw-internet" });

new Instance("app", {
  vSwitchId: front.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
  privateIpAddress: "10.0.1.10",
  primaryNetworkInterface: { sourceDestCheck: true },
  secondaryNetworkInterface: { vSwitchId: mgmt.id, primaryIpAddress: "10.0.2.10", sourceDestCheck: true },
  tags: { "eni-sim:policy-routing": "true" },
});
