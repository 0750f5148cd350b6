import type { CheckFailure } from "../shared/check-failures";
import { describeValue } from "../shared/check-failures";
import { deriveClientToken } from "../shared/client-token";
import { inputReader, readEnum, readString } from "../shared/input-reader";
import { isIpv4Cidr } from "../shared/ipv4";
import { isUnknown } from "../shared/unknown-value";
import { dropUndefined } from "../network-interface/check";
import { NEXT_HOP_TYPES, type RouteEntryInputs } from "./types";

const NEXT_HOP_PREFIX: Record<RouteEntryInputs["nextHopType"], string> = { NetworkInterface: "eni-", Instance: "i-" };

export function checkRouteEntry(olds: unknown, news: unknown): { inputs: RouteEntryInputs; failures: CheckFailure[] } {
  const reader = inputReader(news);
  const inputs: Record<string, unknown> = {
    routeTableId: readString(reader, "routeTableId", true, "a route table id such as vtb-..."),
    destinationCidrBlock: readString(reader, "destinationCidrBlock", true, "an IPv4 CIDR such as 0.0.0.0/0"),
    nextHopType: readEnum(reader, "nextHopType", NEXT_HOP_TYPES),
    nextHopId: readString(reader, "nextHopId", true, "an ENI id (eni-...) or instance id (i-...)"),
    name: readString(reader, "name", false, "a name of 1..128 characters"),
  };
  const failures = reader.failures;
  if (reader.props.nextHopType === undefined) failures.push({ property: "nextHopType", reason: `nextHopType is required (${NEXT_HOP_TYPES.join(" | ")})` });
  const cidr = inputs.destinationCidrBlock;
  if (typeof cidr === "string" && !isUnknown(cidr) && !isIpv4Cidr(cidr)) {
    failures.push({ property: "destinationCidrBlock", reason: `destinationCidrBlock is ${describeValue(cidr)}; allowed: an IPv4 CIDR such as 10.0.0.0/8` });
  }
  const hopType = inputs.nextHopType;
  const hopId = inputs.nextHopId;
  if ((hopType === "NetworkInterface" || hopType === "Instance") && typeof hopId === "string" && !isUnknown(hopId) && !hopId.startsWith(NEXT_HOP_PREFIX[hopType])) {
    failures.push({ property: "nextHopId", reason: `nextHopId ${describeValue(hopId)} does not fit nextHopType ${hopType}; allowed: an id starting with "${NEXT_HOP_PREFIX[hopType]}"` });
  }
  const urn = readString(reader, "__urn", false);
  const known = dropUndefined(inputs);
  const token = deriveClientToken(urn, known, readString(inputReader(olds), "__clientToken", false));
  return {
    inputs: { ...known, ...(urn !== undefined ? { __urn: urn } : {}), ...(token !== undefined ? { __clientToken: token } : {}) } as RouteEntryInputs,
    failures,
  };
}
