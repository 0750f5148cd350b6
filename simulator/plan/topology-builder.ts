/**
 * Collects network elements found in Pulumi resources and turns them into a Topology: drafts may
 * lack what the cloud assigns at apply (addresses), which are filled with deterministic
 * placeholders from the vSwitch's block and said so in the ENI's `origin` and in the notes.
 */
import type { Instance, NetworkInterface, Route, Topology, VSwitch } from "../model/topology";
import { PlanError } from "./errors";
import { firstFreeAddress, parseIpv4Cidr } from "./ipv4-cidr";
import { checkTopologyRules } from "./topology-rules";

export interface EniDraft {
  readonly id: string;
  vswitch: string;
  instance?: string;
  primaryIp?: string;
  secondaryIps: string[];
  /** Secondary addresses the cloud will pick (secondaryPrivateIpAddressCount). */
  extraSecondaryCount: number;
  mac?: string;
  sourceDestCheck?: boolean;
  readonly origin: string;
}

export interface PlanResult {
  readonly topology: Topology;
  /** What the adapter had to assume or skip: placeholders, resources it ignored. */
  readonly notes: readonly string[];
}

export class TopologyBuilder {
  readonly vswitches = new Map<string, VSwitch>();
  readonly routes = new Map<string, Route[]>();
  readonly instances = new Map<string, Instance>();
  readonly enis = new Map<string, EniDraft>();
  readonly notes: string[] = [];

  addRouteTable(id: string): void {
    if (!this.routes.has(id)) this.routes.set(id, []);
  }

  addRoute(tableId: string, route: Route): void {
    this.addRouteTable(tableId);
    this.routes.get(tableId)!.push(route);
  }

  addEni(draft: EniDraft): void {
    if (this.enis.has(draft.id)) {
      throw new PlanError("DUPLICATE_ID", "two resources declare the same network interface", { path: draft.origin, value: draft.id, allowed: "one resource per ENI" });
    }
    this.enis.set(draft.id, draft);
  }

  /** An ENI attached to an instance the plan does not declare: the instance exists outside it. */
  ensureInstance(id: string, origin: string): void {
    if (this.instances.has(id)) return;
    this.instances.set(id, { id, forwarding: "none" });
    this.notes.push(`instance "${id}" is not declared in the plan (referenced by ${origin}); assumed forwarding "none"`);
  }

  build(region: string, base?: Topology): PlanResult {
    const merged = this.withBase(base);
    const networkInterfaces = this.finishEnis(merged.vswitches);
    const topology: Topology = {
      region,
      ...(base?.sourceDestCheckDefault === undefined ? {} : { sourceDestCheckDefault: base.sourceDestCheckDefault }),
      vswitches: merged.vswitches,
      routeTables: merged.routeTables,
      instances: merged.instances,
      networkInterfaces: [...networkInterfaces, ...merged.baseEnis.filter((e) => !this.enis.has(e.id))],
    };
    checkTopologyRules(topology);
    return { topology, notes: this.notes };
  }

  /**
   * A program usually manages part of an account: elements it references but does not declare
   * (an existing vSwitch, the VPC's route table) are taken from the base topology (e.g. the live
   * account); declared elements replace the base's, and routes the plan adds join the base table.
   */
  private withBase(base: Topology | undefined) {
    const vswitches = new Map(base?.vswitches.map((v) => [v.id, v]));
    for (const v of this.vswitches.values()) vswitches.set(v.id, v);
    const routes = new Map(base?.routeTables.map((t) => [t.id, [...t.routes]]));
    for (const [id, planned] of this.routes) {
      const existing = routes.get(id) ?? [];
      const replaced = new Set(planned.map((r) => r.destination));
      routes.set(id, [...existing.filter((r) => !replaced.has(r.destination)), ...planned]);
    }
    const instances = new Map(base?.instances.map((i) => [i.id, i]));
    for (const i of this.instances.values()) {
      const known = instances.get(i.id);
      // An instance only referenced by the plan (ensureInstance) keeps what the base knows of it.
      if (known === undefined || i.forwarding !== "none" || i.metadataOptions !== undefined) instances.set(i.id, i);
    }
    return {
      vswitches: [...vswitches.values()],
      routeTables: [...routes].map(([id, rs]) => ({ id, routes: rs })),
      instances: [...instances.values()],
      baseEnis: base?.networkInterfaces ?? [],
    };
  }

  private finishEnis(vswitches: readonly VSwitch[]): NetworkInterface[] {
    const used = new Map<string, Set<string>>();
    const usedIn = (vswitch: string): Set<string> => {
      let set = used.get(vswitch);
      if (set === undefined) used.set(vswitch, (set = new Set()));
      return set;
    };
    for (const e of this.enis.values()) {
      const set = usedIn(e.vswitch);
      if (e.primaryIp !== undefined) set.add(e.primaryIp);
      for (const ip of e.secondaryIps) set.add(ip);
    }
    const cidrs = new Map(vswitches.map((v) => [v.id, parseIpv4Cidr(v.cidr)]));
    return [...this.enis.values()].map((draft) => {
      const cidr = cidrs.get(draft.vswitch);
      const placeholders: string[] = [];
      const allocate = (what: string): string => {
        if (typeof cidr !== "object") {
          throw new PlanError("DANGLING_REFERENCE", `network interface "${draft.id}" is in a vSwitch the plan does not declare, so its ${what} cannot be placed`, { path: draft.origin, value: draft.vswitch, allowed: "a vSwitch declared in the plan, or one in the base topology (e.g. the live account)" });
        }
        const ip = firstFreeAddress(cidr, usedIn(draft.vswitch));
        if (ip === undefined) throw new PlanError("VSWITCH_FULL", `no free address left for the ${what} of "${draft.id}"`, { path: draft.origin, value: cidr.text });
        usedIn(draft.vswitch).add(ip);
        placeholders.push(ip);
        return ip;
      };
      const primaryIp = draft.primaryIp ?? allocate("primary address");
      const secondaryIps = [...draft.secondaryIps];
      for (let n = 0; n < draft.extraSecondaryCount; n++) secondaryIps.push(allocate("secondary address"));
      const origin = placeholders.length === 0 ? draft.origin : `${draft.origin} (placeholder addresses ${placeholders.join(", ")}: assigned by the cloud at apply)`;
      if (placeholders.length > 0) this.notes.push(`network interface "${draft.id}": placeholder addresses ${placeholders.join(", ")} from vSwitch "${draft.vswitch}"`);
      return {
        id: draft.id,
        vswitch: draft.vswitch,
        ...(draft.instance === undefined ? {} : { instance: draft.instance }),
        primaryIp,
        secondaryIps,
        ...(draft.mac === undefined ? {} : { mac: draft.mac.toLowerCase() }),
        ...(draft.sourceDestCheck === undefined ? {} : { sourceDestCheck: draft.sourceDestCheck }),
        origin,
      };
    });
  }
}
