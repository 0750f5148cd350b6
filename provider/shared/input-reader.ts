import type { CheckFailure } from "./check-failures";
import { describeValue } from "./check-failures";
import { isUnknown, UNKNOWN_VALUE } from "./unknown-value";

/**
 * Reads one untyped property bag (what the Pulumi engine hands to check) into typed values,
 * collecting a failure per bad property instead of stopping at the first.
 *
 * Plain functions over a record, not a class: the provider is serialized with Pulumi's closure
 * serializer, which drops class field initializers (see provider/ecs/errors.ts).
 *
 * Preview: a value not known yet arrives as UNKNOWN_VALUE. Readers return it unchanged (typed as
 * the sentinel) and validate nothing about it, so preview never reports an error for a value that
 * simply is not known yet.
 */
export interface InputReader {
  readonly props: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly failures: CheckFailure[];
}

export type Unknown = typeof UNKNOWN_VALUE;

export function inputReader(props: unknown, path = "", failures: CheckFailure[] = []): InputReader {
  const bag = props !== null && typeof props === "object" && !Array.isArray(props) ? (props as Record<string, unknown>) : {};
  if (props !== undefined && bag !== props) {
    failures.push({ property: path || "inputs", reason: `${path || "inputs"} must be an object, got ${describeValue(props)}` });
  }
  return { props: bag, path, failures };
}

export function propertyName(reader: InputReader, name: string): string {
  return reader.path ? `${reader.path}.${name}` : name;
}

function fail(reader: InputReader, name: string, value: unknown, allowed: string): undefined {
  const property = propertyName(reader, name);
  reader.failures.push({ property, reason: `${property} is ${describeValue(value)}; allowed: ${allowed}` });
  return undefined;
}

function missing(reader: InputReader, name: string, allowed: string): undefined {
  const property = propertyName(reader, name);
  reader.failures.push({ property, reason: `${property} is required (${allowed})` });
  return undefined;
}

export function readString(reader: InputReader, name: string, required: boolean, allowed = "a non-empty string"): string | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return required ? missing(reader, name, allowed) : undefined;
  if (typeof value !== "string" || value.length === 0) return fail(reader, name, value, allowed);
  return value;
}

export function readEnum<T extends string>(reader: InputReader, name: string, allowed: readonly T[]): T | Unknown | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(reader, name, value, allowed.map((v) => `"${v}"`).join(" | "));
}

export function readBoolean(reader: InputReader, name: string): boolean | Unknown | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  if (typeof value === "boolean") return value;
  return fail(reader, name, value, "true | false");
}

export function readInteger(reader: InputReader, name: string, min: number, max: number): number | Unknown | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  return fail(reader, name, value, `an integer in ${min}..${max}`);
}

/** A list of non-empty strings; an unknown list or unknown elements are passed through. */
export function readStringList(reader: InputReader, name: string, required: boolean, minLength = 0, maxLength = Infinity): string[] | Unknown | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return required ? missing(reader, name, `a list of ${minLength}..${maxLength} strings`) : undefined;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item.length === 0)) {
    return fail(reader, name, value, "a list of non-empty strings");
  }
  if (value.length < minLength || value.length > maxLength) {
    return fail(reader, name, value, `a list of ${minLength}..${maxLength} strings`);
  }
  return [...(value as string[])];
}

export function readStringMap(reader: InputReader, name: string): Record<string, string> | Unknown | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  if (typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
    return fail(reader, name, value, "a map of string keys to string values");
  }
  return { ...(value as Record<string, string>) };
}

export function nestedReader(reader: InputReader, name: string): InputReader | Unknown | undefined {
  const value = reader.props[name];
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  return inputReader(value, propertyName(reader, name), reader.failures);
}
