import type { CheckFailure } from "./check-failures";

export type Tags = Record<string, string>;

const MAX_TAGS = 20;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 128;
/** Prefixes the cloud reserves for its own tags. */
const RESERVED_PREFIXES = ["aliyun", "acs:"] as const;

/** Tag rules of ECS TagResources: ≤ 20 tags, key 1..128 chars without a reserved prefix, value ≤ 128. */
export function checkTags(property: string, tags: Tags): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    failures.push({ property, reason: `${property} has ${keys.length} tags; at most ${MAX_TAGS} are allowed` });
  }
  for (const key of keys) {
    const value = tags[key] ?? "";
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      failures.push({ property: `${property}.${key}`, reason: `tag key "${key}" has ${key.length} characters; allowed: 1..${MAX_KEY_LENGTH}` });
    }
    const reserved = RESERVED_PREFIXES.find((prefix) => key.toLowerCase().startsWith(prefix));
    if (reserved !== undefined) {
      failures.push({ property: `${property}.${key}`, reason: `tag key "${key}" starts with the reserved prefix "${reserved}"; keys must not start with ${RESERVED_PREFIXES.map((p) => `"${p}"`).join(" or ")}` });
    }
    if (value.length > MAX_VALUE_LENGTH) {
      failures.push({ property: `${property}.${key}`, reason: `tag "${key}" value has ${value.length} characters; at most ${MAX_VALUE_LENGTH} are allowed` });
    }
  }
  return failures;
}

export interface TagChanges {
  /** Tags to add or overwrite (TagResources). */
  readonly set: Tags;
  /** Keys to remove (UntagResources). */
  readonly remove: string[];
}

/** What turns `actual` into `desired`. Reserved (cloud-owned) keys in `actual` are never removed. */
export function tagChanges(actual: Tags, desired: Tags): TagChanges {
  const set: Tags = {};
  for (const [key, value] of Object.entries(desired)) if (actual[key] !== value) set[key] = value;
  const remove = Object.keys(actual).filter((key) => !(key in desired) && !isReservedTagKey(key));
  return { set, remove };
}

export function hasTagChanges(changes: TagChanges): boolean {
  return Object.keys(changes.set).length > 0 || changes.remove.length > 0;
}

export function isReservedTagKey(key: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix));
}
