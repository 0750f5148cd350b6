import type { EniView } from "../state/network-interfaces";
import { ecsTags, isoTime } from "./render";

/**
 * One ENI as CreateNetworkInterface, DescribeNetworkInterfaceAttribute and the items of
 * DescribeNetworkInterfaces return it (field names and wrappers checked against the SDK models).
 */
export function renderEni(eni: EniView, ownerId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    NetworkInterfaceId: eni.id,
    NetworkInterfaceName: eni.name,
    Description: eni.description,
    Status: eni.status,
    Type: eni.type,
    VpcId: eni.vpcId,
    VSwitchId: eni.vSwitchId,
    ZoneId: eni.zoneId,
    PrivateIpAddress: eni.primaryIpAddress,
    MacAddress: eni.macAddress,
    InstanceId: eni.instanceId ?? "",
    CreationTime: isoTime(eni.creationTime),
    ResourceGroupId: eni.resourceGroupId,
    OwnerId: ownerId,
    ServiceManaged: false,
    SourceDestCheck: eni.sourceDestCheck,
    DeleteOnRelease: eni.deleteOnRelease,
    NetworkInterfaceTrafficMode: "Standard",
    SecurityGroupIds: { SecurityGroupId: [...eni.securityGroupIds] },
    PrivateIpSets: {
      PrivateIpSet: [
        { PrivateIpAddress: eni.primaryIpAddress, Primary: true },
        ...eni.secondaryIpAddresses.map((ip) => ({ PrivateIpAddress: ip, Primary: false })),
      ],
    },
    Tags: ecsTags(eni.tags),
  };
  if (eni.queueNumber !== null) body.QueueNumber = eni.queueNumber;
  if (eni.instanceId !== null) body.Attachment = { InstanceId: eni.instanceId, DeviceIndex: eni.deviceIndex ?? 0 };
  return body;
}
