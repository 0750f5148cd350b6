import type { CheckFailure } from "./check-failures";
import { describeValue } from "./check-failures";
import { ipv4InCidr, isIpv4 } from "./ipv4";
import { SOURCE_DEST_CHECK_REGIONS, supportsSourceDestCheck } from "./source-dest-check-regions";
import { isUnknown } from "./unknown-value";

/** What check knows beyond the inputs. */
export interface CheckContext {
  /** Region from provider config; undefined when none is configured (create reports that). */
  readonly region: string | undefined;
  /** CIDR of the resource's vSwitch when it has been looked up; explicit IPs must fall inside it. */
  readonly vSwitchCidr?: string | undefined;
}

export function checkPrivateIp(property: string, value: unknown, context: CheckContext): CheckFailure[] {
  if (value === undefined || isUnknown(value) || typeof value !== "string") return [];
  if (!isIpv4(value)) return [{ property, reason: `${property} is ${describeValue(value)}; allowed: an IPv4 address such as 10.0.1.10` }];
  if (context.vSwitchCidr !== undefined && ipv4InCidr(value, context.vSwitchCidr) === false) {
    return [{ property, reason: `${property} ${value} is outside the vSwitch CIDR ${context.vSwitchCidr}; allowed: an address inside ${context.vSwitchCidr}` }];
  }
  return [];
}

export function checkIpList(property: string, value: unknown, context: CheckContext, primary: unknown): CheckFailure[] {
  if (!Array.isArray(value)) return [];
  const failures: CheckFailure[] = [];
  const seen = new Set<string>();
  value.forEach((ip, index) => {
    failures.push(...checkPrivateIp(`${property}[${index}]`, ip, context));
    if (typeof ip !== "string" || isUnknown(ip)) return;
    if (seen.has(ip)) failures.push({ property: `${property}[${index}]`, reason: `${property}[${index}] ${ip} is listed twice; each address may appear once` });
    if (ip === primary) failures.push({ property: `${property}[${index}]`, reason: `${property}[${index}] ${ip} is the primary IP; list only secondary addresses` });
    seen.add(ip);
  });
  return failures;
}

/** Only `true` needs the feature; `false` is what every other region has anyway. */
export function checkSourceDestCheckRegion(property: string, value: unknown, context: CheckContext): CheckFailure[] {
  if (value !== true || context.region === undefined || supportsSourceDestCheck(context.region)) return [];
  return [{
    property,
    reason: `${property} is true but region ${context.region} has no Source/Destination Check; it exists only in ${SOURCE_DEST_CHECK_REGIONS.join(", ")}`,
  }];
}
