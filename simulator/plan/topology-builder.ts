/**
 * Collects network elements found in Pulumi resources and turns them into a Topology: drafts may
 * lack what the cloud assigns at apply (addresses), which are filled with deterministic
 * placeholders from the vSwitch's block and said so in the ENI's `origin` and in the notes.
 */
import type { Instance, NetworkInterface, Route, Topology, VSwitch } from "../model/topology";
import { PlanError } from "./errors";
import { firstFreeAddress, parseIpv4Cidr } from "./ipv4-cidr";
import { mergeWithBase } from "./base-merge";
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
  /** The instance's own primary ENI (true), or one attached to it / created as its secondary (false). */
  primary?: boolean;
  name?: string;
  tags?: Readonly<Record<string, string>>;
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
    const merged = mergeWithBase(this, base);
    this.notes.push(...merged.notes);
    const known = new Set(merged.vswitches.map((v) => v.id));
    for (const draft of this.enis.values()) {
      if (known.has(draft.vswitch)) continue;
      throw new PlanError("DANGLING_REFERENCE", `network interface "${draft.id}" is in vSwitch "${draft.vswitch}", which the plan does not declare${base === undefined ? " and no base topology was given" : " and the base topology does not have"}`, {
        path: draft.origin,
        value: draft.vswitch,
        allowed: "a vSwitch declared in the plan, or one of the base topology (e.g. the live account the program deploys into)",
      });
    }
    const networkInterfaces = this.finishEnis(merged.vswitches, merged.baseEnis);
    const topology: Topology = {
      region,
      ...(base?.sourceDestCheckDefault === undefined ? {} : { sourceDestCheckDefault: base.sourceDestCheckDefault }),
      vswitches: merged.vswitches,
      routeTables: merged.routeTables,
      instances: merged.instances,
      networkInterfaces: [...networkInterfaces, ...merged.baseEnis],
    };
    checkTopologyRules(topology);
    return { topology, notes: this.notes };
  }

  private finishEnis(vswitches: readonly VSwitch[], baseEnis: readonly NetworkInterface[]): NetworkInterface[] {
    const used = new Map<string, Set<string>>();
    const usedIn = (vswitch: string): Set<string> => {
      let set = used.get(vswitch);
      if (set === undefined) used.set(vswitch, (set = new Set()));
      return set;
    };
    // Placeholders avoid every address already held, by the plan's ENIs and by the base's.
    for (const e of [...this.enis.values(), ...baseEnis]) {
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
        ...(draft.primary === undefined ? {} : { primary: draft.primary }),
        ...(draft.name === undefined ? {} : { name: draft.name }),
        ...(draft.tags === undefined ? {} : { tags: draft.tags }),
      };
    });
  }
}
