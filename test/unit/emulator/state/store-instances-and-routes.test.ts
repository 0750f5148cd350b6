import { describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "../../../../emulator/state/seed";
import { REGION, SG, VSW, codeOf, eniInput, launchInput, makeStore } from "./store-fixture";

const secondary = (extra: Record<string, unknown> = {}) => ({ instanceType: "Secondary" as const, vSwitchId: VSW.public, securityGroupIds: [SG.nat], ...extra });

describe("launching instances", () => {
  it.each([
    ["Pending -> Starting -> Running for RunInstances", true, ["Pending", "Starting", "Running"]],
    ["Pending -> Stopped for CreateInstance", false, ["Pending", "Stopped", "Stopped"]],
  ])("%s", (_name, start, statuses) => {
    const { store, advance } = makeStore();
    const [id] = store.launchInstances(launchInput({ start }));
    const seen = [store.describeInstance(id!).status];
    advance(100);
    seen.push(store.describeInstance(id!).status);
    advance(100);
    seen.push(store.describeInstance(id!).status);
    expect(seen).toEqual(statuses);
  });

  it.each([
    ["three ENIs", { networkInterfaces: [{ instanceType: "Primary" as const, securityGroupIds: [] }, secondary(), secondary()] }, "InvalidParameter"],
    ["a secondary on a type that takes none at creation", { instanceType: "ecs.sn1ne.large", networkInterfaces: [secondary()] }, "InvalidInstanceType.SecondaryEniNotSupported"],
    ["a secondary on a single-ENI type", { instanceType: "ecs.t5-lc1m1.small", networkInterfaces: [secondary()] }, "InvalidInstanceType.SecondaryEniNotSupported"],
    ["a secondary in another zone", { networkInterfaces: [secondary({ vSwitchId: VSW.zoneI })] }, "InvalidOperation.AvailabilityZoneMismatch"],
    ["a secondary without a vSwitch", { networkInterfaces: [secondary({ vSwitchId: undefined })] }, "MissingParameter"],
    ["no vSwitch", { vSwitchId: undefined }, "MissingParameter"],
    ["no security group", { securityGroupIds: [] }, "MissingParameter"],
    ["an unknown image", { imageId: "img-x" }, "InvalidImageId.NotFound"],
    ["an unknown type", { instanceType: "ecs.x" }, "InvalidInstanceType.ValueNotSupported"],
    ["a fixed IP with Amount 2", { amount: 2, privateIpAddress: "10.0.1.9" }, "InvalidParameter"],
    ["more IPs than the vSwitch has", { vSwitchId: VSW.tiny, amount: 4 }, "InvalidVSwitchId.IpNotEnough"],
  ])("refuses %s and creates nothing", (_name, extra, code) => {
    const { store } = makeStore();
    expect(codeOf(() => store.launchInstances(launchInput(extra)))).toBe(code);
    expect(store.describeInstances({ regionId: REGION })).toEqual([]);
    expect(store.describeNetworkInterfaces({ regionId: REGION })).toEqual([]);
  });

  it("DryRun validates and creates nothing", () => {
    const { store } = makeStore();
    expect(store.launchInstances(launchInput({ dryRun: true, amount: 3 }))).toEqual([]);
    expect(store.describeInstances({ regionId: REGION })).toEqual([]);
  });

  it("counts instance ENIs against the region's quota", () => {
    const { store } = makeStore({ ...DEFAULT_SEED, eniQuotaPerRegion: 3 });
    store.launchInstances(launchInput({ networkInterfaces: [secondary()] }));
    expect(codeOf(() => store.launchInstances(launchInput({ networkInterfaces: [secondary()] })))).toBe("MaxEniCountExceeded");
    store.createNetworkInterface(eniInput());
    expect(codeOf(() => store.createNetworkInterface(eniInput()))).toBe("MaxEniCountExceeded");
  });
});

describe("instance operations", () => {
  it.each([
    ["start a Running instance", "Running", (s: ReturnType<typeof makeStore>["store"], id: string) => s.startInstance(id)],
    ["stop a Stopped instance", "Stopped", (s: ReturnType<typeof makeStore>["store"], id: string) => s.stopInstance(id)],
    ["delete a Running instance without Force", "Running", (s: ReturnType<typeof makeStore>["store"], id: string) => s.deleteInstances([id], { force: false, dryRun: false })],
  ])("refuses to %s (IncorrectInstanceStatus)", (_name, state, act) => {
    const { store, advance } = makeStore();
    const [id] = store.launchInstances(launchInput({ start: state === "Running" }));
    advance(300);
    expect(codeOf(() => act(store, id!))).toBe("IncorrectInstanceStatus");
  });

  it("DeletionProtection blocks even a forced delete", () => {
    const { store } = makeStore();
    const [id] = store.launchInstances(launchInput({ deletionProtection: true }));
    expect(codeOf(() => store.deleteInstances([id!], { force: true, dryRun: false }))).toBe("InvalidOperation.DeletionProtection");
  });

  it("deleting releases DeleteOnRelease ENIs and detaches the others", () => {
    const { store, advance } = makeStore();
    const [id] = store.launchInstances(launchInput({ networkInterfaces: [{ instanceType: "Primary", securityGroupIds: [] }, secondary({ deleteOnRelease: false })] }));
    advance(300);
    const standalone = store.createNetworkInterface(eniInput({ deleteOnRelease: true }));
    store.attachNetworkInterface(standalone.id, id!, REGION);
    advance(100);
    const kept = store.describeInstance(id!).networkInterfaces.find((e) => e.type === "Secondary" && e.id !== standalone.id)!;
    store.deleteInstances([id!], { force: true, dryRun: false });
    const left = store.describeNetworkInterfaces({ regionId: REGION });
    expect(left.map((e) => [e.id, e.status])).toEqual([[kept.id, "Detaching"]]);
    advance(100);
    expect(store.describeNetworkInterface(kept.id, REGION)).toMatchObject({ status: "Available", instanceId: null });
  });

  it("the attach limit follows the instance type", () => {
    const { store, advance } = makeStore();
    const [small] = store.launchInstances(launchInput({ instanceType: "ecs.t5-lc1m1.small" }));
    advance(300);
    const eni = store.createNetworkInterface(eniInput());
    expect(codeOf(() => store.attachNetworkInterface(eni.id, small!, REGION))).toBe("EniPerInstanceLimitExceeded");
  });

  it("metadata options: defaults, then partial updates", () => {
    const { store } = makeStore();
    const [id] = store.launchInstances(launchInput({ metadataOptions: { httpTokens: "required" } }));
    expect(store.describeInstance(id!).metadataOptions).toEqual({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
    store.modifyInstanceMetadataOptions(id!, REGION, { httpPutResponseHopLimit: 4, httpTokens: undefined });
    expect(store.describeInstance(id!).metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 4 });
  });
});

describe("route entries", () => {
  const table = DEFAULT_SEED.routeTables.find((t) => t.name === "private")!.id;
  const route = (extra: Record<string, unknown> = {}) => ({ regionId: REGION, routeTableId: table, destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: "", ...extra });

  it("is Pending, then Available, and refuses a duplicate destination", () => {
    const { store, advance } = makeStore();
    const eni = store.createNetworkInterface(eniInput());
    const entry = store.createRouteEntry(route({ nextHopId: eni.id }));
    expect(entry.status).toBe("Pending");
    expect(codeOf(() => store.deleteRouteEntry({ regionId: REGION, routeEntryId: entry.id }))).toBe("IncorrectRouteEntryStatus");
    advance(100);
    expect(store.describeRouteEntries({ regionId: REGION, routeTableId: table })[0]!.status).toBe("Available");
    expect(codeOf(() => store.createRouteEntry(route({ nextHopId: eni.id })))).toBe("InvalidCIDRBlock.Duplicate");
    store.deleteRouteEntry({ regionId: REGION, routeEntryId: entry.id });
    expect(store.describeRouteEntries({ regionId: REGION, routeTableId: table })).toEqual([]);
  });

  it.each([
    ["an unknown ENI", { nextHopId: "eni-x" }, "InvalidEniId.NotFound"],
    ["an unknown instance", { nextHopType: "Instance", nextHopId: "i-x" }, "InvalidInstanceId.NotFound"],
    ["an unknown table", { routeTableId: "vtb-x", nextHopType: "HaVip", nextHopId: "havip-1" }, "InvalidRouteTableId.NotFound"],
    ["a malformed destination", { destinationCidrBlock: "10.0.0.0/99", nextHopType: "HaVip", nextHopId: "havip-1" }, "InvalidParameter"],
  ])("refuses %s", (_name, extra, code) => {
    const { store } = makeStore();
    expect(codeOf(() => store.createRouteEntry(route(extra)))).toBe(code);
  });
});
