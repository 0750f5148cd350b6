import { describe, expect, it } from "vitest";
import { REGION, SG, VSW, codeOf, eniInput, launchInput, makeStore } from "./store-fixture";

describe("tags", () => {
  it("overwrites by key, lists one row per tag, and removes by key or all", () => {
    const { store } = makeStore();
    const a = store.createNetworkInterface(eniInput());
    const b = store.createNetworkInterface(eniInput());
    store.tagResources("eni", [a.id, b.id], [{ key: "env", value: "dev" }], REGION);
    store.tagResources("eni", [a.id], [{ key: "env", value: "prod" }, { key: "team", value: "net" }], REGION);
    expect(store.listTagResources("eni", undefined, [], REGION).map((r) => `${r.resourceId === a.id ? "a" : "b"}:${r.tag.key}=${r.tag.value}`))
      .toEqual(["a:env=prod", "a:team=net", "b:env=dev"]);
    expect(store.listTagResources("eni", undefined, [{ key: "env", value: "dev" }], REGION).map((r) => r.resourceId)).toEqual([b.id]);
    store.untagResources("eni", [a.id], ["env"], REGION);
    expect(store.describeNetworkInterface(a.id, REGION).tags).toEqual([{ key: "team", value: "net" }]);
    store.untagResources("eni", [a.id, b.id], "all", REGION);
    expect(store.listTagResources("eni", undefined, [], REGION)).toEqual([]);
  });

  it("allows 20 tags per resource and refuses the 21st without changing anything", () => {
    const { store } = makeStore();
    const eni = store.createNetworkInterface(eniInput());
    const twenty = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    store.tagResources("eni", [eni.id], twenty, REGION);
    expect(codeOf(() => store.tagResources("eni", [eni.id], [{ key: "one-more", value: "v" }], REGION))).toBe("InvalidTagCount");
    store.tagResources("eni", [eni.id], [{ key: "k0", value: "changed" }], REGION);
    expect(store.describeNetworkInterface(eni.id, REGION).tags).toHaveLength(20);
  });

  it.each([
    ["eni", "eni-x"],
    ["instance", "i-x"],
    ["securitygroup", "sg-x"],
    ["image", "m-x"],
  ] as const)("refuses a missing %s", (type, id) => {
    const { store } = makeStore();
    expect(codeOf(() => store.tagResources(type, [id], [{ key: "a", value: "b" }], REGION))).toBe("InvalidResourceId.NotFound");
  });

  it("tags of a deleted ENI go with it", () => {
    const { store } = makeStore();
    const eni = store.createNetworkInterface(eniInput({ tags: [{ key: "a", value: "b" }] }));
    store.deleteNetworkInterface(eni.id, REGION);
    expect(store.snapshot().tags).toEqual({});
  });
});

describe("per-ENI address limits", () => {
  it("an attached ENI takes at most its instance type's addresses", () => {
    const { store, advance } = makeStore();
    const [id] = store.launchInstances(launchInput({ instanceType: "ecs.sn1ne.large" }));
    advance(200);
    store.stopInstance(id!);
    advance(100);
    const eni = store.createNetworkInterface(eniInput({ secondaryPrivateIpAddressCount: 4 }));
    store.attachNetworkInterface(eni.id, id!, REGION);
    advance(100);
    expect(store.assignPrivateIpAddresses(eni.id, REGION, { secondaryPrivateIpAddressCount: 1 })).toHaveLength(1);
    expect(codeOf(() => store.assignPrivateIpAddresses(eni.id, REGION, { secondaryPrivateIpAddressCount: 1 }))).toBe("QuotaExceed.PrivateIpAddress");
    const big = store.createNetworkInterface(eniInput({ secondaryPrivateIpAddressCount: 8 }));
    expect(codeOf(() => store.attachNetworkInterface(big.id, id!, REGION))).toBe("EniPerInstanceLimitExceeded");
  });

  it("an ENI with more addresses than the type takes cannot be attached", () => {
    const { store, advance } = makeStore();
    const [id] = store.launchInstances(launchInput({ instanceType: "ecs.sn1ne.large" }));
    advance(200);
    store.stopInstance(id!);
    advance(100);
    const big = store.createNetworkInterface(eniInput({ secondaryPrivateIpAddressCount: 8 }));
    expect(codeOf(() => store.attachNetworkInterface(big.id, id!, REGION))).toBe("QuotaExceed.PrivateIpAddress");
  });
});

describe("networks", () => {
  it("counts free addresses per vSwitch and finds each vSwitch's route table", () => {
    const { store } = makeStore();
    const before = store.describeVSwitches({ regionId: REGION, vSwitchId: VSW.tiny })[0]!;
    store.createNetworkInterface(eniInput({ vSwitchId: VSW.tiny, secondaryPrivateIpAddressCount: 1 }));
    const after = store.describeVSwitches({ regionId: REGION, vSwitchId: VSW.tiny })[0]!;
    expect([before.availableIpAddressCount, after.availableIpAddressCount]).toEqual([3, 1]);
    expect(after.routeTableId).toMatch(/^vtb-/);
    expect(store.describeVpcRegion(store.seed.vpcs[2]!.id)).toBe("ap-south-1");
  });

  it("EcsCount counts instances with an ENI in the group", () => {
    const { store } = makeStore();
    store.launchInstances(launchInput({ amount: 2 }));
    const groups = store.describeSecurityGroups({ regionId: REGION });
    expect(groups.find((g) => g.id === SG.web)?.instanceCount).toBe(2);
    expect(groups.find((g) => g.id === SG.nat)?.instanceCount).toBe(0);
  });
});
