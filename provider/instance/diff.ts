import { listChanged, optionalChanged, requiredChanged } from "../shared/field-compare";
import { hasTagChanges, tagChanges } from "../shared/tags";
import { isUnknown } from "../shared/unknown-value";
import type { InstanceInputs, InstanceOutputs } from "./types";

/** What diff tracks on an Instance; nested ENI fields get their own entries so update can pick calls. */
export type InstanceField =
  | "vSwitchId" | "securityGroupIds" | "instanceType" | "imageId" | "zoneId" | "privateIpAddress" | "instanceName"
  | "primarySourceDestCheck" | "secondaryIdentity" | "secondarySecurityGroupIds" | "secondarySourceDestCheck"
  | "metadataOptions" | "forwarding" | "tags";

/**
 * Replace, and why:
 * - vSwitchId, zoneId, privateIpAddress: the primary ENI is created with the instance and can
 *   never be detached or moved, so a new address/vSwitch/zone means a new instance.
 * - imageId: changing the system disk's image (ReplaceSystemDisk) wipes the disk, which is a
 *   replacement in all but name; we say so plainly.
 * - instanceType: ModifyInstanceSpec needs the instance stopped and is refused for many type
 *   families; a replacement is predictable where an in-place resize is not.
 * - secondaryIdentity (the secondary ENI appearing, disappearing, or a different vSwitch, address or
 *   existing ENI id): it was created together with the instance by RunInstances.
 * In place: security groups and sourceDestCheck of both ENIs (ModifyNetworkInterfaceAttribute, one
 * call per ENI), metadata options (ModifyInstanceMetadataOptions, one call), instanceName
 * (ModifyInstanceAttribute), tags (TagResources/UntagResources), forwarding (stored only: it
 * describes the guest OS for the simulator, there is no API for it).
 */
export const INSTANCE_REPLACE_FIELDS: Readonly<Partial<Record<InstanceField, keyof InstanceInputs>>> = {
  vSwitchId: "vSwitchId",
  zoneId: "zoneId",
  privateIpAddress: "privateIpAddress",
  imageId: "imageId",
  instanceType: "instanceType",
  secondaryIdentity: "secondaryNetworkInterface",
};

function secondaryIdentityChanged(olds: InstanceOutputs, news: InstanceInputs): boolean {
  const desired = news.secondaryNetworkInterface;
  const actual = olds.secondaryNetworkInterface;
  if (isUnknown(desired)) return true;
  if (desired === undefined || actual === undefined) return (desired === undefined) !== (actual === undefined);
  return optionalChanged(desired.networkInterfaceId, actual.networkInterfaceId)
    || optionalChanged(desired.vSwitchId, actual.vSwitchId)
    || optionalChanged(desired.primaryIpAddress, actual.primaryIpAddress);
}

function metadataOptionsChanged(olds: InstanceOutputs, news: InstanceInputs): boolean {
  const desired = news.metadataOptions;
  if (desired === undefined) return false;
  if (isUnknown(desired)) return true;
  const actual = olds.metadataOptions;
  return optionalChanged(desired.httpEndpoint, actual?.httpEndpoint)
    || optionalChanged(desired.httpTokens, actual?.httpTokens)
    || optionalChanged(desired.httpPutResponseHopLimit, actual?.httpPutResponseHopLimit);
}

export function changedInstanceFields(olds: InstanceOutputs, news: InstanceInputs): InstanceField[] {
  const changed: InstanceField[] = [];
  const mark = (field: InstanceField, isChanged: boolean): void => {
    if (isChanged) changed.push(field);
  };
  const desiredSecondary = isUnknown(news.secondaryNetworkInterface) ? undefined : news.secondaryNetworkInterface;
  mark("vSwitchId", requiredChanged(news.vSwitchId, olds.vSwitchId));
  mark("securityGroupIds", listChanged(news.securityGroupIds, olds.securityGroupIds));
  mark("instanceType", requiredChanged(news.instanceType, olds.instanceType));
  mark("imageId", requiredChanged(news.imageId, olds.imageId));
  mark("zoneId", optionalChanged(news.zoneId, olds.zoneId));
  mark("privateIpAddress", optionalChanged(news.privateIpAddress, olds.privateIpAddress));
  mark("instanceName", optionalChanged(news.instanceName, olds.instanceName));
  mark("primarySourceDestCheck", !isUnknown(news.primaryNetworkInterface)
    ? optionalChanged(news.primaryNetworkInterface?.sourceDestCheck, olds.primaryNetworkInterface?.sourceDestCheck)
    : true);
  mark("secondaryIdentity", secondaryIdentityChanged(olds, news));
  mark("secondarySecurityGroupIds", listChanged(desiredSecondary?.securityGroupIds, olds.secondaryNetworkInterface?.securityGroupIds));
  mark("secondarySourceDestCheck", optionalChanged(desiredSecondary?.sourceDestCheck, olds.secondaryNetworkInterface?.sourceDestCheck));
  mark("metadataOptions", metadataOptionsChanged(olds, news));
  mark("forwarding", optionalChanged(news.forwarding, olds.forwarding));
  mark("tags", news.tags !== undefined && (isUnknown(news.tags) || hasTagChanges(tagChanges(olds.tags ?? {}, news.tags))));
  return changed;
}

/** Fields judged from the ENIs' read-back state. */
const ENI_FIELDS: readonly InstanceField[] = ["primarySourceDestCheck", "secondaryIdentity", "secondarySecurityGroupIds", "secondarySourceDestCheck", "metadataOptions"];

export interface InstanceDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

export function diffInstance(olds: InstanceOutputs, news: InstanceInputs): InstanceDiff {
  // A state recorded from a failed initialization holds the inputs but no ENIs yet: nothing about
  // the ENIs can be judged, and an update (which reads them first) finishes the job.
  const uninitialized = olds.primaryNetworkInterfaceId === undefined;
  const changed = changedInstanceFields(olds, news).filter((field) => !uninitialized || !ENI_FIELDS.includes(field));

  const replaces = [...new Set(changed.flatMap((field) => {
    const property = INSTANCE_REPLACE_FIELDS[field];
    return property === undefined ? [] : [property];
  }))];
  // Explicit addresses (or an existing secondary ENI) cannot belong to two instances at once.
  const keepsExplicit = news.privateIpAddress !== undefined
    || news.secondaryNetworkInterface?.primaryIpAddress !== undefined
    || news.secondaryNetworkInterface?.networkInterfaceId !== undefined;
  return { changes: changed.length > 0 || uninitialized, replaces, deleteBeforeReplace: replaces.length > 0 && keepsExplicit };
}
