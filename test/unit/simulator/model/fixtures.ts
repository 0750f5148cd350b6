/** Small topologies built in code for the model tests: a NAT instance stack and friends. */
import type { NetworkInterface, Topology } from "../../../../simulator/model/topology";
import type { PacketRecord } from "../../../../simulator/traffic/records";
import { parseIpv4, parseMac } from "../../../../simulator/model/ipv4";

/**
 * vsw-private 10.0.1.0/24 (vtb-private: 0.0.0.0/0 -> eni-nat), vsw-public 10.0.0.0/24
 * (vtb-public: 0.0.0.0/0 -> Internet). i-nat (snat) holds eni-nat 10.0.0.10; i-app holds
 * eni-app 10.0.1.5.
 */
export function natTopology(natCheck: boolean | undefined, overrides: Partial<Topology> = {}): Topology {
  return {
    region: "cn-hangzhou",
    vswitches: [
      { id: "vsw-private", cidr: "10.0.1.0/24", routeTable: "vtb-private" },
      { id: "vsw-public", cidr: "10.0.0.0/24", routeTable: "vtb-public" },
    ],
    routeTables: [
      { id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: "eni-nat" } }] },
      { id: "vtb-public", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Internet" } }] },
    ],
    instances: [
      { id: "i-nat", forwarding: "snat" },
      { id: "i-app", forwarding: "none" },
    ],
    networkInterfaces: [
      eni("eni-nat", "vsw-public", "i-nat", "10.0.0.10", "00:16:3e:00:00:01", natCheck),
      eni("eni-app", "vsw-private", "i-app", "10.0.1.5", "00:16:3e:00:00:02", true),
    ],
    ...overrides,
  };
}

export function eni(id: string, vswitch: string, instance: string | undefined, ip: string, mac: string, check: boolean | undefined, extra: Partial<NetworkInterface> = {}): NetworkInterface {
  return {
    id,
    vswitch,
    ...(instance ? { instance } : {}),
    primaryIp: ip,
    secondaryIps: [],
    mac,
    ...(check === undefined ? {} : { sourceDestCheck: check }),
    ...extra,
  };
}

export const GATEWAY_MAC = parseMac("ee:ff:ff:ff:ff:ff", "gateway");

export function packet(srcMac: string | number, dstMac: string | number, src: string, dst: string, bytes = 100, protocol = 6, srcPort = 40000, dstPort = 443): PacketRecord {
  return {
    srcMac: typeof srcMac === "number" ? srcMac : parseMac(srcMac, "src mac"),
    dstMac: typeof dstMac === "number" ? dstMac : parseMac(dstMac, "dst mac"),
    srcIp: parseIpv4(src, "src"),
    dstIp: parseIpv4(dst, "dst"),
    protocol,
    srcPort,
    dstPort,
    bytes,
    interfaceId: 0,
  };
}
