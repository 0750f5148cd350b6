/**
 * CrossGuard hands a stack policy the resources of the plan; the simulator reads plans as the one
 * Topology model. This adapter is the only place the two meet: PolicyResource -> PulumiResource
 * (the plan adapters' input) -> Topology.
 */
import type { PolicyResource } from "@pulumi/policy";
import { mapPulumiResources, normalizeRecord, UNKNOWN_SENTINEL, type PlanResult, type PulumiResource } from "alicloud-eni/simulator";

// @pulumi/policy hands props behind a proxy that throws on reading a value unknown during
// preview; a plan is mostly unknowns, so read the proxy's target and keep unknowns as values.
const PROXY_TARGET = "__getSpecialProxyTarget";
// The analyzer's unknown sentinels, one per type; @pulumi/policy exports them untyped (internal).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const policyProxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
const POLICY_UNKNOWNS: ReadonlySet<unknown> = new Set(
  ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"].map((name) => policyProxy[name]),
);

function unwrap(value: unknown): unknown {
  if (POLICY_UNKNOWNS.has(value)) return UNKNOWN_SENTINEL;
  if (value === null || typeof value !== "object") return value;
  const target = (value as Record<string, unknown>)[PROXY_TARGET] ?? value;
  if (Array.isArray(target)) return target.map(unwrap);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(target as Record<string, unknown>)) out[key] = unwrap(v);
  return out;
}

export function toPulumiResource(resource: PolicyResource): PulumiResource {
  const dependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) dependencies[key] = deps.map((d) => d.urn);
  const props = normalizeRecord(unwrap(resource.props));
  // In preview, props are the inputs (outputs of creates are unknown); after apply they are the
  // outputs, which embed the inputs. Either way the mapper reads one property bag.
  return { urn: resource.urn, type: resource.type, inputs: props, outputs: props, propertyDependencies: dependencies };
}

export function stackTopology(resources: readonly PolicyResource[], region?: string): PlanResult {
  return mapPulumiResources(resources.map(toPulumiResource), { source: "the stack under policy", ...(region !== undefined ? { region } : {}) });
}

/** The resource a model element came from: its `origin` starts with the Pulumi URN. */
export function originUrn(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  const urn = origin.split(" ")[0];
  return urn !== undefined && urn.startsWith("urn:pulumi:") ? urn : undefined;
}
