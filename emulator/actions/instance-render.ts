import type { InstanceView } from "../state/instances";
import { ecsTags, isoTime } from "./render";

/** Fields DescribeInstances and DescribeInstanceAttribute share. */
function commonInstanceFields(i: InstanceView): Record<string, unknown> {
  const primaryIp = i.networkInterfaces.find((e) => e.type === "Primary")?.primaryIpAddress;
  return {
    InstanceId: i.id,
    InstanceName: i.instanceName,
    HostName: i.hostName,
    Description: i.description,
    Status: i.status,
    RegionId: i.regionId,
    ZoneId: i.zoneId,
    InstanceType: i.instanceType,
    Cpu: i.cpu,
    Memory: i.memoryGiB * 1024,
    ImageId: i.imageId,
    CreationTime: isoTime(i.creationTime),
    InstanceChargeType: i.instanceChargeType,
    InternetMaxBandwidthOut: i.internetMaxBandwidthOut,
    InstanceNetworkType: "vpc",
    SecurityGroupIds: { SecurityGroupId: [...i.securityGroupIds] },
    VpcAttributes: {
      VpcId: i.vpcId,
      VSwitchId: i.vSwitchId,
      PrivateIpAddress: { IpAddress: primaryIp ? [primaryIp] : [] },
      NatIpAddress: "",
    },
    PublicIpAddress: { IpAddress: [] },
    InnerIpAddress: { IpAddress: [] },
    OperationLocks: { LockReason: [] },
  };
}

/** An item of DescribeInstances: the only place MetadataOptions and the ENI list are read back. */
export function renderInstance(i: InstanceView): Record<string, unknown> {
  return {
    ...commonInstanceFields(i),
    InstanceTypeFamily: i.instanceType.split(".").slice(0, 2).join("."),
    OSType: i.osType,
    OSName: i.osName,
    KeyPairName: i.keyPairName,
    ResourceGroupId: i.resourceGroupId,
    DeletionProtection: i.deletionProtection,
    IoOptimized: true,
    MetadataOptions: {
      HttpEndpoint: i.metadataOptions.httpEndpoint,
      HttpTokens: i.metadataOptions.httpTokens,
      HttpPutResponseHopLimit: i.metadataOptions.httpPutResponseHopLimit,
      InstanceMetadataTags: i.metadataOptions.instanceMetadataTags,
    },
    // Deliberately no SourceDestCheck here: the cloud returns it on ENIs only (DESIGN.md).
    NetworkInterfaces: {
      NetworkInterface: i.networkInterfaces.map((e) => ({
        NetworkInterfaceId: e.id,
        MacAddress: e.macAddress,
        PrimaryIpAddress: e.primaryIpAddress,
        Type: e.type,
        PrivateIpSets: {
          PrivateIpSet: [
            { PrivateIpAddress: e.primaryIpAddress, Primary: true },
            ...e.secondaryIpAddresses.map((ip) => ({ PrivateIpAddress: ip, Primary: false })),
          ],
        },
      })),
    },
    Tags: ecsTags(i.tags),
  };
}

/** DescribeInstanceAttribute's body (the SDK model has no tags, metadata options or ENI list). */
export function renderInstanceAttribute(i: InstanceView): Record<string, unknown> {
  return { ...commonInstanceFields(i), IoOptimized: "optimized" };
}
