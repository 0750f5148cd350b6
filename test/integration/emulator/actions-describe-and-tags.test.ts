import * as $ecs from "@alicloud/ecs20140526";
import { beforeAll, describe, expect, it } from "vitest";
import { withEmulator } from "../../support/sdk-clients";
import { FAST, IMAGE, REGION, SG_NAT, SG_WEB, VPC_MAIN, VSW_PRIVATE, VSW_PUBLIC, apiError } from "../../support/default-seed-ids";

const fx = withEmulator({ transitions: FAST });
const created: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 25; i++) {
    const { body } = await fx.ecs.createNetworkInterface(new $ecs.CreateNetworkInterfaceRequest({
      regionId: REGION, vSwitchId: i % 2 ? VSW_PUBLIC : VSW_PRIVATE, securityGroupIds: [i % 5 === 0 ? SG_NAT : SG_WEB],
      networkInterfaceName: `eni-${String(i).padStart(2, "0")}`, tag: i % 3 === 0 ? [{ key: "tier", value: i % 2 ? "odd" : "even" }] : [],
    }));
    created.push(body!.networkInterfaceId!);
  }
});

const describeEnis = (extra: Partial<$ecs.DescribeNetworkInterfacesRequest>) =>
  fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, ...extra })).then((r) => r.body!);
const ids = (body: $ecs.DescribeNetworkInterfacesResponseBody) => body.networkInterfaceSets?.networkInterfaceSet?.map((e) => e.networkInterfaceId) ?? [];

describe("DescribeNetworkInterfaces paging", () => {
  it("pages by PageNumber/PageSize with TotalCount, in creation order", async () => {
    const first = await describeEnis({ pageSize: 10 });
    expect(first).toMatchObject({ totalCount: 25, pageNumber: 1, pageSize: 10 });
    const third = await describeEnis({ pageSize: 10, pageNumber: 3 });
    expect(ids(third)).toEqual(created.slice(20));
    const all = [...ids(first), ...ids(await describeEnis({ pageSize: 10, pageNumber: 2 })), ...ids(third)];
    expect(all).toEqual(created);
    expect(ids(await describeEnis({}))).toHaveLength(10);
  });

  it("pages by MaxResults/NextToken until the token is empty", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const body = await describeEnis({ maxResults: 7, ...(token ? { nextToken: token } : {}) });
      expect(body.totalCount).toBe(25);
      seen.push(...(ids(body) as string[]));
      token = body.nextToken;
      if (!token) break;
    }
    expect(seen).toEqual(created);
    expect(await apiError(fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, nextToken: "garbage" }))))
      .toMatchObject({ code: "InvalidParameter" });
    expect(await apiError(fx.ecs.describeNetworkInterfaces(new $ecs.DescribeNetworkInterfacesRequest({ regionId: REGION, pageSize: 1001 }))))
      .toMatchObject({ code: "InvalidParameter" });
  });
});

describe("DescribeNetworkInterfaces filters", () => {
  it.each([
    ["VSwitchId", { vSwitchId: VSW_PUBLIC }, 12],
    ["VpcId", { vpcId: VPC_MAIN }, 25],
    ["SecurityGroupId", { securityGroupId: SG_NAT }, 5],
    ["Status", { status: "Available" }, 25],
    ["Type", { type: "Primary" }, 0],
    ["NetworkInterfaceName", { networkInterfaceName: "eni-07" }, 1],
    ["Tag key and value", { tag: [new $ecs.DescribeNetworkInterfacesRequestTag({ key: "tier", value: "even" })] }, 5],
    ["Tag key alone", { tag: [new $ecs.DescribeNetworkInterfacesRequestTag({ key: "tier" })] }, 9],
  ] as const)("by %s", async (_name, filter, count) => {
    const body = await describeEnis({ pageSize: 100, ...filter } as Partial<$ecs.DescribeNetworkInterfacesRequest>);
    expect(body.totalCount).toBe(count);
  });

  it("by NetworkInterfaceId.N, PrimaryIpAddress and InstanceId", async () => {
    expect(ids(await describeEnis({ networkInterfaceId: [created[3]!, created[4]!] }))).toEqual([created[3], created[4]]);
    const one = (await describeEnis({ networkInterfaceId: [created[0]!] })).networkInterfaceSets!.networkInterfaceSet![0]!;
    expect(ids(await describeEnis({ primaryIpAddress: one.privateIpAddress }))).toEqual([created[0]]);
    expect((await describeEnis({ instanceId: "i-none" })).totalCount).toBe(0);
  });
});

describe("tags and security groups", () => {
  it("TagResources, ListTagResources, UntagResources on ENIs and instances", async () => {
    const run = await fx.ecs.runInstances(new $ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB }));
    const instance = run.body!.instanceIdSets!.instanceIdSet![0]!;
    await fx.ecs.tagResources(new $ecs.TagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: [instance], tag: [{ key: "env", value: "dev" }, { key: "owner", value: "me" }] }));
    await fx.ecs.tagResources(new $ecs.TagResourcesRequest({ regionId: REGION, resourceType: "eni", resourceId: [created[1]!], tag: [{ key: "env", value: "dev" }] }));
    const listed = await fx.ecs.listTagResources(new $ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: [instance] }));
    expect(listed.body?.tagResources?.tagResource?.map((t) => `${t.resourceType}:${t.tagKey}=${t.tagValue}`)).toEqual(["instance:env=dev", "instance:owner=me"]);
    const byTag = await fx.ecs.listTagResources(new $ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "eni", tag: [{ key: "env", value: "dev" }] }));
    expect(byTag.body?.tagResources?.tagResource?.map((t) => t.resourceId)).toEqual([created[1]]);
    const inst = await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION, tag: [{ key: "owner", value: "me" }] }));
    expect(inst.body?.instances?.instance?.map((i) => i.instanceId)).toEqual([instance]);
    await fx.ecs.untagResources(new $ecs.UntagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: [instance], tagKey: ["env"] }));
    const after = await fx.ecs.listTagResources(new $ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: [instance] }));
    expect(after.body?.tagResources?.tagResource?.map((t) => t.tagKey)).toEqual(["owner"]);
    await fx.ecs.untagResources(new $ecs.UntagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: [instance], all: true }));
    const none = await fx.ecs.listTagResources(new $ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: [instance] }));
    expect(none.body?.tagResources?.tagResource ?? []).toEqual([]);
    expect(await apiError(fx.ecs.tagResources(new $ecs.TagResourcesRequest({ regionId: REGION, resourceType: "eni", resourceId: ["eni-nope"], tag: [{ key: "a", value: "b" }] }))))
      .toMatchObject({ code: "InvalidResourceId.NotFound", status: 404 });
    expect(await apiError(fx.ecs.tagResources(new $ecs.TagResourcesRequest({ regionId: REGION, resourceType: "bucket", resourceId: [instance], tag: [{ key: "a", value: "b" }] }))))
      .toMatchObject({ code: "InvalidParameter" });
  });

  it("pages ListTagResources by NextToken", async () => {
    const many = created.slice(0, 20);
    await fx.ecs.tagResources(new $ecs.TagResourcesRequest({ regionId: REGION, resourceType: "eni", resourceId: many, tag: [1, 2, 3].map((n) => ({ key: `k${n}`, value: "v" })) }));
    const first = await fx.ecs.listTagResources(new $ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "eni", resourceId: many }));
    expect(first.body?.tagResources?.tagResource).toHaveLength(50);
    const second = await fx.ecs.listTagResources(new $ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "eni", resourceId: many, nextToken: first.body!.nextToken! }));
    expect(second.body?.nextToken).toBe("");
    // 20 ENIs x 3 new tags, 7 of them carry "tier" from creation, and one "env" from the test above.
    expect(second.body?.tagResources?.tagResource).toHaveLength(60 + 7 + 1 - 50);
  });

  it("DescribeSecurityGroups lists the seed's groups with tags", async () => {
    await fx.ecs.tagResources(new $ecs.TagResourcesRequest({ regionId: REGION, resourceType: "securitygroup", resourceId: [SG_NAT], tag: [{ key: "use", value: "nat" }] }));
    const { body } = await fx.ecs.describeSecurityGroups(new $ecs.DescribeSecurityGroupsRequest({ regionId: REGION, vpcId: VPC_MAIN }));
    expect(body?.totalCount).toBe(2);
    const nat = body?.securityGroups?.securityGroup?.find((g) => g.securityGroupId === SG_NAT);
    expect(nat).toMatchObject({ securityGroupName: "nat", vpcId: VPC_MAIN });
    expect(nat?.tags?.tag).toEqual([expect.objectContaining({ tagKey: "use", tagValue: "nat" })]);
    const byId = await fx.ecs.describeSecurityGroups(new $ecs.DescribeSecurityGroupsRequest({ regionId: REGION, securityGroupIds: JSON.stringify([SG_WEB]) }));
    expect(byId.body?.securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual([SG_WEB]);
  });
});
