/**
 * Reads what nftables counted (`nft -j list ...`): named counters, and the address pairs with
 * their counters kept in the check's dynamic sets. Pure parsing of `unknown`, validated once;
 * anything unexpected is an error naming what was expected, never a silent zero.
 */
import { LabError } from "./errors";

export interface CounterValue {
  readonly packets: number;
  readonly bytes: number;
}

export interface AddressPairCount extends CounterValue {
  readonly src: string;
  readonly dst: string;
}

export interface AddressCount extends CounterValue {
  readonly address: string;
}

export interface NftTableCounts {
  readonly counters: ReadonlyMap<string, CounterValue>;
  /** Sets of address pairs (the check's). */
  readonly sets: ReadonlyMap<string, readonly AddressPairCount[]>;
  /** Sets of single addresses (where arrivals came from). */
  readonly addressSets: ReadonlyMap<string, readonly AddressCount[]>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);

function items(json: string, what: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new LabError("COMMAND_FAILED", `${what}: nft -j printed no JSON (${json.slice(0, 80)})`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed["nftables"])) throw new LabError("COMMAND_FAILED", `${what}: nft -j output has no "nftables" list`);
  return parsed["nftables"];
}

function single(elem: unknown): AddressCount | undefined {
  if (!isObject(elem)) return undefined;
  const inner = isObject(elem["elem"]) ? elem["elem"] : elem;
  if (typeof inner["val"] !== "string") return undefined;
  const counter = isObject(inner["counter"]) ? inner["counter"] : {};
  return { address: inner["val"], packets: count(counter["packets"]), bytes: count(counter["bytes"]) };
}

function pair(elem: unknown): AddressPairCount | undefined {
  if (!isObject(elem)) return undefined;
  const inner = isObject(elem["elem"]) ? elem["elem"] : elem;
  const val = inner["val"];
  const concat = isObject(val) ? val["concat"] : undefined;
  if (!Array.isArray(concat) || concat.length !== 2 || typeof concat[0] !== "string" || typeof concat[1] !== "string") return undefined;
  const counter = isObject(inner["counter"]) ? inner["counter"] : {};
  return { src: concat[0], dst: concat[1], packets: count(counter["packets"]), bytes: count(counter["bytes"]) };
}

/** Counters and set elements of one table (`nft -j list table <family> <name>`). */
export function parseNftTable(json: string, what: string): NftTableCounts {
  const counters = new Map<string, CounterValue>();
  const sets = new Map<string, AddressPairCount[]>();
  const addressSets = new Map<string, AddressCount[]>();
  for (const item of items(json, what)) {
    if (!isObject(item)) continue;
    const counter = item["counter"];
    if (isObject(counter) && typeof counter["name"] === "string") {
      counters.set(counter["name"], { packets: count(counter["packets"]), bytes: count(counter["bytes"]) });
    }
    const set = item["set"];
    if (isObject(set) && typeof set["name"] === "string") {
      const elems = Array.isArray(set["elem"]) ? set["elem"] : [];
      sets.set(
        set["name"],
        elems.map(pair).filter((p): p is AddressPairCount => p !== undefined),
      );
      addressSets.set(
        set["name"],
        elems.map(single).filter((a): a is AddressCount => a !== undefined),
      );
    }
  }
  return { counters, sets, addressSets };
}

/** One named counter of a parsed table; absent is an error: the lab made it. */
export function nftCounter(counts: NftTableCounts, name: string, what: string): CounterValue {
  const found = counts.counters.get(name);
  if (!found) throw new LabError("COMMAND_FAILED", `${what}: nft has no counter "${name}"`);
  return found;
}
