import type { CheckFailure } from "../shared/check-failures";
import { describeValue } from "../shared/check-failures";
import { deriveClientToken } from "../shared/client-token";
import {
  inputReader, nestedReader, readBoolean, readEnum, readInteger, readString, readStringList, readStringMap,
  type InputReader,
} from "../shared/input-reader";
import { checkPrivateIp, checkSourceDestCheckRegion, type CheckContext } from "../shared/network-checks";
import { checkTags } from "../shared/tags";
import { isUnknown } from "../shared/unknown-value";
import { dropUndefined, MAX_SECURITY_GROUPS } from "../network-interface/check";
import type { InstanceInputs } from "./types";

export interface InstanceCheckResult {
  readonly inputs: InstanceInputs;
  readonly failures: CheckFailure[];
}

const HTTP_ENDPOINTS = ["enabled", "disabled"] as const;
const HTTP_TOKENS = ["optional", "required"] as const;
const FORWARDING = ["none", "snat", "route"] as const;

function checkPrimaryNetworkInterface(reader: InputReader, context: CheckContext): Record<string, unknown> | string | undefined {
  const nested = nestedReader(reader, "primaryNetworkInterface");
  if (nested === undefined || typeof nested === "string") return nested;
  const sourceDestCheck = readBoolean(nested, "sourceDestCheck");
  reader.failures.push(...checkSourceDestCheckRegion("primaryNetworkInterface.sourceDestCheck", sourceDestCheck, context));
  return dropUndefined({ sourceDestCheck });
}

/**
 * One source of truth per ENI: a secondary ENI given by id is an ENI some other resource (or
 * nobody) manages, so its flag, addresses and groups must be set there, not here. That is the
 * conflict check can see; two resources naming the same ENI id cannot be seen from one resource's
 * check (the policy pack reports those across the whole plan).
 */
function checkSecondaryNetworkInterface(reader: InputReader, context: CheckContext, instanceVSwitch: unknown): Record<string, unknown> | string | undefined {
  let raw = reader.props.secondaryNetworkInterface;
  if (Array.isArray(raw)) {
    if (raw.length > 1) {
      reader.failures.push({
        property: "secondaryNetworkInterface",
        reason: `secondaryNetworkInterface lists ${raw.length} ENIs; at most one secondary ENI can be created with an instance (two ENIs in all); attach more with NetworkInterface resources`,
      });
      return undefined;
    }
    raw = raw[0];
  }
  const nested = nestedReader({ ...reader, props: { secondaryNetworkInterface: raw } }, "secondaryNetworkInterface");
  if (nested === undefined || typeof nested === "string") return nested;
  const secondary = dropUndefined({
    networkInterfaceId: readString(nested, "networkInterfaceId", false, "an ENI id such as eni-..."),
    vSwitchId: readString(nested, "vSwitchId", false, "a vSwitch id such as vsw-..."),
    securityGroupIds: readStringList(nested, "securityGroupIds", false, 1, MAX_SECURITY_GROUPS),
    primaryIpAddress: readString(nested, "primaryIpAddress", false, "an IPv4 address"),
    sourceDestCheck: readBoolean(nested, "sourceDestCheck"),
  });
  if (secondary.networkInterfaceId !== undefined) {
    for (const owned of ["sourceDestCheck", "vSwitchId", "securityGroupIds", "primaryIpAddress"]) {
      if (secondary[owned] === undefined) continue;
      reader.failures.push({
        property: `secondaryNetworkInterface.${owned}`,
        reason: `secondaryNetworkInterface.${owned} conflicts with secondaryNetworkInterface.networkInterfaceId ${describeValue(secondary.networkInterfaceId)}: an existing ENI's ${owned} is set by the resource that manages that ENI (one source of truth per ENI); remove one of them`,
      });
    }
  }
  const sameVSwitch = secondary.vSwitchId === undefined || secondary.vSwitchId === instanceVSwitch;
  reader.failures.push(...checkPrivateIp("secondaryNetworkInterface.primaryIpAddress", secondary.primaryIpAddress, sameVSwitch ? context : { region: context.region }));
  reader.failures.push(...checkSourceDestCheckRegion("secondaryNetworkInterface.sourceDestCheck", secondary.sourceDestCheck, context));
  return secondary;
}

function checkMetadataOptions(reader: InputReader): Record<string, unknown> | string | undefined {
  const nested = nestedReader(reader, "metadataOptions");
  if (nested === undefined || typeof nested === "string") return nested;
  return dropUndefined({
    httpEndpoint: readEnum(nested, "httpEndpoint", HTTP_ENDPOINTS),
    httpTokens: readEnum(nested, "httpTokens", HTTP_TOKENS),
    httpPutResponseHopLimit: readInteger(nested, "httpPutResponseHopLimit", 1, 64),
  });
}

export function checkInstance(olds: unknown, news: unknown, context: CheckContext): InstanceCheckResult {
  const reader = inputReader(news);
  const vSwitchId = readString(reader, "vSwitchId", true, "a vSwitch id such as vsw-...");
  const inputs: Record<string, unknown> = {
    vSwitchId,
    securityGroupIds: readStringList(reader, "securityGroupIds", true, 1, MAX_SECURITY_GROUPS),
    instanceType: readString(reader, "instanceType", true, "an instance type such as ecs.g7.large"),
    imageId: readString(reader, "imageId", true, "an image id"),
    zoneId: readString(reader, "zoneId", false, "a zone id such as cn-hangzhou-h"),
    privateIpAddress: readString(reader, "privateIpAddress", false, "an IPv4 address"),
    instanceName: readString(reader, "instanceName", false, "a name of 2..128 characters"),
    primaryNetworkInterface: checkPrimaryNetworkInterface(reader, context),
    secondaryNetworkInterface: checkSecondaryNetworkInterface(reader, context, vSwitchId),
    metadataOptions: checkMetadataOptions(reader),
    forwarding: readEnum(reader, "forwarding", FORWARDING),
    tags: readStringMap(reader, "tags"),
  };
  const failures = reader.failures;
  failures.push(...checkPrivateIp("privateIpAddress", inputs.privateIpAddress, context));
  if (typeof inputs.instanceName === "string" && (inputs.instanceName.length < 2 || inputs.instanceName.length > 128)) {
    failures.push({ property: "instanceName", reason: `instanceName has ${inputs.instanceName.length} characters; allowed: 2..128` });
  }
  if (inputs.tags !== undefined && !isUnknown(inputs.tags)) failures.push(...checkTags("tags", inputs.tags as Record<string, string>));

  const urn = readString(reader, "__urn", false);
  const previousToken = readString(inputReader(olds), "__clientToken", false);
  const known = dropUndefined(inputs);
  const token = deriveClientToken(urn, known, previousToken);
  return {
    inputs: { ...known, ...(urn !== undefined ? { __urn: urn } : {}), ...(token !== undefined ? { __clientToken: token } : {}) } as InstanceInputs,
    failures,
  };
}
