/**
 * The state shared while mapping Pulumi resources: roles, model ids, and the resolution of
 * references between resources (by value, or through propertyDependencies while unknown).
 */
import type { ForwardingMode } from "../model/topology";
import { FORWARDING_MODES } from "../model/topology";
import { PlanError } from "./errors";
import { isIpv4 } from "./ipv4-cidr";
import { classifyResource, type ResourceRole } from "./pulumi-resource-kinds";
import { UNKNOWN, asStringList, prop, propAny, urnName, type PulumiResource } from "./pulumi-values";
import { isRecord, type UnknownRecord } from "./shape-reader";
import { TopologyBuilder } from "./topology-builder";

/** The tag a user puts on an instance to say what its OS forwards (the cloud cannot know). */
export const FORWARDING_TAG = "eni-sim:forwarding";
/** The tag that says the instance's OS routes by source address (policy-based routing): "true" | "false". */
export const POLICY_ROUTING_TAG = "eni-sim:policy-routing";
export const POLICY_ROUTING_VALUES = ["true", "false"] as const;
export const ENI_ROLES: readonly ResourceRole[] = ["alicloud-eni", "eni-sdk-network-interface"];
export const INSTANCE_ROLES: readonly ResourceRole[] = ["alicloud-instance", "eni-sdk-instance"];

/**
 * Before apply a resource has no cloud id; it is named after its Pulumi name with the prefix the
 * cloud's ids carry, so messages read naturally and a vSwitch and an ENI of the same name differ.
 */
const ID_PREFIXES: Partial<Record<ResourceRole, string>> = {
  vpc: "vpc-",
  vswitch: "vsw-",
  "route-table": "vtb-",
  "alicloud-eni": "eni-",
  "eni-sdk-network-interface": "eni-",
  "alicloud-instance": "i-",
  "eni-sdk-instance": "i-",
};

export class MapContext {
  readonly builder = new TopologyBuilder();
  readonly roles = new Map<string, ResourceRole>();
  private readonly byUrn = new Map<string, PulumiResource>();
  private readonly ids = new Map<string, string>();
  private readonly usedSyntheticIds = new Set<string>();
  readonly vpcTables = new Map<string, string>();

  constructor(resources: readonly PulumiResource[], readonly source: string) {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
      this.roles.set(r.urn, classifyResource(r));
    }
    for (const r of resources) if (r.id !== undefined && r.id !== "") this.ids.set(r.urn, r.id);
    for (const r of resources) {
      if (!this.ids.has(r.urn)) this.ids.set(r.urn, this.syntheticId(`${ID_PREFIXES[this.roles.get(r.urn)!] ?? ""}${urnName(r.urn)}`));
    }
  }

  /** The cloud id when known; before apply, the resource's name (unique in the plan). */
  modelId(r: PulumiResource): string {
    return this.ids.get(r.urn)!;
  }

  /** Names for things the cloud names at apply (an instance's primary ENI), unique in the plan. */
  syntheticId(wanted: string): string {
    const taken = (id: string): boolean => this.usedSyntheticIds.has(id) || [...this.ids.values()].includes(id);
    let id = wanted;
    for (let n = 2; taken(id); n++) id = `${wanted}-${n}`;
    this.usedSyntheticIds.add(id);
    return id;
  }

  /** The id another resource's property points at, through its value or its dependencies. */
  resolveRef(r: PulumiResource, key: string, roles: readonly ResourceRole[]): string | undefined {
    const value = prop(r, key);
    if (typeof value === "string" && value !== "") return value;
    for (const urn of r.propertyDependencies?.[key] ?? []) {
      const target = this.byUrn.get(urn);
      const role = this.roles.get(urn);
      if (target === undefined || role === undefined || !roles.includes(role)) continue;
      // A route table taken from a VPC resource is the VPC's system route table.
      if (role === "vpc" && roles.includes("route-table")) return this.vpcTables.get(this.modelId(target));
      return this.modelId(target);
    }
    return undefined;
  }

  requireRef(r: PulumiResource, key: string, roles: readonly ResourceRole[], what: string): string {
    const id = this.resolveRef(r, key, roles);
    if (id !== undefined) return id;
    throw new PlanError("DANGLING_REFERENCE", `cannot tell which ${what} this refers to`, {
      file: this.source,
      path: `${r.urn}.${key}`,
      value: prop(r, key) === UNKNOWN ? "(unknown until apply, and no dependency recorded)" : prop(r, key),
      allowed: `the id of a ${what}, or an output of a ${what} resource of the plan`,
    });
  }

  optionalIp(r: PulumiResource, keys: readonly string[]): string | undefined {
    const value = propAny(r, keys);
    if (value === undefined || value === UNKNOWN) return undefined;
    return this.checkIp(r, keys[0]!, value);
  }

  checkIp(r: PulumiResource, key: string, value: unknown): string {
    if (typeof value === "string" && isIpv4(value)) return value;
    throw new PlanError("INVALID_VALUE", "not an IPv4 address", { file: this.source, path: `${r.urn}.${key}`, value, allowed: "a dotted-quad IPv4 address" });
  }

  ipList(r: PulumiResource, keys: readonly string[]): string[] | undefined {
    const list = asStringList(propAny(r, keys));
    if (list === undefined || list === UNKNOWN) return undefined;
    return list.map((ip, i) => this.checkIp(r, `${keys[0]}[${i}]`, ip));
  }

  /** Tags with known string values (a value unknown until apply is left out: it cannot be a hint). */
  tags(r: PulumiResource): Readonly<Record<string, string>> | undefined {
    const value = prop(r, "tags");
    if (!isRecord(value)) return undefined;
    const known = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
    return known.length === 0 ? undefined : Object.fromEntries(known);
  }

  policyRoutingFromTags(r: PulumiResource, tags: UnknownRecord | undefined): boolean | undefined {
    const value = tags?.[POLICY_ROUTING_TAG];
    if (value === undefined || value === UNKNOWN) return undefined;
    if (value === "true" || value === "false") return value === "true";
    throw new PlanError("INVALID_VALUE", `not a valid "${POLICY_ROUTING_TAG}" tag`, { file: this.source, path: `${r.urn}.tags["${POLICY_ROUTING_TAG}"]`, value, allowed: POLICY_ROUTING_VALUES.join(", ") });
  }

  forwardingFromTags(r: PulumiResource, tags: UnknownRecord | undefined): ForwardingMode | undefined {
    const value = tags?.[FORWARDING_TAG];
    if (value === undefined) return undefined;
    if (typeof value === "string" && (FORWARDING_MODES as readonly string[]).includes(value)) return value as ForwardingMode;
    throw new PlanError("INVALID_VALUE", `not a valid "${FORWARDING_TAG}" tag`, { file: this.source, path: `${r.urn}.tags["${FORWARDING_TAG}"]`, value, allowed: FORWARDING_MODES.join(", ") });
  }
}

/**
 * `primary` is true only when the ENI is the one the instance was created with: an ENI attached
 * afterwards is never eth0, whatever order the plan lists it in.
 */
export function attach(ctx: MapContext, eniId: string, instanceId: string, origin: string, primary: boolean): void {
  const eni = ctx.builder.enis.get(eniId);
  if (eni === undefined) {
    ctx.builder.notes.push(`${origin} attaches network interface "${eniId}", which the plan does not declare; ignored`);
    return;
  }
  ctx.builder.ensureInstance(instanceId, origin);
  eni.instance = instanceId;
  eni.primary = primary;
}

export function optionalField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

