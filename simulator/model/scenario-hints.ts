/**
 * Why an ENI forwards traffic, in seed 001's terms (nat, routing, load-balancer, vpn, multi-eni,
 * other). The plan says little about intent, so the classification is a documented heuristic:
 * Hints are read from names, tags, and ids people chose (not the cloud's random ids).
 *   1. an explicit tag `role` or `eni-sim:scenario` whose value is a scenario name wins;
 *   2. multi-eni: the instance does not forward (forwarding none) and the foreign addresses seen
 *      at this ENI belong to another ENI of the same instance (asymmetric return path);
 *   3. vpn: names or tags mention vpn/ipsec/strongswan/libreswan/openvpn/wireguard, or the ENI's
 *      own addresses carry IKE/NAT-T (udp 500, 4500), OpenVPN (udp 1194), WireGuard (udp 51820),
 *      ESP or GRE;
 *   4. load-balancer: names or tags mention load balancer, lb, slb, haproxy, lvs, keepalived;
 *   5. nat: the instance does SNAT (forwarding snat) or names mention nat/snat/masquerade;
 *   6. routing: the instance routes (forwarding route), a route's next hop is this ENI or its
 *      instance, or names mention router/firewall/gateway;
 *   7. other.
 */
import type { Scenario } from "./check-report";
import type { IndexedEni } from "./topology-index";

export const SCENARIOS: readonly Scenario[] = ["nat", "routing", "load-balancer", "vpn", "multi-eni", "other"];
const ROLE_TAG_KEYS = ["role", "eni-sim:scenario"];

const VPN_WORDS = /(^|[^a-z])(vpn|ipsec|strongswan|libreswan|openvpn|wireguard)/i;
const LB_WORDS = /(load[-_ ]?balanc|(^|[^a-z])(s?lb|haproxy|lvs|keepalived)([^a-z]|$))/i;
const NAT_WORDS = /((^|[^a-z])(nat|snat)([^a-z]|$)|masquerad)/i;
/** Ids the cloud generates (`eni-bp1g6zv0ce8oghu7k`) are random and can spell "nat" by chance; ids people chose are hints. */
const CLOUD_GENERATED_ID = /^[a-z]+-[a-z0-9]{15,}$/;
const ROUTER_WORDS = /(router|firewall|gateway|(^|[^a-z])fw([^a-z]|$))/i;

export interface ScenarioEvidence {
  /** Foreign conversations whose foreign address belongs to another ENI of the same instance. */
  readonly siblingFlows: number;
  readonly vpnTraffic: boolean;
  readonly routesPointHere: boolean;
}

function hintText(eni: IndexedEni): string {
  const parts: string[] = [eni.eni.name ?? "", eni.instance?.name ?? ""];
  for (const id of [eni.eni.id, eni.instance?.id]) if (id !== undefined && !CLOUD_GENERATED_ID.test(id)) parts.push(id);
  for (const tags of [eni.eni.tags, eni.instance?.tags]) {
    if (!tags) continue;
    for (const [k, v] of Object.entries(tags)) parts.push(k, v);
  }
  return parts.join(" ");
}

function explicitRole(eni: IndexedEni): Scenario | undefined {
  for (const tags of [eni.eni.tags, eni.instance?.tags]) {
    if (!tags) continue;
    for (const key of ROLE_TAG_KEYS) {
      const value = tags[key]?.toLowerCase();
      const scenario = SCENARIOS.find((s) => s === value);
      if (scenario) return scenario;
    }
  }
  return undefined;
}

export function classifyScenario(eni: IndexedEni, evidence: ScenarioEvidence): Scenario {
  const explicit = explicitRole(eni);
  if (explicit) return explicit;
  const forwarding = eni.instance?.forwarding ?? "none";
  if (forwarding === "none" && evidence.siblingFlows > 0) return "multi-eni";
  const text = hintText(eni);
  if (evidence.vpnTraffic || VPN_WORDS.test(text)) return "vpn";
  if (LB_WORDS.test(text)) return "load-balancer";
  if (forwarding === "snat" || NAT_WORDS.test(text)) return "nat";
  if (forwarding === "route" || evidence.routesPointHere || ROUTER_WORDS.test(text)) return "routing";
  return "other";
}
