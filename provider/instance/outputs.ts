import type { InstanceRecord, NetworkInterfaceRecord } from "../ecs/api";
import { providerError } from "../ecs/errors";
import { visibleTags } from "../network-interface/outputs";
import {
  INSTANCE_KIND, type HttpEndpoint, type HttpTokens, type InstanceInputs, type InstanceNetworkInterfaceOutputs, type InstanceOutputs,
} from "./types";

function eniOutputs(record: NetworkInterfaceRecord): InstanceNetworkInterfaceOutputs {
  return {
    networkInterfaceId: record.networkInterfaceId,
    primaryIpAddress: record.primaryIpAddress,
    macAddress: record.macAddress,
    // Regions without the feature omit it: the check is off there.
    sourceDestCheck: record.sourceDestCheck ?? false,
    vSwitchId: record.vSwitchId,
    securityGroupIds: record.securityGroupIds,
  };
}

/** Metadata defaults of ECS when DescribeInstances leaves a field out. */
function metadataOptions(record: InstanceRecord): InstanceOutputs["metadataOptions"] {
  return {
    httpEndpoint: (record.metadataOptions.httpEndpoint ?? "enabled") as HttpEndpoint,
    httpTokens: (record.metadataOptions.httpTokens ?? "optional") as HttpTokens,
    httpPutResponseHopLimit: record.metadataOptions.httpPutResponseHopLimit ?? 1,
  };
}

/**
 * Outputs from one DescribeInstances record and the instance's ENIs (DescribeNetworkInterfaces,
 * the only source of each ENI's flag). `secondaryId` names the secondary ENI this resource owns;
 * other ENIs attached to the instance (e.g. NetworkInterface resources) are not this resource's.
 */
export function instanceOutputs(inputs: InstanceInputs, record: InstanceRecord, enis: NetworkInterfaceRecord[], regionId: string, secondaryId: string | undefined): InstanceOutputs {
  const primary = enis.find((eni) => eni.type === "Primary") ?? enis.find((eni) => eni.primaryIpAddress === record.privateIpAddress);
  if (primary === undefined) throw providerError("InvalidResponse", `instance ${record.instanceId} has no primary ENI in DescribeNetworkInterfaces`, record.instanceId);
  const secondary = secondaryId === undefined ? undefined : enis.find((eni) => eni.networkInterfaceId === secondaryId);
  // The nested secondary block changes shape (input spec -> effective ENI), so it is set below.
  const { secondaryNetworkInterface: secondaryInput, ...plainInputs } = inputs;
  const outputs: InstanceOutputs = {
    ...plainInputs,
    kind: INSTANCE_KIND,
    instanceId: record.instanceId,
    status: record.status,
    zoneId: record.zoneId,
    vpcId: record.vpcId,
    regionId,
    vSwitchId: record.vSwitchId || inputs.vSwitchId,
    instanceType: record.instanceType || inputs.instanceType,
    imageId: record.imageId || inputs.imageId,
    securityGroupIds: primary.securityGroupIds,
    privateIpAddress: primary.primaryIpAddress || record.privateIpAddress,
    primaryNetworkInterfaceId: primary.networkInterfaceId,
    primaryNetworkInterface: eniOutputs(primary),
    metadataOptions: metadataOptions(record),
    tags: visibleTags(record.tags),
  };
  if (record.instanceName !== undefined) outputs.instanceName = record.instanceName;
  if (secondary !== undefined) {
    outputs.secondaryNetworkInterfaceId = secondary.networkInterfaceId;
    outputs.secondaryNetworkInterface = eniOutputs(secondary);
    outputs.secondaryNetworkInterfaceCreated = (inputs as Partial<InstanceOutputs>).secondaryNetworkInterfaceCreated
      ?? (secondaryInput !== undefined && secondaryInput.networkInterfaceId === undefined);
  } else {
    delete outputs.secondaryNetworkInterfaceId;
    delete outputs.secondaryNetworkInterfaceCreated;
  }
  return outputs;
}

/** The secondary ENI RunInstances made: the instance's only Secondary ENI right after launch. */
export function launchedSecondaryId(enis: NetworkInterfaceRecord[], requested: boolean): string | undefined {
  if (!requested) return undefined;
  return enis.find((eni) => eni.type === "Secondary")?.networkInterfaceId;
}
