import type { NetworkInterfaceRecord } from "../ecs/api";
import { isReservedTagKey, type Tags } from "../shared/tags";
import { NETWORK_INTERFACE_KIND, type NetworkInterfaceInputs, type NetworkInterfaceOutputs } from "./types";

/** Tags as shown: the cloud's own (acs:/aliyun) tags are left out, they are nobody's input. */
export function visibleTags(tags: Tags): Tags {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !isReservedTagKey(key)));
}

/**
 * Outputs = the inputs, with every field the cloud decides replaced by what it reports, plus the
 * computed fields. Because diff compares new inputs against these, a value set in the program and
 * equal to the cloud's never diffs, and drift found by a refresh shows as a change.
 */
export function networkInterfaceOutputs(inputs: NetworkInterfaceInputs, record: NetworkInterfaceRecord, regionId: string): NetworkInterfaceOutputs {
  const outputs: NetworkInterfaceOutputs = {
    ...inputs,
    kind: NETWORK_INTERFACE_KIND,
    networkInterfaceId: record.networkInterfaceId,
    status: record.status,
    macAddress: record.macAddress,
    vSwitchId: record.vSwitchId || inputs.vSwitchId,
    vpcId: record.vpcId,
    zoneId: record.zoneId,
    regionId,
    securityGroupIds: record.securityGroupIds,
    primaryIpAddress: record.primaryIpAddress,
    privateIpAddresses: record.secondaryIpAddresses,
    // Regions without the feature omit the field: the check is off there.
    sourceDestCheck: record.sourceDestCheck ?? false,
    tags: visibleTags(record.tags),
  };
  // Fields that are absent in the cloud are absent in the outputs (undefined would not survive the wire anyway).
  if (record.instanceId !== undefined) outputs.instanceId = record.instanceId;
  else delete outputs.instanceId;
  if (record.name !== undefined) outputs.name = record.name;
  else delete outputs.name;
  if (record.description !== undefined) outputs.description = record.description;
  else delete outputs.description;
  return outputs;
}
