/**
 * The engine's step logic for one resource, over the harness: what `pulumi up`, `pulumi refresh`
 * and `pulumi destroy` ask of a provider. Kept apart from the gRPC harness so tests can either
 * drive single calls (to assert on one Diff) or whole steps (to assert on converged state).
 */
import { CheckFailedError } from "./errors";
import type { DiffResult, ProviderHost } from "./provider-host";
import { isSecret } from "./property-values";
import type { PropertyMap, PropertyValue } from "./property-values";

/** One resource as the engine keeps it in the state file. */
export interface ResourceState {
  readonly urn: string;
  readonly id: string;
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
}

export type StepOp = "create" | "same" | "update" | "replace";

export interface StepResult {
  readonly op: StepOp;
  readonly state: ResourceState;
  /** Present when there was a prior state to diff against. */
  readonly diff?: DiffResult;
}

/**
 * `pulumi up` for one resource: Check, then Create, or Diff and then nothing, Update or Replace
 * (create-before-delete unless the provider asks for delete-before-replace, as the engine does).
 */
export async function up(
  host: ProviderHost,
  urn: string,
  programInputs: PropertyMap,
  prior?: ResourceState,
): Promise<StepResult> {
  const checked = await host.check(urn, prior?.inputs ?? {}, programInputs);
  if (checked.failures.length > 0) throw new CheckFailedError(urn, checked.failures);
  const inputs = checked.inputs;
  if (prior === undefined) {
    const created = await host.create(urn, inputs);
    return { op: "create", state: { urn, id: created.id, inputs, outputs: created.outputs } };
  }
  const diff = await host.diff(urn, prior.id, prior.outputs, inputs, { oldInputs: prior.inputs });
  const changed = diff.changes === "some" || (diff.changes === "unknown" && !sameValue(prior.inputs, inputs));
  if (!changed) return { op: "same", state: { ...prior, inputs }, diff };
  if (diff.replaces.length > 0) {
    if (diff.deleteBeforeReplace) await destroy(host, prior);
    const created = await host.create(urn, inputs);
    if (!diff.deleteBeforeReplace) await destroy(host, prior);
    return { op: "replace", state: { urn, id: created.id, inputs, outputs: created.outputs }, diff };
  }
  const outputs = await host.update(urn, prior.id, prior.outputs, inputs, { oldInputs: prior.inputs });
  return { op: "update", state: { urn, id: prior.id, inputs, outputs }, diff };
}

/** `pulumi refresh` for one resource: undefined when the provider reports it gone. */
export async function refresh(host: ProviderHost, state: ResourceState): Promise<ResourceState | undefined> {
  const read = await host.read(state.urn, state.id, state.outputs, state.inputs);
  if (read.id === undefined) return undefined;
  return { urn: state.urn, id: read.id, inputs: read.inputs ?? state.inputs, outputs: read.outputs };
}

/** `pulumi destroy` (or the delete half of a replace) for one resource. */
export async function destroy(host: ProviderHost, state: ResourceState): Promise<void> {
  await host.delete(state.urn, state.id, state.outputs, { oldInputs: state.inputs });
}

/** The engine's legacy comparison when a provider answers DIFF_UNKNOWN: secretness ignored. */
function sameValue(a: PropertyValue | undefined, b: PropertyValue | undefined): boolean {
  const ua = isSecret(a) ? a.value : a;
  const ub = isSecret(b) ? b.value : b;
  if (Array.isArray(ua) || Array.isArray(ub)) {
    return Array.isArray(ua) && Array.isArray(ub) && ua.length === ub.length && ua.every((x, i) => sameValue(x, ub[i]));
  }
  if (typeof ua === "object" && ua !== null && typeof ub === "object" && ub !== null) {
    const keys = new Set([...Object.keys(ua), ...Object.keys(ub)]);
    return [...keys].every((k) => sameValue((ua as PropertyMap)[k], (ub as PropertyMap)[k]));
  }
  return ua === ub;
}
