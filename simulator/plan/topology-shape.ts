/**
 * Structural reading of a topology document (already parsed from YAML/JSON): types, closed sets,
 * unknown keys (a typo such as `sourceDestChek` must not silently mean "unset"), normalisation.
 * Cross-references and addresses are checked afterwards by topology-rules.ts.
 */
import type {
  Instance,
  MetadataOptions,
  NetworkInterface,
  NextHopType,
  Route,
  RouteTable,
  Topology,
  VSwitch,
} from "../model/topology";
import { FORWARDING_MODES } from "../model/topology";
import { PlanError } from "./errors";
import { isIpv4, parseIpv4Cidr } from "./ipv4-cidr";
import {
  joinPath,
  readList,
  readOptionalBoolean,
  readOptionalEnum,
  readOptionalInteger,
  readOptionalString,
  readOptionalTags,
  readRecord,
  readString,
  type UnknownRecord,
} from "./shape-reader";

export const NEXT_HOP_TYPES: readonly NextHopType[] = ["NetworkInterface", "Instance", "Local", "Internet", "Other"];
const TOP_KEYS = ["region", "sourceDestCheckDefault", "vswitches", "routeTables", "instances", "networkInterfaces"];
const VSWITCH_KEYS = ["id", "cidr", "routeTable", "zone", "vpc"];
const ROUTE_TABLE_KEYS = ["id", "routes"];
const ROUTE_KEYS = ["destination", "nextHop"];
const NEXT_HOP_KEYS = ["type", "id"];
const INSTANCE_KEYS = ["id", "forwarding", "metadataOptions", "name", "tags", "policyRouting"];
const METADATA_KEYS = ["httpEndpoint", "httpTokens", "httpPutResponseHopLimit"];
const ENI_KEYS = ["id", "vswitch", "instance", "primaryIp", "secondaryIps", "mac", "sourceDestCheck", "origin", "primary", "name", "tags"];
const MAC_PATTERN = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

export function readTopologyShape(document: unknown): Topology {
  const top = readRecord(document, "", TOP_KEYS);
  const sourceDestCheckDefault = readOptionalBoolean(top, "sourceDestCheckDefault", "");
  return {
    region: readString(top, "region", ""),
    ...(sourceDestCheckDefault === undefined ? {} : { sourceDestCheckDefault }),
    vswitches: readList(top, "vswitches", "").map((v, i) => readVSwitch(v, joinPath("vswitches", i))),
    routeTables: readList(top, "routeTables", "").map((v, i) => readRouteTable(v, joinPath("routeTables", i))),
    instances: readList(top, "instances", "").map((v, i) => readInstance(v, joinPath("instances", i))),
    networkInterfaces: readList(top, "networkInterfaces", "").map((v, i) => readNetworkInterface(v, joinPath("networkInterfaces", i))),
  };
}

export function readCidr(record: UnknownRecord, key: string, path: string): string {
  const text = readString(record, key, path);
  const parsed = parseIpv4Cidr(text);
  const at = joinPath(path, key);
  if (parsed === "syntax") throw new PlanError("INVALID_VALUE", "not an IPv4 CIDR block", { path: at, value: text, allowed: "a.b.c.d/n with n from 0 to 32, e.g. 10.0.1.0/24" });
  if (parsed === "host-bits") throw new PlanError("INVALID_VALUE", "host bits are set in the CIDR block", { path: at, value: text, allowed: "the network address of the block, e.g. 10.0.1.0/24" });
  return parsed.text;
}

function readIp(value: unknown, path: string): string {
  if (typeof value !== "string" || !isIpv4(value)) {
    throw new PlanError("INVALID_VALUE", "not an IPv4 address", { path, value, allowed: "a dotted-quad IPv4 address, e.g. 10.0.1.10" });
  }
  return value;
}

function readVSwitch(value: unknown, path: string): VSwitch {
  const r = readRecord(value, path, VSWITCH_KEYS);
  const routeTable = readOptionalString(r, "routeTable", path);
  const zone = readOptionalString(r, "zone", path);
  const vpc = readOptionalString(r, "vpc", path);
  return {
    id: readString(r, "id", path),
    cidr: readCidr(r, "cidr", path),
    ...(routeTable === undefined ? {} : { routeTable }),
    ...(zone === undefined ? {} : { zone }),
    ...(vpc === undefined ? {} : { vpc }),
  };
}

function readRouteTable(value: unknown, path: string): RouteTable {
  const r = readRecord(value, path, ROUTE_TABLE_KEYS);
  return {
    id: readString(r, "id", path),
    routes: readList(r, "routes", path).map((v, i) => readRoute(v, joinPath(joinPath(path, "routes"), i))),
  };
}

function readRoute(value: unknown, path: string): Route {
  const r = readRecord(value, path, ROUTE_KEYS);
  const hopPath = joinPath(path, "nextHop");
  if (r["nextHop"] === undefined) throw new PlanError("MISSING_FIELD", `"nextHop" is required`, { path: hopPath, allowed: "{type, id}" });
  const hop = readRecord(r["nextHop"], hopPath, NEXT_HOP_KEYS);
  const type = readOptionalEnum(hop, "type", hopPath, NEXT_HOP_TYPES);
  if (type === undefined) throw new PlanError("MISSING_FIELD", `"type" is required`, { path: joinPath(hopPath, "type"), allowed: NEXT_HOP_TYPES.join(", ") });
  const id = readOptionalString(hop, "id", hopPath);
  if (id === undefined && (type === "NetworkInterface" || type === "Instance")) {
    throw new PlanError("MISSING_FIELD", `"id" is required when the next hop is a ${type}`, { path: joinPath(hopPath, "id"), allowed: `the id of a ${type} of this topology` });
  }
  return { destination: readCidr(r, "destination", path), nextHop: id === undefined ? { type } : { type, id } };
}

function readInstance(value: unknown, path: string): Instance {
  const r = readRecord(value, path, INSTANCE_KEYS);
  const forwarding = readOptionalEnum(r, "forwarding", path, FORWARDING_MODES) ?? "none";
  const metadataOptions = r["metadataOptions"] === undefined ? undefined : readMetadataOptions(r["metadataOptions"], joinPath(path, "metadataOptions"));
  const policyRouting = readOptionalBoolean(r, "policyRouting", path);
  return {
    id: readString(r, "id", path),
    forwarding,
    ...(metadataOptions === undefined ? {} : { metadataOptions }),
    ...readHints(r, path),
    ...(policyRouting === undefined ? {} : { policyRouting }),
  };
}

/** `name` and `tags`: what people call an element, read as hints for the scenario. */
function readHints(r: UnknownRecord, path: string): { name?: string; tags?: Readonly<Record<string, string>> } {
  const name = readOptionalString(r, "name", path);
  const tags = readOptionalTags(r, "tags", path);
  return { ...(name === undefined ? {} : { name }), ...(tags === undefined ? {} : { tags }) };
}

function readMetadataOptions(value: unknown, path: string): MetadataOptions {
  const r = readRecord(value, path, METADATA_KEYS);
  const httpEndpoint = readOptionalEnum(r, "httpEndpoint", path, ["enabled", "disabled"] as const);
  const httpTokens = readOptionalEnum(r, "httpTokens", path, ["optional", "required"] as const);
  const httpPutResponseHopLimit = readOptionalInteger(r, "httpPutResponseHopLimit", path, 1, 64);
  return {
    ...(httpEndpoint === undefined ? {} : { httpEndpoint }),
    ...(httpTokens === undefined ? {} : { httpTokens }),
    ...(httpPutResponseHopLimit === undefined ? {} : { httpPutResponseHopLimit }),
  };
}

function readNetworkInterface(value: unknown, path: string): NetworkInterface {
  const r = readRecord(value, path, ENI_KEYS);
  const instance = readOptionalString(r, "instance", path);
  const macText = readOptionalString(r, "mac", path);
  if (macText !== undefined && !MAC_PATTERN.test(macText)) {
    throw new PlanError("INVALID_VALUE", "not a MAC address", { path: joinPath(path, "mac"), value: macText, allowed: "six colon-separated hex pairs, e.g. 00:16:3e:00:00:01" });
  }
  const sourceDestCheck = readOptionalBoolean(r, "sourceDestCheck", path);
  const origin = readOptionalString(r, "origin", path);
  const primary = readOptionalBoolean(r, "primary", path);
  if (r["primaryIp"] === undefined) throw new PlanError("MISSING_FIELD", `"primaryIp" is required`, { path: joinPath(path, "primaryIp"), allowed: "an IPv4 address inside the vSwitch's CIDR block" });
  return {
    id: readString(r, "id", path),
    vswitch: readString(r, "vswitch", path),
    ...(instance === undefined ? {} : { instance }),
    primaryIp: readIp(r["primaryIp"], joinPath(path, "primaryIp")),
    secondaryIps: readList(r, "secondaryIps", path).map((v, i) => readIp(v, joinPath(joinPath(path, "secondaryIps"), i))),
    ...(macText === undefined ? {} : { mac: macText.toLowerCase() }),
    ...(sourceDestCheck === undefined ? {} : { sourceDestCheck }),
    ...(origin === undefined ? {} : { origin }),
    ...(primary === undefined ? {} : { primary }),
    ...readHints(r, path),
  };
}
