/**
 * The benchmark scenario shared by the capture/flow-log generators and the throughput benches:
 * a NAT instance's ENI (10.0.0.10, check on, as the 2025 default would leave it) serving 250
 * clients in 10.0.1.0/24, plus the judgement every bench sink makes, written once so the engine,
 * the inline fallback, tcpdump's BPF filter and the awk program all test the same thing.
 */
import type { Topology } from "../simulator/model/topology";
import type { DeclaredFlow, FlowLogRecord, PacketRecord, TrafficSink } from "../simulator/traffic/records";

export const NAT_ENI_ID = "eni-nat";
export const NAT_ENI_IP = "10.0.0.10";
export const NAT_ENI_MAC = "00:16:3e:00:00:01";
/** The VPC's virtual gateway MAC: what the ENI's peers look like on the wire. */
export const GATEWAY_MAC = "ee:ff:ff:ff:ff:ff";
export const CLIENT_COUNT = 250;
/** Client i is 10.0.1.(i + 1) on ENI eni-client-i. */
export const CLIENT_NETWORK = "10.0.1.0";
/** Internet servers the clients talk to (a bounded set keeps the conversation count fixed). */
export const SERVER_COUNT = 64;
export const SERVER_NETWORK = "203.0.113.0";

export function ipv4(text: string): number {
  return text.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

export function mac48(text: string): number {
  return parseInt(text.replace(/:/g, ""), 16);
}

export function natTopology(): Topology {
  return {
    region: "cn-hangzhou",
    sourceDestCheckDefault: true,
    vswitches: [
      { id: "vsw-public", cidr: "10.0.0.0/24", routeTable: "vtb-public" },
      { id: "vsw-private", cidr: "10.0.1.0/24", routeTable: "vtb-private" },
    ],
    routeTables: [
      { id: "vtb-public", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "Internet" } }] },
      { id: "vtb-private", routes: [{ destination: "0.0.0.0/0", nextHop: { type: "NetworkInterface", id: NAT_ENI_ID } }] },
    ],
    instances: [{ id: "i-nat", forwarding: "snat" }, ...Array.from({ length: CLIENT_COUNT }, (_, i) => ({ id: `i-client-${i}`, forwarding: "none" as const }))],
    networkInterfaces: [
      { id: NAT_ENI_ID, vswitch: "vsw-public", instance: "i-nat", primaryIp: NAT_ENI_IP, secondaryIps: [], mac: NAT_ENI_MAC },
      ...Array.from({ length: CLIENT_COUNT }, (_, i) => ({
        id: `eni-client-${i}`,
        vswitch: "vsw-private",
        instance: `i-client-${i}`,
        primaryIp: `10.0.1.${i + 1}`,
        secondaryIps: [],
        mac: `00:16:3e:01:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`,
      })),
    ],
  };
}

/** tcpdump's equivalent of the judgement: frames at the NAT ENI carrying an address not its own. */
export const BPF_FILTER = `(ether dst ${NAT_ENI_MAC} and not dst host ${NAT_ENI_IP}) or (ether src ${NAT_ENI_MAC} and not src host ${NAT_ENI_IP})`;

/**
 * The evaluator-equivalent work when the model's sink is not available: a Map from MAC (or ENI
 * id) to ENI index and a Set of that ENI's IPs; count traffic whose judged address is not its own.
 */
export class InlineMismatchSink implements TrafficSink {
  mismatched = 0;
  seen = 0;
  private readonly byMac = new Map<number, number>();
  private readonly byEni = new Map<string, number>();
  private readonly ips: Set<number>[] = [];

  constructor(topology: Topology) {
    topology.networkInterfaces.forEach((eni, index) => {
      if (eni.mac !== undefined) this.byMac.set(mac48(eni.mac), index);
      this.byEni.set(eni.id, index);
      this.ips.push(new Set([eni.primaryIp, ...eni.secondaryIps].map(ipv4)));
    });
  }

  packet(r: PacketRecord): void {
    this.seen++;
    const from = this.byMac.get(r.srcMac);
    if (from !== undefined && !this.ips[from]!.has(r.srcIp)) {
      this.mismatched++;
      return;
    }
    const to = this.byMac.get(r.dstMac);
    if (to !== undefined && !this.ips[to]!.has(r.dstIp)) this.mismatched++;
  }

  flowLog(r: FlowLogRecord): void {
    this.seen++;
    const eni = this.byEni.get(r.eniId);
    if (eni === undefined) return;
    if (!this.ips[eni]!.has(r.direction === "out" ? r.srcIp : r.dstIp)) this.mismatched++;
  }

  declaredFlow(_flow: DeclaredFlow): void {
    // Declared flows are traced, not counted: none are generated for these benches.
  }
}
