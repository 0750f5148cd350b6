import type { Tag } from "../state/records";

/** Shapes the cloud's responses share. PascalCase lives here and in the action files only. */

/** Rendered times by epoch ms: the same creation times are rendered on every describe. */
const isoTimes = new Map<number, string>();
const ISO_TIME_CACHE_SIZE = 10_000;

/** ECS times: `2024-05-01T08:00:00Z` (seconds, UTC). */
export function isoTime(ms: number): string {
  let text = isoTimes.get(ms);
  if (text === undefined) {
    // toISOString always ends in ".sssZ": cutting it equals a regex replace, and is cheaper.
    text = new Date(ms).toISOString().slice(0, -5) + "Z";
    if (isoTimes.size >= ISO_TIME_CACHE_SIZE) isoTimes.clear();
    isoTimes.set(ms, text);
  }
  return text;
}

/** ECS tags: `{"Tag":[{"TagKey","TagValue"}]}`. */
export function ecsTags(tags: readonly Tag[]): { Tag: { TagKey: string; TagValue: string }[] } {
  return { Tag: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) };
}

/** VPC tags: `{"Tag":[{"Key","Value"}]}`. */
export function vpcTags(tags: readonly Tag[]): { Tag: { Key: string; Value: string }[] } {
  return { Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) };
}
