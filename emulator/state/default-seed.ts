import type { Seed } from "./seed";
import { SOURCE_DEST_CHECK_REGIONS } from "./source-dest-check-regions";

/**
 * What `eni-sim emulator` serves with no --seed: one account in cn-hangzhou (a SourceDestCheck
 * region) with two VPCs, and one VPC in ap-south-1 (Mumbai, not a SourceDestCheck region).
 * Ids are fixed so tests and examples can name them.
 */
export const DEFAULT_SEED: Seed = {
  region: "cn-hangzhou",
  // Every SourceDestCheck region, plus Mumbai (which lacks the feature).
  regions: [...SOURCE_DEST_CHECK_REGIONS, "ap-south-1"],
  accountId: "1234567890123456",
  sourceDestCheckMode: "enabled-by-default",
  sourceDestCheckRegions: SOURCE_DEST_CHECK_REGIONS,
  eniQuotaPerRegion: 100,
  vpcs: [
    { id: "vpc-bp1k2t7e9xqm4h3v5n8wa", regionId: "cn-hangzhou", cidrBlock: "10.0.0.0/16", name: "main", description: "Default emulator VPC" },
    { id: "vpc-bp1r6d0u3ycz8f2j7l1sb", regionId: "cn-hangzhou", cidrBlock: "172.16.0.0/16", name: "other", description: "A second VPC, for mismatch checks" },
    { id: "vpc-a2d5g8j1m4p7s0v3y6b9c", regionId: "ap-south-1", cidrBlock: "192.168.0.0/16", name: "mumbai", description: "A VPC where SourceDestCheck does not exist" },
  ],
  vSwitches: [
    { id: "vsw-bp1public0h7k2m5q8t1wx", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", zoneId: "cn-hangzhou-h", cidrBlock: "10.0.0.0/24", name: "public", description: "" },
    { id: "vsw-bp1private4j9n3r6u0y2c", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", name: "private", description: "" },
    { id: "vsw-bp1zonei8e5g1k4o7s0v3d", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24", name: "private-i", description: "" },
    { id: "vsw-bp1tiny2b6f0j4n8r2v6ze", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", zoneId: "cn-hangzhou-h", cidrBlock: "10.0.3.0/29", name: "tiny", description: "Three usable addresses" },
    { id: "vsw-bp1other7c3h9m1q5w8x2f", vpcId: "vpc-bp1r6d0u3ycz8f2j7l1sb", zoneId: "cn-hangzhou-h", cidrBlock: "172.16.0.0/24", name: "other", description: "" },
    { id: "vsw-a2dmumbai5e1i7o3u9y4g", vpcId: "vpc-a2d5g8j1m4p7s0v3y6b9c", zoneId: "ap-south-1a", cidrBlock: "192.168.0.0/24", name: "mumbai", description: "" },
  ],
  securityGroups: [
    { id: "sg-bp1web3x8c2v6b0n4m7qa1", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", name: "web", description: "Web tier" },
    { id: "sg-bp1nat9q4w1e7r3t6y0ub2", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", name: "nat", description: "NAT instances" },
    { id: "sg-bp1other5a1s8d4f0g6hc3", vpcId: "vpc-bp1r6d0u3ycz8f2j7l1sb", name: "other", description: "In the second VPC" },
    { id: "sg-a2dmumbai2z6x0c4v8b1d4", vpcId: "vpc-a2d5g8j1m4p7s0v3y6b9c", name: "mumbai", description: "" },
  ],
  routeTables: [
    { id: "vtb-bp1system6k1p5t9x3b7e", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", name: "system", type: "System", vSwitchIds: ["vsw-bp1public0h7k2m5q8t1wx", "vsw-bp1zonei8e5g1k4o7s0v3d", "vsw-bp1tiny2b6f0j4n8r2v6ze"], routes: [] },
    { id: "vtb-bp1private0c4g8k2o6sf", vpcId: "vpc-bp1k2t7e9xqm4h3v5n8wa", name: "private", type: "Custom", vSwitchIds: ["vsw-bp1private4j9n3r6u0y2c"], routes: [] },
    { id: "vtb-bp1othersys3d7h1l5p9g", vpcId: "vpc-bp1r6d0u3ycz8f2j7l1sb", name: "system", type: "System", vSwitchIds: ["vsw-bp1other7c3h9m1q5w8x2f"], routes: [] },
    { id: "vtb-a2dmumbai8f2j6n0r4vh", vpcId: "vpc-a2d5g8j1m4p7s0v3y6b9c", name: "system", type: "System", vSwitchIds: ["vsw-a2dmumbai5e1i7o3u9y4g"], routes: [] },
  ],
  images: [
    { id: "aliyun_3_x64_20G_alibase_20240819.vhd", name: "Alibaba Cloud Linux 3", osType: "linux" },
    { id: "ubuntu_22_04_x64_20G_alibase_20240130.vhd", name: "Ubuntu 22.04", osType: "linux" },
  ],
  instanceTypes: [
    { id: "ecs.g7.large", cpu: 2, memoryGiB: 8, eniQuantity: 3, eniPrivateIpAddressQuantity: 10, secondaryEniAtCreation: true, attachRequiresStopped: false },
    { id: "ecs.g7.xlarge", cpu: 4, memoryGiB: 16, eniQuantity: 4, eniPrivateIpAddressQuantity: 15, secondaryEniAtCreation: true, attachRequiresStopped: false },
    { id: "ecs.c7.large", cpu: 2, memoryGiB: 4, eniQuantity: 3, eniPrivateIpAddressQuantity: 10, secondaryEniAtCreation: true, attachRequiresStopped: false },
    // Older generation: no secondary ENI at creation, and attaching one needs the instance Stopped.
    { id: "ecs.sn1ne.large", cpu: 2, memoryGiB: 4, eniQuantity: 2, eniPrivateIpAddressQuantity: 6, secondaryEniAtCreation: false, attachRequiresStopped: true },
    // Burstable: the primary ENI only.
    { id: "ecs.t5-lc1m1.small", cpu: 1, memoryGiB: 1, eniQuantity: 1, eniPrivateIpAddressQuantity: 1, secondaryEniAtCreation: false, attachRequiresStopped: false },
  ],
};
