/**
 * Small validators for `unknown` input read from plan files: each one names the path and the
 * value it rejects, so a bad file is reported once, precisely, at the edge.
 */
import { PlanError } from "./errors";

export type UnknownRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}

export function readRecord(value: unknown, path: string, allowedKeys: readonly string[]): UnknownRecord {
  if (!isRecord(value)) {
    throw new PlanError("INVALID_VALUE", "expected a mapping", { path: path || "(top level)", value, allowed: `a mapping with keys ${allowedKeys.join(", ")}` });
  }
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) {
      throw new PlanError("UNKNOWN_FIELD", `unknown field "${key}"`, { path: joinPath(path, key), allowed: allowedKeys.join(", ") });
    }
  }
  return value;
}

export function readString(record: UnknownRecord, key: string, path: string): string {
  const value = record[key];
  const at = joinPath(path, key);
  if (value === undefined || value === null) throw new PlanError("MISSING_FIELD", `"${key}" is required`, { path: at, allowed: "a non-empty string" });
  if (typeof value !== "string" || value.trim() === "") throw new PlanError("INVALID_VALUE", "expected a non-empty string", { path: at, value, allowed: "a non-empty string" });
  return value;
}

export function readOptionalString(record: UnknownRecord, key: string, path: string): string | undefined {
  return record[key] === undefined || record[key] === null ? undefined : readString(record, key, path);
}

export function readOptionalBoolean(record: UnknownRecord, key: string, path: string): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new PlanError("INVALID_VALUE", "expected a boolean", { path: joinPath(path, key), value, allowed: "true, false" });
  return value;
}

export function readOptionalEnum<T extends string>(record: UnknownRecord, key: string, path: string, allowed: readonly T[]): T | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new PlanError("INVALID_VALUE", `not a valid ${key}`, { path: joinPath(path, key), value, allowed: allowed.join(", ") });
  }
  return value as T;
}

export function readOptionalInteger(record: UnknownRecord, key: string, path: string, min: number, max: number): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new PlanError("INVALID_VALUE", `not a valid ${key}`, { path: joinPath(path, key), value, allowed: `an integer from ${min} to ${max}` });
  }
  return value;
}

/** Tags: a mapping of string keys to string values (an empty value is allowed, as in the cloud). */
export function readOptionalTags(record: UnknownRecord, key: string, path: string): Readonly<Record<string, string>> | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  const at = joinPath(path, key);
  if (!isRecord(value)) throw new PlanError("INVALID_VALUE", "expected a mapping of tags", { path: at, value, allowed: "a mapping of tag keys to string values, e.g. {role: nat}" });
  for (const [tag, tagValue] of Object.entries(value)) {
    if (typeof tagValue !== "string") {
      throw new PlanError("INVALID_VALUE", `tag "${tag}" has a value that is not a string`, { path: joinPath(at, tag), value: tagValue, allowed: 'a string (quote numbers and booleans: "true")' });
    }
  }
  return value as Readonly<Record<string, string>>;
}

/** A list, where a missing key means empty (every list of the topology file is optional). */
export function readList(record: UnknownRecord, key: string, path: string): readonly unknown[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PlanError("INVALID_VALUE", "expected a list", { path: joinPath(path, key), value, allowed: "a list" });
  return value;
}
