import type { Tag } from "../state/records";

/** Shapes the cloud's responses share. PascalCase lives here and in the action files only. */

/** ECS times: `2024-05-01T08:00:00Z` (seconds, UTC). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** ECS tags: `{"Tag":[{"TagKey","TagValue"}]}`. */
export function ecsTags(tags: readonly Tag[]): { Tag: { TagKey: string; TagValue: string }[] } {
  return { Tag: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) };
}

/** VPC tags: `{"Tag":[{"Key","Value"}]}`. */
export function vpcTags(tags: readonly Tag[]): { Tag: { Key: string; Value: string }[] } {
  return { Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) };
}
