import { dryRunOk, invalidParameter, missingParameter } from "../errors";
import { TAGGABLE_TYPES } from "../state/records";
import type { TaggableType } from "../state/records";
import type { ActionDefinition } from "./action";
import { LIMITS, readRegion, readTagFilter, readTags } from "./common-params";
import { defineAction } from "./define";
import { readPaging, takePage } from "./paging";
import { ParamReader } from "./params";
import { ecsTags } from "./render";

const describeSecurityGroups = defineAction("Ecs", "DescribeSecurityGroups", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const single = r.str("SecurityGroupId");
  const many = r.jsonList("SecurityGroupIds", 100);
  const ids = single !== undefined || many ? [...(single !== undefined ? [single] : []), ...(many ?? [])] : undefined;
  const filter = {
    regionId,
    ...(ids ? { securityGroupIds: ids } : {}),
    vpcId: r.str("VpcId"),
    securityGroupName: r.str("SecurityGroupName"),
    tags: readTagFilter(r),
  };
  const paging = readPaging(r, { maxPageSize: 100, defaultPageSize: 10, token: true });
  const dryRun = r.bool("DryRun") ?? false;
  r.finish(ctx.action);
  const groups = ctx.store.describeSecurityGroups(filter);
  if (dryRun) throw dryRunOk();
  const page = takePage(groups, paging);
  return {
    ...page.fields,
    RegionId: regionId,
    SecurityGroups: {
      SecurityGroup: page.items.map((g) => ({
        SecurityGroupId: g.id,
        SecurityGroupName: g.name,
        Description: g.description,
        VpcId: g.vpcId,
        SecurityGroupType: "normal",
        EcsCount: g.instanceCount,
        ResourceGroupId: "",
        ServiceManaged: false,
        Tags: ecsTags(g.tags),
      })),
    },
  };
});

function readResourceType(r: ParamReader): TaggableType {
  const type = r.oneOf("ResourceType", TAGGABLE_TYPES);
  if (type === undefined) throw missingParameter("ResourceType");
  return type;
}

function readResourceIds(r: ParamReader): string[] {
  const ids = r.list("ResourceId", 50);
  if (ids.length === 0) throw missingParameter("ResourceId.1");
  return ids;
}

const tagResources = defineAction("Ecs", "TagResources", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const type = readResourceType(r);
  const ids = readResourceIds(r);
  const tags = readTags(r);
  r.finish(ctx.action);
  if (tags.length === 0) throw missingParameter("Tag.1.Key");
  ctx.store.tagResources(type, ids, tags, regionId);
  return {};
});

const untagResources = defineAction("Ecs", "UntagResources", true, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const type = readResourceType(r);
  const ids = readResourceIds(r);
  const keys = r.list("TagKey", 20, LIMITS.tagKey);
  const all = r.bool("All") ?? false;
  r.finish(ctx.action);
  if (all && keys.length > 0) throw invalidParameter("All", "true", "false when TagKey.N is given");
  if (!all && keys.length === 0) throw missingParameter("TagKey.1");
  ctx.store.untagResources(type, ids, all ? "all" : keys, regionId);
  return {};
});

/** ListTagResources pages by NextToken only, 50 rows at a time (the cloud's page). */
const LIST_TAG_PAGE = 50;

const listTagResources = defineAction("Ecs", "ListTagResources", false, (ctx) => {
  const r = ParamReader.of(ctx.params);
  const regionId = readRegion(r);
  const type = readResourceType(r);
  const ids = r.list("ResourceId", 50);
  const filter = readTagFilter(r);
  const paging = readPaging(r, { maxPageSize: LIST_TAG_PAGE, defaultPageSize: LIST_TAG_PAGE, token: true, pageNumbers: false, tokenSizeName: null });
  r.finish(ctx.action);
  const rows = ctx.store.listTagResources(type, ids.length ? ids : undefined, filter, regionId);
  const page = takePage(rows, paging);
  return {
    NextToken: page.fields.NextToken,
    TagResources: {
      TagResource: page.items.map((row) => ({ ResourceType: row.resourceType, ResourceId: row.resourceId, TagKey: row.tag.key, TagValue: row.tag.value })),
    },
  };
});

export const SECURITY_GROUP_AND_TAG_ACTIONS: readonly ActionDefinition[] = [
  describeSecurityGroups,
  tagResources,
  untagResources,
  listTagResources,
];
