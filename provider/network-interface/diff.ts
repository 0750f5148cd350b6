import { listChanged, normalizeOptionalId, optionalChanged, requiredChanged } from "../shared/field-compare";
import { hasTagChanges, tagChanges } from "../shared/tags";
import { isUnknown } from "../shared/unknown-value";
import type { NetworkInterfaceInputs, NetworkInterfaceOutputs } from "./types";

/** Fields of a NetworkInterface that diff looks at. */
export type NetworkInterfaceField =
  | "vSwitchId" | "primaryIpAddress" | "securityGroupIds" | "privateIpAddresses"
  | "secondaryPrivateIpAddressCount" | "sourceDestCheck" | "instanceId" | "name" | "description" | "tags";

/**
 * Why each field is replace or in place:
 * - vSwitchId: an ENI cannot move between vSwitches (its address range and zone come from it). Replace.
 * - primaryIpAddress: ECS has no call that changes an ENI's primary IP. Replace.
 * - everything else has a modify call: ModifyNetworkInterfaceAttribute (security groups, name,
 *   description, sourceDestCheck), Assign/UnassignPrivateIpAddresses, Detach/AttachNetworkInterface,
 *   TagResources/UntagResources. In place.
 */
export const NETWORK_INTERFACE_REPLACE_FIELDS: readonly NetworkInterfaceField[] = ["vSwitchId", "primaryIpAddress"];

export function changedNetworkInterfaceFields(olds: NetworkInterfaceOutputs, news: NetworkInterfaceInputs): NetworkInterfaceField[] {
  const changed: NetworkInterfaceField[] = [];
  const mark = (field: NetworkInterfaceField, isChanged: boolean): void => {
    if (isChanged) changed.push(field);
  };
  mark("vSwitchId", requiredChanged(news.vSwitchId, olds.vSwitchId));
  mark("primaryIpAddress", optionalChanged(news.primaryIpAddress, olds.primaryIpAddress));
  mark("securityGroupIds", listChanged(news.securityGroupIds, olds.securityGroupIds));
  mark("privateIpAddresses", listChanged(news.privateIpAddresses, olds.privateIpAddresses));
  mark("secondaryPrivateIpAddressCount", optionalChanged(news.secondaryPrivateIpAddressCount, olds.privateIpAddresses?.length ?? 0));
  // Unset sourceDestCheck is "whatever the cloud chose": optionalChanged never reports it.
  mark("sourceDestCheck", optionalChanged(news.sourceDestCheck, olds.sourceDestCheck));
  // The attachment is owned by this resource: unset means detached, so it is compared even when unset.
  mark("instanceId", isUnknown(news.instanceId) || normalizeOptionalId(news.instanceId) !== normalizeOptionalId(olds.instanceId));
  mark("name", optionalChanged(news.name, olds.name));
  mark("description", optionalChanged(news.description, olds.description));
  mark("tags", news.tags !== undefined && (isUnknown(news.tags) || hasTagChanges(tagChanges(olds.tags ?? {}, news.tags))));
  return changed;
}

export interface NetworkInterfaceDiff {
  readonly changes: boolean;
  readonly replaces: NetworkInterfaceField[];
  readonly deleteBeforeReplace: boolean;
}

export function diffNetworkInterface(olds: NetworkInterfaceOutputs, news: NetworkInterfaceInputs): NetworkInterfaceDiff {
  const changed = changedNetworkInterfaceFields(olds, news);
  const replaces = changed.filter((field) => NETWORK_INTERFACE_REPLACE_FIELDS.includes(field));
  // An explicit address cannot be held by two ENIs at once, so a replacement that keeps explicit
  // addresses must delete the old ENI first (create-before-delete would fail with
  // InvalidPrivateIpAddress.Duplicated).
  const keepsExplicitIps = news.primaryIpAddress !== undefined || (news.privateIpAddresses?.length ?? 0) > 0;
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && keepsExplicitIps };
}
