/**
 * Property values as the Pulumi engine exchanges them with a resource provider over gRPC
 * (google.protobuf.Struct), with the conventions of the Node.js SDK's runtime/rpc.ts:
 * a secret is `{[SIG_KEY]: SECRET_SIG, value}`, a value unknown during preview is the
 * UNKNOWN_VALUE sentinel string. Pure functions only; the gRPC edge lives in provider-host.ts.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PropertyValueError } from "./errors";

/** rpc.ts `specialSigKey`: marks an object as one of Pulumi's special values. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** rpc.ts `specialSecretSig`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** rpc.ts `unknownValue`: what a provider sees for an input that is not known yet (preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type PropertyValue = null | boolean | number | string | PropertyValue[] | PropertyMap;
export interface PropertyMap {
  [key: string]: PropertyValue;
}

export interface SecretValue {
  [SIG_KEY]: typeof SECRET_SIG;
  value: PropertyValue;
}

/** Marks a value secret, as `pulumi.secret()` does once it reaches the engine. */
export function secret(value: PropertyValue): PropertyMap {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isSecret(value: PropertyValue | undefined): value is PropertyMap & SecretValue {
  return isPropertyMap(value) && value[SIG_KEY] === SECRET_SIG && "value" in value;
}

export function isPropertyMap(value: PropertyValue | undefined): value is PropertyMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when the value is secret or holds a secret anywhere inside. */
export function containsSecrets(value: PropertyValue): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecrets);
  if (isPropertyMap(value)) return Object.values(value).some(containsSecrets);
  return false;
}

/**
 * Replaces every secret by its plain value. The engine does this (MarshalProperties with
 * KeepSecrets=false) for providers whose ConfigureResponse says acceptSecrets=false, which the
 * Node.js dynamic-provider host does.
 */
export function stripSecrets(value: PropertyValue): PropertyValue {
  if (isSecret(value)) return stripSecrets(value.value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (isPropertyMap(value)) return mapValues(value, stripSecrets);
  return value;
}

export function stripSecretsInMap(map: PropertyMap): PropertyMap {
  return mapValues(map, stripSecrets);
}

/**
 * The engine's `annotateSecrets(outs, ins)`: a provider that does not accept secrets returns
 * plain values, so an output is re-marked secret where the input of the same name (at the same
 * path) was secret. Without this a secret input would be stored in plain text in the state.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    const outValue = result[key];
    if (outValue === undefined) continue;
    result[key] = annotateValue(outValue, inValue);
  }
  return result;
}

function annotateValue(out: PropertyValue, input: PropertyValue): PropertyValue {
  if (isSecret(out)) return out;
  if (isSecret(input)) return secret(out);
  if (isPropertyMap(out) && isPropertyMap(input)) return annotateSecrets(out, input);
  if (Array.isArray(out) && Array.isArray(input)) {
    return out.map((element, i) => (i < input.length ? annotateValue(element, input[i] as PropertyValue) : element));
  }
  return out;
}

/** Drops keys whose value is undefined: the SDK never sends them, and Struct cannot carry them. */
export function toStruct(map: PropertyMap): Struct {
  return Struct.fromJavaScript(dropUndefined(map) as Record<string, never>);
}

/** Reads a Struct back into property values, validating that nothing outside JSON arrived. */
export function fromStruct(struct: Struct | undefined, what: string): PropertyMap {
  if (struct === undefined) return {};
  const raw: unknown = struct.toJavaScript();
  return toPropertyMap(raw, what);
}

export function toPropertyMap(raw: unknown, what: string): PropertyMap {
  const value = toPropertyValue(raw, what);
  if (!isPropertyMap(value)) {
    throw new PropertyValueError(what, raw, "an object of properties");
  }
  return value;
}

function toPropertyValue(raw: unknown, path: string): PropertyValue {
  if (raw === null || typeof raw === "boolean" || typeof raw === "number" || typeof raw === "string") return raw;
  if (Array.isArray(raw)) return raw.map((element, i) => toPropertyValue(element, `${path}[${i}]`));
  if (typeof raw === "object") {
    const map: PropertyMap = {};
    for (const [key, element] of Object.entries(raw as Record<string, unknown>)) {
      if (element === undefined) continue;
      map[key] = toPropertyValue(element, `${path}.${key}`);
    }
    return map;
  }
  throw new PropertyValueError(path, raw, "null, boolean, number, string, array or object");
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((element) => (element === undefined ? null : dropUndefined(element)));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      if (element !== undefined) out[key] = dropUndefined(element);
    }
    return out;
  }
  return value;
}

function mapValues(map: PropertyMap, fn: (value: PropertyValue) => PropertyValue): PropertyMap {
  const out: PropertyMap = {};
  for (const [key, value] of Object.entries(map)) out[key] = fn(value);
  return out;
}
