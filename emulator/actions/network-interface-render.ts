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

/** Fields of the full ENI view that CreateNetworkInterface's response model does not have. */
const NOT_IN_CREATE_RESPONSE = ["InstanceId", "CreationTime", "DeleteOnRelease", "NetworkInterfaceTrafficMode", "QueueNumber", "Attachment"];

/** CreateNetworkInterface's body: the SDK would drop the rest (read them with DescribeNetworkInterfaceAttribute). */
export function renderCreatedEni(eni: EniView, ownerId: string): Record<string, unknown> {
  const body = renderEni(eni, ownerId);
  for (const key of NOT_IN_CREATE_RESPONSE) delete body[key];
  return body;
}
