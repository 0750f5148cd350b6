/**
 * The blueprint as an ordered list of commands. Every command names the namespace it runs in and
 * that namespace is always one of the lab's: the runner prefixes `ip -n <ns>` or `ip netns exec
 * <ns>`, so nothing can reach the host's own namespace (unit-tested over every example plan).
 */
import type { LabBlueprint, LabHost, LabPort, LabRoute, LabRouteTable } from "./lab-blueprint";
import { blueprintNamespaces } from "./lab-blueprint";
import { hostTableNumber, UPLINK_INTERNET, UPLINK_VPC } from "./lab-names";
import { arrivalRuleset, checkRuleset, snatRuleset } from "./nft-rulesets";

export type LabStep =
  | { readonly kind: "netns-add"; readonly namespace: string }
  | { readonly kind: "run"; readonly namespace: string; readonly argv: readonly string[]; readonly stdin?: string };

const run = (namespace: string, argv: readonly string[], stdin?: string): LabStep => ({ kind: "run", namespace, argv, ...(stdin !== undefined ? { stdin } : {}) });

const sysctl = (namespace: string, settings: Record<string, string>): LabStep =>
  run(namespace, ["sysctl", "-q", "-w", ...Object.entries(settings).map(([k, v]) => `${k}=${v}`)]);

function sysctlSteps(b: LabBlueprint): LabStep[] {
  // Strict reverse-path filtering would drop what the plan routes asymmetrically (a NAT's
  // replies, a router's transit): the VPC does not filter so, and neither may the lab.
  const open = { "net.ipv4.conf.all.rp_filter": "0", "net.ipv4.conf.default.rp_filter": "0" };
  const steps: LabStep[] = [
    // The VPC router sends no ICMP redirects: they would teach hosts paths the cloud never offers.
    sysctl(b.vpcNamespace, { ...open, "net.ipv4.ip_forward": "1", "net.ipv4.conf.all.send_redirects": "0", "net.ipv4.conf.default.send_redirects": "0" }),
    sysctl(b.internetNamespace, { ...open, "net.ipv4.ip_forward": "0" }),
  ];
  for (const host of b.hosts) {
    steps.push(sysctl(host.namespace, { ...open, "net.ipv4.ip_forward": host.forwarding === "none" ? "0" : "1", "net.ipv4.conf.all.accept_redirects": "0", "net.ipv4.conf.default.accept_redirects": "0" }));
  }
  return steps;
}

function vpcLinkSteps(b: LabBlueprint): LabStep[] {
  const vpc = b.vpcNamespace;
  const steps: LabStep[] = [];
  for (const bridge of b.bridges) {
    steps.push(run(vpc, ["ip", "link", "add", bridge.name, "type", "bridge"]));
    // No IGMP: the VPC carries no multicast, and membership reports would be judged as traffic.
    steps.push(run(vpc, ["ip", "link", "set", bridge.name, "multicast", "off"]));
    steps.push(run(vpc, ["ip", "addr", "add", `${bridge.gateway}/${bridge.prefixLength}`, "dev", bridge.name]));
    steps.push(run(vpc, ["ip", "link", "set", bridge.name, "up"]));
  }
  for (const port of b.ports) {
    const host = b.hosts[port.host]!;
    steps.push(run(vpc, ["ip", "link", "add", port.port, "type", "veth", "peer", "name", port.ifname, "netns", host.namespace]));
    steps.push(run(vpc, ["ip", "link", "set", port.port, "master", port.bridge]));
    steps.push(run(vpc, ["ip", "link", "set", port.port, "up"]));
  }
  const u = b.uplink;
  steps.push(run(vpc, ["ip", "link", "add", UPLINK_VPC, "type", "veth", "peer", "name", UPLINK_INTERNET, "netns", b.internetNamespace]));
  steps.push(run(vpc, ["ip", "addr", "add", `${u.vpcAddress}/${u.prefixLength}`, "dev", UPLINK_VPC]));
  steps.push(run(vpc, ["ip", "link", "set", UPLINK_VPC, "up"]));
  return steps;
}

function internetSteps(b: LabBlueprint): LabStep[] {
  const net = b.internetNamespace;
  const u = b.uplink;
  return [
    run(net, ["ip", "addr", "add", `${u.internetAddress}/${u.prefixLength}`, "dev", UPLINK_INTERNET]),
    run(net, ["ip", "link", "set", UPLINK_INTERNET, "up"]),
    run(net, ["ip", "route", "add", "default", "via", u.vpcAddress, "dev", UPLINK_INTERNET]),
  ];
}

/**
 * An ENI's routes through its vSwitch's gateway, as in the VPC, where every neighbour resolves to
 * the gateway's MAC: even a packet for the ENI's own subnet goes to the VPC router, which is what
 * makes the check judge it (an address nobody holds is still sent, and judged, instead of dying
 * on a failed ARP inside the instance). The ENI reaches the gateway itself by a host route.
 */
function gatewayRoutes(ns: string, port: LabPort, table?: string): LabStep[] {
  const inTable = table === undefined ? [] : ["table", table];
  return [
    run(ns, ["ip", "route", "add", `${port.gateway}/32`, "dev", port.ifname, "scope", "link", ...inTable]),
    run(ns, ["ip", "route", "add", port.subnet, "via", port.gateway, "dev", port.ifname, ...inTable]),
  ];
}

function hostSteps(b: LabBlueprint, host: LabHost): LabStep[] {
  const ns = host.namespace;
  const steps: LabStep[] = [];
  const routedSubnets = new Set<string>();
  for (const ordinal of host.ports) {
    const port = b.ports[ordinal]!;
    if (port.mac !== undefined) steps.push(run(ns, ["ip", "link", "set", port.ifname, "address", port.mac]));
    steps.push(run(ns, ["ip", "link", "set", port.ifname, "multicast", "off"]));
    // noprefixroute: the subnet is reached through the gateway (gatewayRoutes), not on-link.
    for (const address of port.addresses) steps.push(run(ns, ["ip", "addr", "add", `${address}/${port.prefixLength}`, "dev", port.ifname, "noprefixroute"]));
    steps.push(run(ns, ["ip", "link", "set", port.ifname, "up"]));
    // Two ENIs in one vSwitch: the first listed (the primary first) carries the subnet, as the
    // kernel's own connected routes would.
    if (!routedSubnets.has(port.subnet)) steps.push(...gatewayRoutes(ns, port));
    routedSubnets.add(port.subnet);
  }
  const primary = b.ports[host.ports[0]!]!;
  steps.push(run(ns, ["ip", "route", "add", "default", "via", primary.gateway, "dev", primary.ifname]));
  if (host.policyRouting) {
    // Each ENI's addresses leave by that ENI: a table per ENI, chosen by source address.
    host.ports.forEach((ordinal, position) => {
      const port = b.ports[ordinal]!;
      const table = String(hostTableNumber(position));
      steps.push(...gatewayRoutes(ns, port, table));
      steps.push(run(ns, ["ip", "route", "add", "default", "via", port.gateway, "dev", port.ifname, "table", table]));
      for (const address of port.addresses) steps.push(run(ns, ["ip", "rule", "add", "from", address, "lookup", table, "pref", table]));
    });
  }
  if (host.forwarding === "snat") steps.push(run(ns, ["nft", "-f", "-"], snatRuleset()));
  steps.push(run(ns, ["nft", "-f", "-"], arrivalRuleset()));
  return steps;
}

function routeArgv(route: LabRoute, table: number): string[] {
  const t = route.target;
  switch (t.kind) {
    case "connected":
      return ["ip", "route", "add", route.destination, "dev", t.dev, "table", String(table)];
    case "eni":
    case "exit":
      return ["ip", "route", "add", route.destination, "via", t.via, "dev", t.dev, "onlink", "table", String(table)];
    case "unreachable":
      return ["ip", "route", "add", "unreachable", route.destination, "table", String(table)];
    default: {
      const never: never = t;
      return never;
    }
  }
}

function tableSteps(b: LabBlueprint, table: LabRouteTable): LabStep[] {
  const steps = table.routes.map((r) => run(b.vpcNamespace, routeArgv(r, table.number)));
  // Policy routing by incoming bridge: a packet is routed by its source vSwitch's table.
  for (const bridge of table.bridges) {
    const pref = String(table.number);
    steps.push(run(b.vpcNamespace, ["ip", "rule", "add", "iif", bridge, "lookup", String(table.number), "pref", pref]));
  }
  return steps;
}

/** Everything `up` runs, in order. */
export function buildSteps(b: LabBlueprint): LabStep[] {
  const namespaces = blueprintNamespaces(b);
  return [
    ...namespaces.map((namespace): LabStep => ({ kind: "netns-add", namespace })),
    ...sysctlSteps(b),
    ...namespaces.map((ns) => run(ns, ["ip", "link", "set", "lo", "up"])),
    ...vpcLinkSteps(b),
    ...internetSteps(b),
    ...b.hosts.flatMap((h) => hostSteps(b, h)),
    ...b.tables.flatMap((t) => tableSteps(b, t)),
    run(b.vpcNamespace, ["nft", "-f", "-"], checkRuleset(b)),
    run(b.internetNamespace, ["nft", "-f", "-"], arrivalRuleset()),
  ];
}

/** The command line a step becomes: always confined to its namespace. */
export function stepArgv(step: LabStep): string[] {
  if (step.kind === "netns-add") return ["ip", "netns", "add", step.namespace];
  if (step.argv[0] === "ip") return ["ip", "-n", step.namespace, ...step.argv.slice(1)];
  return ["ip", "netns", "exec", step.namespace, ...step.argv];
}
