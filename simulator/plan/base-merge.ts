/**
 * A Pulumi plan over a base topology (usually the live account): the plan declares part of the
 * account and references the rest. Elements the plan declares replace the base's, by id, or, for
 * ENIs whose id is only known after apply, by address: a base ENI holding an address the plan
 * gives to one of its ENIs (in the same VPC) is that ENI as it exists today. Routes and
 * instances of the base follow such replacements, so nothing points at an element that is gone.
 */
import type { Instance, NetworkInterface, NextHop, Route, Topology, VSwitch } from "../model/topology";
import type { EniDraft } from "./topology-builder";

export interface PlanElements {
  readonly vswitches: ReadonlyMap<string, VSwitch>;
  readonly routes: ReadonlyMap<string, readonly Route[]>;
  readonly instances: ReadonlyMap<string, Instance>;
  readonly enis: ReadonlyMap<string, EniDraft>;
}

export interface MergedElements {
  readonly vswitches: readonly VSwitch[];
  readonly routeTables: readonly { id: string; routes: Route[] }[];
  readonly instances: readonly Instance[];
  /** Base ENIs the plan neither declares nor replaces. */
  readonly baseEnis: readonly NetworkInterface[];
  readonly notes: readonly string[];
}

export function mergeWithBase(plan: PlanElements, base: Topology | undefined): MergedElements {
  const notes: string[] = [];
  const vswitches = new Map(base?.vswitches.map((v) => [v.id, v]));
  for (const v of plan.vswitches.values()) vswitches.set(v.id, v);
  const vpcOf = (vswitch: string): string => vswitches.get(vswitch)?.vpc ?? "";

  const plannedAt = new Map<string, EniDraft>();
  for (const d of plan.enis.values()) {
    for (const ip of [...(d.primaryIp === undefined ? [] : [d.primaryIp]), ...d.secondaryIps]) plannedAt.set(`${vpcOf(d.vswitch)}|${ip}`, d);
  }
  const eniRenames = new Map<string, string>();
  const instanceRenames = new Map<string, string>();
  const baseEnis: NetworkInterface[] = [];
  for (const e of base?.networkInterfaces ?? []) {
    if (plan.enis.has(e.id)) continue;
    const twin = [e.primaryIp, ...e.secondaryIps].map((ip) => plannedAt.get(`${vpcOf(e.vswitch)}|${ip}`)).find((d) => d !== undefined);
    if (twin === undefined) {
      baseEnis.push(e);
      continue;
    }
    eniRenames.set(e.id, twin.id);
    if (e.instance !== undefined && twin.instance !== undefined && e.instance !== twin.instance) instanceRenames.set(e.instance, twin.instance);
    notes.push(`base network interface "${e.id}" holds ${twin.primaryIp ?? "an address"} of planned "${twin.id}": taken as the same ENI`);
  }
  // An instance keeps its base identity while any base ENI still points at it.
  for (const e of baseEnis) if (e.instance !== undefined) instanceRenames.delete(e.instance);

  const rename = (hop: NextHop): NextHop => {
    const map = hop.type === "NetworkInterface" ? eniRenames : hop.type === "Instance" ? instanceRenames : undefined;
    const to = hop.id === undefined ? undefined : map?.get(hop.id);
    return to === undefined ? hop : { type: hop.type, id: to };
  };
  const routes = new Map((base?.routeTables ?? []).map((t) => [t.id, t.routes.map((r) => ({ destination: r.destination, nextHop: rename(r.nextHop) }))]));
  for (const [id, planned] of plan.routes) {
    const replaced = new Set(planned.map((r) => r.destination));
    routes.set(id, [...(routes.get(id) ?? []).filter((r) => !replaced.has(r.destination)), ...planned]);
  }

  const instances = new Map((base?.instances ?? []).filter((i) => !instanceRenames.has(i.id) || plan.instances.has(i.id)).map((i) => [i.id, i]));
  for (const i of plan.instances.values()) {
    const known = instances.get(i.id);
    // An instance only referenced by the plan (assumed "none") keeps what the base knows of it.
    if (known === undefined || !onlyReferenced(i)) instances.set(i.id, i);
  }
  return {
    vswitches: [...vswitches.values()],
    routeTables: [...routes].map(([id, rs]) => ({ id, routes: rs })),
    instances: [...instances.values()],
    baseEnis: baseEnis.map((e) => (e.instance !== undefined && instanceRenames.has(e.instance) ? { ...e, instance: instanceRenames.get(e.instance)! } : e)),
    notes,
  };
}

/** The placeholder the plan makes for an instance it references but does not declare. */
function onlyReferenced(i: Instance): boolean {
  return i.forwarding === "none" && i.metadataOptions === undefined && i.name === undefined && i.tags === undefined && i.policyRouting === undefined;
}
