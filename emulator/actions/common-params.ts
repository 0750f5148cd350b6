import { invalidParameter } from "../errors";
import type { Tag } from "../state/records";
import type { ParamReader } from "./params";

/** Readers for parameters many actions share, with the cloud's limits. */
export const LIMITS = {
  name: { min: 1, max: 128 },
  description: { max: 256 },
  tagKey: { min: 1, max: 128 },
  tagValue: { max: 128 },
} as const;

export const IPV4 = { pattern: /^\d{1,3}(\.\d{1,3}){3}$/, expected: "an IPv4 address such as 10.0.0.10" } as const;

export function readRegion(r: ParamReader): string {
  return r.requiredStr("RegionId");
}

/** `Tag.N.Key` / `Tag.N.Value` (20 at most); a key may not be repeated. */
export function readTags(r: ParamReader, name = "Tag", max = 20): Tag[] {
  const tags = r.objects(name, max, (t) => ({ key: t.requiredStr("Key", LIMITS.tagKey), value: t.str("Value", LIMITS.tagValue) ?? "" }));
  const seen = new Set<string>();
  tags.forEach((tag, i) => {
    if (seen.has(tag.key)) throw invalidParameter(`${name}.${i + 1}.Key`, tag.key, "a tag key not already given in this request");
    seen.add(tag.key);
  });
  return tags;
}

/** Tag filters of Describe* actions: a key alone matches any value. */
export function readTagFilter(r: ParamReader): Tag[] {
  return r.objects("Tag", 20, (t) => ({ key: t.requiredStr("Key", LIMITS.tagKey), value: t.str("Value", LIMITS.tagValue) ?? "" }));
}

/**
 * Security groups as `SecurityGroupIds.N` (up to 5) or the older single `SecurityGroupId`;
 * both together are merged.
 */
export function readSecurityGroups(r: ParamReader, listName = "SecurityGroupIds", singleName = "SecurityGroupId"): string[] {
  const list = r.list(listName, 5);
  const single = singleName ? r.str(singleName) : undefined;
  return single !== undefined && !list.includes(single) ? [single, ...list] : list;
}

/** Name rules the cloud applies to ENI and instance names: 2..128 characters, no http(s):// prefix. */
export function readName(r: ParamReader, name: string): string | undefined {
  const value = r.str(name, { min: 2, max: 128 });
  if (value !== undefined && /^https?:\/\//.test(value)) throw invalidParameter(name, value, "a name that does not start with http:// or https://");
  return value;
}
