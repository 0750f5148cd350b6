/**
 * The three Pulumi JSON documents a plan can come as, read into PulumiResource records:
 * - `pulumi preview --json`: `{steps: [{op, urn, newState: ResourceV3}], config}` (display.PreviewDigest).
 *   Unchanged resources appear only with `--show-sames`; without it, pass a base topology.
 * - `pulumi preview --save-plan`: `{version, plan: {resourcePlans: {urn: {goal, state}}, config}}`.
 * - `pulumi stack export`: `{version, deployment: {resources: ResourceV3[]}}` (or the deployment alone).
 */
import { PlanError } from "./errors";
import { normalizeRecord, type PulumiResource } from "./pulumi-values";
import { isRecord, type UnknownRecord } from "./shape-reader";

export type PulumiDocumentKind = "preview" | "update-plan" | "stack-export";

export interface PulumiDocument {
  readonly kind: PulumiDocumentKind;
  readonly resources: readonly PulumiResource[];
  /** `alicloud:region` from the document's config, when it carries one. */
  readonly region?: string;
  /** A preview without `same` steps (no `--show-sames`): unchanged resources are missing. */
  readonly partial?: boolean;
}

/** Which Pulumi document this is, or undefined when it is none of them. */
export function detectPulumiDocument(doc: unknown): PulumiDocumentKind | undefined {
  if (!isRecord(doc)) return undefined;
  if (Array.isArray(doc["steps"])) return "preview";
  if (isRecord(doc["resourcePlans"]) || (isRecord(doc["plan"]) && isRecord(doc["plan"]["resourcePlans"]))) return "update-plan";
  if (isRecord(doc["deployment"]) && Array.isArray(doc["deployment"]["resources"])) return "stack-export";
  if (Array.isArray(doc["resources"]) && isRecord(doc["manifest"])) return "stack-export";
  return undefined;
}

export function readPulumiDocument(doc: unknown, file: string): PulumiDocument {
  const kind = detectPulumiDocument(doc);
  switch (kind) {
    case "preview":
      return { kind, ...readPreview(doc as UnknownRecord, file) };
    case "update-plan":
      return { kind, ...readUpdatePlan(doc as UnknownRecord, file) };
    case "stack-export":
      return { kind, ...readStackExport(doc as UnknownRecord, file) };
    case undefined:
      throw new PlanError("UNKNOWN_PLAN_FORMAT", "not a Pulumi preview, update plan or stack export", { file, allowed: "`pulumi preview --json` (steps), `pulumi preview --save-plan` (resourcePlans) or `pulumi stack export` (deployment.resources)" });
    default:
      return assertNever(kind);
  }
}

/** Steps that end with the resource gone contribute nothing to the planned topology. */
const REMOVING_OPS = new Set(["delete", "discard", "read-discard"]);
/**
 * Steps about the old copy of a replaced resource: they share the URN with the replacement
 * (`create-replacement`/`replace`), which is what the plan ends with, so they change nothing here.
 */
const OLD_COPY_OPS = new Set(["delete-replaced", "discard-replaced", "remove-pending-replace"]);

function readPreview(doc: UnknownRecord, file: string): Omit<PulumiDocument, "kind"> {
  const byUrn = new Map<string, PulumiResource>();
  (doc["steps"] as unknown[]).forEach((step, i) => {
    const path = `steps[${i}]`;
    if (!isRecord(step)) throw invalid(file, path, step, "a step object {op, urn, newState}");
    const op = step["op"];
    const urn = step["urn"];
    if (typeof urn !== "string") throw invalid(file, `${path}.urn`, urn, "a Pulumi URN");
    if (typeof op === "string" && REMOVING_OPS.has(op)) {
      byUrn.delete(urn);
      return;
    }
    if (typeof op === "string" && OLD_COPY_OPS.has(op)) return;
    if (step["newState"] === undefined) return;
    byUrn.set(urn, readResourceState(step["newState"], file, `${path}.newState`));
  });
  const partial = !(doc["steps"] as unknown[]).some((step) => isRecord(step) && step["op"] === "same");
  return { resources: [...byUrn.values()], ...regionOf(doc["config"]), ...(partial ? { partial } : {}) };
}

function readStackExport(doc: UnknownRecord, file: string): Omit<PulumiDocument, "kind"> {
  const deployment = isRecord(doc["deployment"]) ? doc["deployment"] : doc;
  const base = deployment === doc ? "resources" : "deployment.resources";
  const resources = (deployment["resources"] as unknown[])
    .map((r, i) => ({ r, i }))
    // `delete: true` marks an old copy pending deletion after a replacement.
    .filter(({ r }) => !(isRecord(r) && r["delete"] === true))
    .map(({ r, i }) => readResourceState(r, file, `${base}[${i}]`));
  return { resources };
}

function readUpdatePlan(doc: UnknownRecord, file: string): Omit<PulumiDocument, "kind"> {
  const plan = isRecord(doc["plan"]) ? doc["plan"] : doc;
  const plans = plan["resourcePlans"] as UnknownRecord;
  const resources: PulumiResource[] = [];
  for (const [urn, rp] of Object.entries(plans)) {
    const path = `resourcePlans["${urn}"]`;
    if (!isRecord(rp) || !isRecord(rp["goal"])) continue; // a resource the plan deletes has no goal
    const goal = rp["goal"];
    if (typeof goal["type"] !== "string") throw invalid(file, `${path}.goal.type`, goal["type"], "a Pulumi type token");
    const diff = isRecord(goal["inputDiff"]) ? goal["inputDiff"] : {};
    const outputs = normalizeRecord(rp["state"]);
    // inputDiff holds only what changes; the proposed state holds the rest.
    const inputs = { ...outputs, ...normalizeRecord(diff["adds"]), ...normalizeRecord(diff["updates"]) };
    resources.push({
      urn,
      type: goal["type"],
      ...(typeof goal["id"] === "string" && goal["id"] !== "" ? { id: goal["id"] } : {}),
      inputs,
      outputs,
      ...dependenciesOf(goal["propertyDependencies"]),
    });
  }
  return { resources, ...regionOf(plan["config"]) };
}

function readResourceState(value: unknown, file: string, path: string): PulumiResource {
  if (!isRecord(value)) throw invalid(file, path, value, "a resource state {urn, type, inputs, outputs}");
  const { urn, type, id } = value;
  if (typeof urn !== "string") throw invalid(file, `${path}.urn`, urn, "a Pulumi URN");
  if (typeof type !== "string") throw invalid(file, `${path}.type`, type, "a Pulumi type token");
  return {
    urn,
    type,
    ...(typeof id === "string" && id !== "" ? { id } : {}),
    inputs: normalizeRecord(value["inputs"]),
    outputs: normalizeRecord(value["outputs"]),
    ...dependenciesOf(value["propertyDependencies"]),
  };
}

function dependenciesOf(value: unknown): { propertyDependencies?: Record<string, string[]> } {
  if (!isRecord(value)) return {};
  const deps: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries(value)) {
    if (Array.isArray(urns)) deps[key] = urns.filter((u): u is string => typeof u === "string");
  }
  return { propertyDependencies: deps };
}

function regionOf(config: unknown): { region?: string } {
  const region = isRecord(config) ? config["alicloud:region"] : undefined;
  return typeof region === "string" && region !== "" ? { region } : {};
}

function invalid(file: string, path: string, value: unknown, allowed: string): PlanError {
  return new PlanError("INVALID_VALUE", "unexpected shape in the Pulumi document", { file, path, value, allowed });
}

function assertNever(value: never): never {
  throw new Error(`unhandled document kind ${String(value)}`);
}
