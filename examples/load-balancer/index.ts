/**
 * Transparent load balancer: HAProxy keeps the clients' addresses, so it sends to the backends
 * with foreign sources and receives their replies for foreign destinations (the backends' default
 * route points at it). Its ENI needs Source/Destination Check OFF; the backends keep it ON.
 */
import * as alicloud from "@pulumi/alicloud";
import { Instance, RouteEntry } from "alicloud-eni";

const zoneId = "ap-southeast-1a";
const imageId = "aliyun_3_x64_20G_alibase_20240819.vhd";

const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
const edge = new alicloud.vpc.Switch("edge", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", zoneId });
const backend = new alicloud.vpc.Switch("backend", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", zoneId });
const group = new alicloud.ecs.SecurityGroup("hosts", { vpcId: vpc.id });
const backendRoutes = new alicloud.vpc.RouteTable("backend", { vpcId: vpc.id });
new alicloud.vpc.RouteTableAttachment("backend", { routeTableId: backendRoutes.id, vswitchId: backend.id });
new alicloud.vpc.RouteEntry("edge-default", { routeTableId: vpc.routeTableId, destinationCidrblock: "0.0.0.0/0", nexthopType: "Ipv4Gateway", nexthopId: "ipv4gw-internet" });

const haproxy = new Instance("haproxy", {
  vSwitchId: edge.id,
  securityGroupIds: [group.id],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.0.20",
  primaryNetworkInterface: { sourceDestCheck: false },
  forwarding: "route",
  tags: { role: "load-balancer" },
});

new RouteEntry("backend-default-via-haproxy", { routeTableId: backendRoutes.id, destinationCidrBlock: "0.0.0.0/0", nextHopType: "Instance", nextHopId: haproxy.instanceId });

for (const [name, ip] of [["backend-1", "10.0.1.10"], ["backend-2", "10.0.1.11"]] as const) {
  new Instance(name, {
    vSwitchId: backend.id,
    securityGroupIds: [group.id],
    instanceType: "ecs.g7.large",
    imageId,
    privateIpAddress: ip,
    primaryNetworkInterface: { sourceDestCheck: true },
  });
}
