import { blockSize, formatIpv4, parseCidr } from "../state/ipv4";
import type { InstanceView } from "../state/instances";
import type { EniView } from "../state/network-interfaces";
import type { Seed } from "../state/seed";

/** A metadata path is a leaf (its text) or a directory of named children. */
export type MetadataNode = string | MetadataDirectory;
export interface MetadataDirectory {
  readonly [name: string]: MetadataNode;
}

function netmaskOf(prefixLength: number): string {
  return formatIpv4(2 ** 32 - blockSize(prefixLength));
}

/**
 * The cloud reserves a vSwitch's first address and its last three; the gateway instances are
 * given is the first of those three (x.x.x.253 in a /24).
 */
function gatewayOf(network: number, prefixLength: number): string {
  return formatIpv4(network + blockSize(prefixLength) - 3);
}

function interfaceNode(eni: EniView, seed: Seed): MetadataDirectory {
  const vSwitch = seed.vSwitches.find((s) => s.id === eni.vSwitchId);
  const vpc = seed.vpcs.find((v) => v.id === eni.vpcId);
  const cidr = vSwitch === undefined ? undefined : parseCidr(vSwitch.cidrBlock);
  return {
    "network-interface-id": eni.id,
    "primary-ip-address": eni.primaryIpAddress,
    // The cloud answers a JSON array here, primary address first.
    "private-ipv4s": JSON.stringify([eni.primaryIpAddress, ...eni.secondaryIpAddresses]),
    "vpc-id": eni.vpcId,
    "vswitch-id": eni.vSwitchId,
    ...(vpc === undefined ? {} : { "vpc-cidr-block": vpc.cidrBlock }),
    ...(vSwitch === undefined || cidr === undefined
      ? {}
      : {
          "vswitch-cidr-block": vSwitch.cidrBlock,
          netmask: netmaskOf(cidr.prefixLength),
          gateway: gatewayOf(cidr.network, cidr.prefixLength),
        }),
  };
}

/** Everything an instance can read under /latest/meta-data/, from the store's view of it. Pure. */
export function buildMetadataTree(instance: InstanceView, seed: Seed): MetadataDirectory {
  const primary = instance.networkInterfaces.find((e) => e.id === instance.primaryEniId) ?? instance.networkInterfaces[0];
  const macs: Record<string, MetadataNode> = {};
  for (const eni of instance.networkInterfaces) macs[eni.macAddress] = interfaceNode(eni, seed);
  return {
    "instance-id": instance.id,
    hostname: instance.hostName,
    "image-id": instance.imageId,
    instance: { "instance-type": instance.instanceType, "instance-name": instance.instanceName },
    "region-id": instance.regionId,
    "zone-id": instance.zoneId,
    "owner-account-id": seed.accountId,
    "vpc-id": instance.vpcId,
    "vswitch-id": instance.vSwitchId,
    ...(primary === undefined ? {} : { "private-ipv4": primary.primaryIpAddress, mac: primary.macAddress }),
    network: { interfaces: { macs } },
  };
}

/** A directory answers its children one per line, sub-directories with a trailing "/". */
export function renderListing(directory: MetadataDirectory): string {
  return Object.entries(directory)
    .map(([name, node]) => (typeof node === "string" ? name : `${name}/`))
    .join("\n");
}

/**
 * Finds `path` (below /latest/meta-data/, e.g. "network/interfaces/macs/") in the tree.
 * Undefined when there is no such item, or when a leaf is asked for as a directory.
 */
export function lookupMetadata(tree: MetadataDirectory, path: string): MetadataNode | undefined {
  const asDirectory = path.endsWith("/");
  const segments = path.split("/").filter((s) => s !== "");
  let node: MetadataNode = tree;
  for (const segment of segments) {
    if (typeof node === "string" || !Object.hasOwn(node, segment)) return undefined;
    node = node[segment]!;
  }
  if (asDirectory && typeof node === "string" && segments.length > 0) return undefined;
  return node;
}
