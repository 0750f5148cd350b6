/**
 * The demo stack `npm start` evaluates: a NAT instance that gives a private vSwitch its way out.
 * The NAT instance's ENI forwards other hosts' packets, so it needs Source/Destination Check OFF
 * (the account's 2025 default would turn it on); the app server's ENI keeps it ON.
 * Ids default to the local emulator's seed; set them in stack config for a real account.
 */
import * as pulumi from "@pulumi/pulumi";
import { Instance, RouteEntry } from "./sdk";

const config = new pulumi.Config();
const publicVSwitchId = config.get("publicVSwitchId") ?? "vsw-bp1public0h7k2m5q8t1wx";
const privateVSwitchId = config.get("privateVSwitchId") ?? "vsw-bp1private4j9n3r6u0y2c";
const privateRouteTableId = config.get("privateRouteTableId") ?? "vtb-bp1private0c4g8k2o6sf";
const natSecurityGroupId = config.get("natSecurityGroupId") ?? "sg-bp1nat9q4w1e7r3t6y0ub2";
const appSecurityGroupId = config.get("appSecurityGroupId") ?? "sg-bp1web3x8c2v6b0n4m7qa1";
const imageId = config.get("imageId") ?? "aliyun_3_x64_20G_alibase_20240819.vhd";

const nat = new Instance("nat", {
  vSwitchId: publicVSwitchId,
  securityGroupIds: [natSecurityGroupId],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.0.10",
  // A NAT forwards packets whose addresses are not its own: the check would drop them.
  primaryNetworkInterface: { sourceDestCheck: false },
  forwarding: "snat",
  metadataOptions: { httpTokens: "required" },
  tags: { role: "nat" },
});

new RouteEntry("private-default-via-nat", {
  routeTableId: privateRouteTableId,
  destinationCidrBlock: "0.0.0.0/0",
  nextHopType: "NetworkInterface",
  nextHopId: nat.primaryNetworkInterfaceId,
});

const app = new Instance("app", {
  vSwitchId: privateVSwitchId,
  securityGroupIds: [appSecurityGroupId],
  instanceType: "ecs.g7.large",
  imageId,
  privateIpAddress: "10.0.1.5",
  // Sends and receives only its own addresses: keep the anti-spoofing check on.
  primaryNetworkInterface: { sourceDestCheck: true },
  metadataOptions: { httpTokens: "required" },
  tags: { role: "app" },
});

export const natNetworkInterfaceId = nat.primaryNetworkInterfaceId;
export const natSourceDestCheck = nat.primaryNetworkInterface.sourceDestCheck;
export const appSourceDestCheck = app.primaryNetworkInterface.sourceDestCheck;
