import type { Tag, TaggableType } from "./records";
import type { StoreContext } from "./store-context";
import { stateErrors } from "./state-errors";

/** The cloud allows 20 tags per resource. */
export const MAX_TAGS_PER_RESOURCE = 20;

const tagKey = (type: TaggableType, id: string): string => `${type}:${id}`;

export function tagsOf(ctx: StoreContext, type: TaggableType, id: string): readonly Tag[] {
  return ctx.state.tags[tagKey(type, id)] ?? [];
}

/** True when the resource carries every tag in `filter` (a key with an empty value matches any value). */
export function matchesTags(ctx: StoreContext, type: TaggableType, id: string, filter: readonly Tag[]): boolean {
  if (filter.length === 0) return true;
  const tags = tagsOf(ctx, type, id);
  return filter.every((f) => tags.some((t) => t.key === f.key && (f.value === "" || t.value === f.value)));
}

/** Whether a resource of this type exists (for TagResources and friends). */
export function resourceExists(ctx: StoreContext, type: TaggableType, id: string, regionId: string): boolean {
  const { state } = ctx;
  switch (type) {
    case "eni":
      return state.networkInterfaces[id]?.regionId === regionId;
    case "instance":
      return state.instances[id]?.regionId === regionId;
    case "securitygroup": {
      const sg = state.seed.securityGroups.find((g) => g.id === id);
      return sg !== undefined && state.seed.vpcs.some((v) => v.id === sg.vpcId && v.regionId === regionId);
    }
    case "image":
      return state.seed.images.some((i) => i.id === id);
    default: {
      const unreachable: never = type;
      throw new Error(`unknown resource type ${String(unreachable)}`);
    }
  }
}

/** Adds or overwrites tags by key; fails before changing anything when a resource would exceed the limit. */
export function setTags(ctx: StoreContext, type: TaggableType, ids: readonly string[], tags: readonly Tag[]): void {
  const merged = ids.map((id) => {
    const next = new Map(tagsOf(ctx, type, id).map((t) => [t.key, t.value]));
    for (const t of tags) next.set(t.key, t.value);
    if (next.size > MAX_TAGS_PER_RESOURCE) throw stateErrors.tagLimit(id, MAX_TAGS_PER_RESOURCE);
    return [id, [...next].map(([key, value]) => ({ key, value }))] as const;
  });
  for (const [id, list] of merged) ctx.state.tags[tagKey(type, id)] = list;
}

/** Removes the named keys, or every tag when `keys` is "all". */
export function removeTags(ctx: StoreContext, type: TaggableType, ids: readonly string[], keys: readonly string[] | "all"): void {
  for (const id of ids) {
    const key = tagKey(type, id);
    const remaining = keys === "all" ? [] : tagsOf(ctx, type, id).filter((t) => !keys.includes(t.key));
    if (remaining.length === 0) delete ctx.state.tags[key];
    else ctx.state.tags[key] = remaining;
  }
}

export interface TagResourceRow {
  readonly resourceType: TaggableType;
  readonly resourceId: string;
  readonly tag: Tag;
}

/** One row per (resource, tag), resources in the order of their first tag. */
export function listTagRows(ctx: StoreContext, type: TaggableType, ids: readonly string[] | undefined, filter: readonly Tag[], regionId: string): TagResourceRow[] {
  const rows: TagResourceRow[] = [];
  const prefix = `${type}:`;
  for (const [key, tags] of Object.entries(ctx.state.tags)) {
    if (!key.startsWith(prefix)) continue;
    const id = key.slice(prefix.length);
    if (ids !== undefined && !ids.includes(id)) continue;
    if (!resourceExists(ctx, type, id, regionId)) continue;
    if (!matchesTags(ctx, type, id, filter)) continue;
    for (const tag of tags) rows.push({ resourceType: type, resourceId: id, tag });
  }
  return rows;
}
