/**
 * Pulumi resource records as the plan adapters see them, whichever source they came from
 * (preview JSON, stack export, a program run under mocks), and the property values inside them.
 * Values that are unknown at plan time (the engine's unknown sentinel, a secret we cannot read)
 * become UNKNOWN, so the mapper can tell "not set" from "set, but only known after apply".
 */
import { isRecord, type UnknownRecord } from "./shape-reader";

export const UNKNOWN: unique symbol = Symbol("unknown until apply");
export type Unknown = typeof UNKNOWN;

/** The engine's marker for an output not known during preview (sdk/go/common/resource/plugin). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export interface PulumiResource {
  readonly urn: string;
  /** The type token, e.g. `alicloud:vpc/switch:Switch` or `pulumi-nodejs:dynamic:Resource`. */
  readonly type: string;
  /** The cloud id once known; undefined during preview of a create. */
  readonly id?: string;
  readonly inputs: UnknownRecord;
  readonly outputs: UnknownRecord;
  /** Property name -> URNs its value came from; resolves references whose value is still unknown. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** Replaces unknown sentinels and secrets by UNKNOWN or their plaintext, recursively. */
export function normalizeValue(value: unknown): unknown {
  if (value === UNKNOWN_SENTINEL || value === "[secret]") return UNKNOWN;
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (!isRecord(value)) return value;
  if (value[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) {
    // The wire form (`value`) from the language runtime, or the state form (`plaintext`/`ciphertext`).
    if ("value" in value) return normalizeValue(value["value"]);
    const plaintext = value["plaintext"];
    if (typeof plaintext !== "string") return UNKNOWN;
    try {
      return normalizeValue(JSON.parse(plaintext));
    } catch {
      return UNKNOWN;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalizeValue(v);
  return out;
}

export function normalizeRecord(value: unknown): UnknownRecord {
  const normalized = normalizeValue(value);
  return isRecord(normalized) ? normalized : {};
}

/** The resource's name: the last `::` segment of its URN. */
export function urnName(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at < 0 ? urn : urn.slice(at + 2);
}

/**
 * A known input wins: the plan converges the cloud to its inputs, so a planned change (the check
 * switched off) must beat the current read-back. Outputs fill in what the inputs leave to the
 * cloud (an address it picked, the check's default, ids, MACs).
 */
export function prop(resource: PulumiResource, key: string): unknown {
  const output = resource.outputs[key];
  const input = resource.inputs[key];
  if (isRecord(input) && isRecord(output)) return overlayKnown(output, input);
  if (input !== undefined && input !== UNKNOWN) return input;
  if (output !== undefined && output !== UNKNOWN) return output;
  return output === UNKNOWN || input === UNKNOWN ? UNKNOWN : undefined;
}

/** Nested blocks (an instance's primaryNetworkInterface) merge key by key, known inputs on top. */
function overlayKnown(output: UnknownRecord, input: UnknownRecord): UnknownRecord {
  const merged: Record<string, unknown> = { ...output };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === UNKNOWN) continue;
    const below = merged[key];
    merged[key] = isRecord(value) && isRecord(below) ? overlayKnown(below, value) : value;
  }
  return merged;
}

/** The first of several (deprecated and current) property names that is set. */
export function propAny(resource: PulumiResource, keys: readonly string[]): unknown {
  let sawUnknown = false;
  for (const key of keys) {
    const value = prop(resource, key);
    if (value === UNKNOWN) sawUnknown = true;
    else if (value !== undefined) return value;
  }
  return sawUnknown ? UNKNOWN : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

export function asInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

export function asRecord(value: unknown): UnknownRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** A list of strings; unknown elements are dropped (they are counted by the caller if it cares). */
export function asStringList(value: unknown): string[] | Unknown | undefined {
  if (value === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === "string" && v !== "");
}
