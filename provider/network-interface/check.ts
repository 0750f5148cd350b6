import type { CheckFailure } from "../shared/check-failures";
import { deriveClientToken } from "../shared/client-token";
import {
  inputReader, readBoolean, readInteger, readString, readStringList, readStringMap,
} from "../shared/input-reader";
import { checkIpList, checkPrivateIp, checkSourceDestCheckRegion, type CheckContext } from "../shared/network-checks";
import { checkTags } from "../shared/tags";
import { isUnknown } from "../shared/unknown-value";
import type { NetworkInterfaceInputs } from "./types";

export const MAX_SECONDARY_IPS = 49;
export const MAX_SECURITY_GROUPS = 5;

export interface NetworkInterfaceCheckResult {
  readonly inputs: NetworkInterfaceInputs;
  readonly failures: CheckFailure[];
}

/**
 * Validates and normalizes a NetworkInterface's inputs. Pure: the region and (when already looked
 * up) the vSwitch CIDR come in through `context`.
 */
export function checkNetworkInterface(olds: unknown, news: unknown, context: CheckContext): NetworkInterfaceCheckResult {
  const reader = inputReader(news);
  const previous = inputReader(olds);
  const inputs: Record<string, unknown> = {
    vSwitchId: readString(reader, "vSwitchId", true, "a vSwitch id such as vsw-..."),
    securityGroupIds: readStringList(reader, "securityGroupIds", true, 1, MAX_SECURITY_GROUPS),
    primaryIpAddress: readString(reader, "primaryIpAddress", false, "an IPv4 address"),
    privateIpAddresses: readStringList(reader, "privateIpAddresses", false, 0, MAX_SECONDARY_IPS),
    secondaryPrivateIpAddressCount: readInteger(reader, "secondaryPrivateIpAddressCount", 0, MAX_SECONDARY_IPS),
    sourceDestCheck: readBoolean(reader, "sourceDestCheck"),
    instanceId: readString(reader, "instanceId", false, "an instance id such as i-..."),
    name: readString(reader, "name", false, "a name of 1..128 characters"),
    description: readString(reader, "description", false, "a description of 1..256 characters"),
    tags: readStringMap(reader, "tags"),
  };
  const failures = reader.failures;
  if (typeof inputs.name === "string" && inputs.name.length > 128) {
    failures.push({ property: "name", reason: `name has ${inputs.name.length} characters; allowed: 1..128` });
  }
  if (typeof inputs.description === "string" && inputs.description.length > 256) {
    failures.push({ property: "description", reason: `description has ${inputs.description.length} characters; allowed: 1..256` });
  }
  failures.push(...checkPrivateIp("primaryIpAddress", inputs.primaryIpAddress, context));
  failures.push(...checkIpList("privateIpAddresses", inputs.privateIpAddresses, context, inputs.primaryIpAddress));
  // An unknown value may still resolve to undefined, so only two known values conflict.
  if (isKnownSet(inputs.privateIpAddresses) && isKnownSet(inputs.secondaryPrivateIpAddressCount)) {
    failures.push({
      property: "secondaryPrivateIpAddressCount",
      reason: `secondaryPrivateIpAddressCount (${String(inputs.secondaryPrivateIpAddressCount)}) cannot be set together with privateIpAddresses; set one of them`,
    });
  }
  failures.push(...checkSourceDestCheckRegion("sourceDestCheck", inputs.sourceDestCheck, context));
  if (inputs.tags !== undefined && !isUnknown(inputs.tags)) failures.push(...checkTags("tags", inputs.tags as Record<string, string>));

  const urn = readString(reader, "__urn", false);
  const previousToken = readString(previous, "__clientToken", false);
  const known = dropUndefined(inputs);
  const token = deriveClientToken(urn, known, previousToken);
  return {
    inputs: { ...known, ...(urn !== undefined ? { __urn: urn } : {}), ...(token !== undefined ? { __clientToken: token } : {}) } as NetworkInterfaceInputs,
    failures,
  };
}

function isKnownSet(value: unknown): boolean {
  return value !== undefined && !isUnknown(value);
}

export function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
