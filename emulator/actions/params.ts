import { invalidParameter, missingParameter } from "../errors";
import type { RawParams } from "./action";

/**
 * Parameters that only identify the caller's account (the SDK sends them when the user sets
 * them); accepted and not stored, since the emulator serves one account.
 */
const ACCOUNT_PARAMS = new Set(["OwnerId", "OwnerAccount", "ResourceOwnerAccount", "ResourceOwnerId"]);
/** The protocol's own fields, in case the HTTP layer passes them through. */
const PROTOCOL_PARAMS = new Set([
  "Action", "Version", "Format", "Timestamp", "AccessKeyId", "Signature", "SignatureMethod",
  "SignatureVersion", "SignatureNonce", "SignatureType", "SecurityToken",
]);

export function isPassThroughParam(name: string): boolean {
  return ACCOUNT_PARAMS.has(name) || PROTOCOL_PARAMS.has(name);
}

interface StringRules {
  /** Longest accepted value (the cloud's documented limits). */
  readonly max?: number;
  readonly min?: number;
  readonly pattern?: RegExp;
  /** Names the pattern in the error ("an IPv4 address"). */
  readonly expected?: string;
}

/**
 * Typed reading of flattened parameters (`X.1`, `Tag.1.Key`, `NetworkInterface.1.SecurityGroupIds.2`,
 * JSON strings such as `InstanceIds`). Every failure names the parameter as sent and the value.
 * Reads are recorded, and `finish()` rejects what no reader asked for: an emulator must not
 * accept a field and silently ignore it.
 */
export class ParamReader {
  private constructor(
    private readonly params: RawParams,
    private readonly prefix: string,
    private readonly used: Set<string>,
  ) {}

  static of(params: RawParams): ParamReader {
    return new ParamReader(params, "", new Set());
  }

  private full(name: string): string {
    return this.prefix + name;
  }

  private raw(name: string): string | undefined {
    const key = this.full(name);
    this.used.add(key);
    return this.params.get(key);
  }

  has(name: string): boolean {
    return this.params.has(this.full(name));
  }

  str(name: string, rules: StringRules = {}): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const full = this.full(name);
    if (rules.min !== undefined && value.length < rules.min) throw invalidParameter(full, value, `at least ${rules.min} characters`);
    if (rules.max !== undefined && value.length > rules.max) throw invalidParameter(full, value, `at most ${rules.max} characters`);
    if (rules.pattern && !rules.pattern.test(value)) throw invalidParameter(full, value, rules.expected ?? `a value matching ${rules.pattern}`);
    return value;
  }

  requiredStr(name: string, rules: StringRules = {}): string {
    const value = this.str(name, rules);
    if (value === undefined || value === "") throw missingParameter(this.full(name));
    return value;
  }

  /** Only the literals `true` and `false`, as the SDK sends them. */
  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw invalidParameter(this.full(name), value, "true or false");
  }

  int(name: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw invalidParameter(this.full(name), value, `an integer from ${min} to ${max}`);
    }
    return Number(value);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(this.full(name), value, `one of ${allowed.join(", ")}`);
    return value as T;
  }

  /** The indexes N present under `name.N` (or `name.N.*` when `objects`), checked to be 1..max. */
  private indexes(name: string, max: number, objects: boolean): number[] {
    const head = `${this.full(name)}.`;
    const found = new Set<number>();
    for (const key of this.params.keys()) {
      if (!key.startsWith(head)) continue;
      const rest = key.slice(head.length);
      const dot = rest.indexOf(".");
      const indexText = objects ? (dot < 0 ? rest : rest.slice(0, dot)) : rest;
      if (!objects && dot >= 0) continue;
      if (!/^[1-9]\d*$/.test(indexText) || Number(indexText) > max) {
        throw invalidParameter(key, this.params.get(key) ?? "", `an index ${head}N with N from 1 to ${max}`);
      }
      found.add(Number(indexText));
    }
    return [...found].sort((a, b) => a - b);
  }

  /** `Name.1`, `Name.2`, ... in index order (gaps allowed, as the SDK only sends what is set). */
  list(name: string, max: number, rules: StringRules = {}): string[] {
    return this.indexes(name, max, false).map((i) => this.requiredStr(`${name}.${i}`, rules));
  }

  /** `Name.N.Field` groups, each read by `read` through a reader scoped to `Name.N.`. */
  objects<T>(name: string, max: number, read: (r: ParamReader, index: number) => T): T[] {
    return this.indexes(name, max, true).map((i) => read(new ParamReader(this.params, `${this.full(name)}.${i}.`, this.used), i));
  }

  /** A JSON-encoded list of strings, e.g. InstanceIds=["i-1","i-2"]. */
  jsonList(name: string, max: number): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidParameter(this.full(name), value, `a JSON array of at most ${max} strings, e.g. ["id-1"]`);
    }
    if (!Array.isArray(parsed) || parsed.length > max || !parsed.every((v) => typeof v === "string" && v !== "")) {
      throw invalidParameter(this.full(name), value, `a JSON array of at most ${max} non-empty strings`);
    }
    return parsed as string[];
  }

  /** Fails on any parameter that no reader consumed. */
  finish(action: string): void {
    for (const key of this.params.keys()) {
      if (this.used.has(key) || isPassThroughParam(key)) continue;
      throw invalidParameter(key, this.params.get(key) ?? "", `no such parameter: ${action} does not take ${key} in this emulator`);
    }
  }
}

/**
 * The request as a stable string for ClientToken comparison: every parameter but the token
 * itself and the caller-identity ones, sorted.
 */
export function requestFingerprint(params: RawParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== "ClientToken" && !isPassThroughParam(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}
