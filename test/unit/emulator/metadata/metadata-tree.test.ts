import { describe, expect, it } from "vitest";
import { buildMetadataTree, lookupMetadata, renderListing } from "../../../../emulator/metadata/metadata-tree";
import type { MetadataDirectory } from "../../../../emulator/metadata/metadata-tree";
import { DEFAULT_SEED } from "../../../../emulator/state/seed";
import { SG, VSW, launchInput, makeStore } from "../state/store-fixture";

function instanceWithTwoEnis() {
  const { store, advance } = makeStore();
  const [id] = store.launchInstances(launchInput({
    hostName: "nat-host",
    networkInterfaces: [
      { instanceType: "Primary", securityGroupIds: [] },
      { instanceType: "Secondary", vSwitchId: VSW.public, securityGroupIds: [SG.nat], secondaryPrivateIpAddressCount: 1 },
    ],
  }));
  advance(1_000);
  return store.describeInstance(id!);
}

describe("buildMetadataTree", () => {
  it("answers the instance's items from the store's view", () => {
    const instance = instanceWithTwoEnis();
    const tree = buildMetadataTree(instance, DEFAULT_SEED);
    const [primary, secondary] = instance.networkInterfaces;
    const at = (path: string) => lookupMetadata(tree, path);
    expect(at("instance-id")).toBe(instance.id);
    expect(at("hostname")).toBe("nat-host");
    expect(at("image-id")).toBe(instance.imageId);
    expect(at("instance/instance-type")).toBe("ecs.g7.large");
    expect(at("region-id")).toBe("cn-hangzhou");
    expect(at("zone-id")).toBe(instance.zoneId);
    expect(at("vpc-id")).toBe(instance.vpcId);
    expect(at("vswitch-id")).toBe(VSW.private);
    expect(at("private-ipv4")).toBe(primary!.primaryIpAddress);
    expect(at("mac")).toBe(primary!.macAddress);
    expect(renderListing(at("network/interfaces/macs/") as MetadataDirectory)).toBe(`${primary!.macAddress}/\n${secondary!.macAddress}/`);
    const vswPublic = DEFAULT_SEED.vSwitches.find((s) => s.id === VSW.public)!;
    expect(at(`network/interfaces/macs/${secondary!.macAddress}`)).toMatchObject({
      "network-interface-id": secondary!.id,
      "primary-ip-address": secondary!.primaryIpAddress,
      "private-ipv4s": JSON.stringify([secondary!.primaryIpAddress, ...secondary!.secondaryIpAddresses]),
      "vpc-id": instance.vpcId,
      "vswitch-id": VSW.public,
      "vswitch-cidr-block": vswPublic.cidrBlock,
    });
    expect(secondary!.secondaryIpAddresses).toHaveLength(1);
  });

  it.each([
    ["10.0.1.0/24", "255.255.255.0", "10.0.1.253"],
    ["172.16.0.0/12", "255.240.0.0", "172.31.255.253"],
    ["192.168.4.0/28", "255.255.255.240", "192.168.4.13"],
  ])("vSwitch %s → netmask %s, gateway %s", (cidrBlock, netmask, gateway) => {
    const instance = instanceWithTwoEnis();
    const seed = { ...DEFAULT_SEED, vSwitches: DEFAULT_SEED.vSwitches.map((s) => (s.id === VSW.private ? { ...s, cidrBlock } : s)) };
    const mac = instance.networkInterfaces[0]!.macAddress;
    const tree = buildMetadataTree(instance, seed);
    expect(lookupMetadata(tree, `network/interfaces/macs/${mac}/netmask`)).toBe(netmask);
    expect(lookupMetadata(tree, `network/interfaces/macs/${mac}/gateway`)).toBe(gateway);
  });
});

describe("lookupMetadata / renderListing", () => {
  const tree: MetadataDirectory = { "instance-id": "i-a", instance: { "instance-type": "t" }, network: { interfaces: {} } };
  it.each([
    ["", "instance-id\ninstance/\nnetwork/"],
    ["/", "instance-id\ninstance/\nnetwork/"],
    ["/instance", "instance-type"],
    ["/instance/", "instance-type"],
    ["/network/interfaces/", ""],
  ])("%j lists %j", (path, listing) => {
    expect(renderListing(lookupMetadata(tree, path) as MetadataDirectory)).toBe(listing);
  });

  it.each(["/nope", "/instance-id/", "/instance-id/x", "/instance/instance-type/x", "/constructor", "/__proto__"])("%j is not an item", (path) => {
    expect(lookupMetadata(tree, path)).toBeUndefined();
  });
});
