import { invalidParameter } from "../errors";
import { allocateId } from "./id-allocation";
import { formatCidr, parseCidr } from "./ipv4";
import { statusAt, transition } from "./lifecycle";
import { checkRegion, getVpc, regionOfVpc } from "./networks";
import { getEni } from "./network-interfaces";
import { getInstance } from "./instances";
import type { RouteEntryRecord, RouteEntryStatus, StoreState } from "./records";
import type { SeedRouteTable } from "./seed";
import { stateErrors } from "./state-errors";
import type { StoreContext } from "./store-context";

/**
 * Route tables come from the seed; their entries live in the state (the seed's as "System"
 * entries, callers' as "Custom"). New entries are Pending, then Available.
 */
export interface RouteTableView extends SeedRouteTable {
  readonly regionId: string;
}

export interface RouteEntryView extends Readonly<Omit<RouteEntryRecord, "lifecycle">> {
  readonly status: RouteEntryStatus;
}

/** Seeds the state's route entries from the seed's tables (called once, by fromSeed). */
export function seedRouteEntries(state: StoreState, now: number): void {
  for (const table of state.seed.routeTables) {
    for (const route of table.routes) {
      const regionId = state.seed.vpcs.find((v) => v.id === table.vpcId)?.regionId ?? state.seed.region;
      const id = allocateId(state, "rte", regionId, (c) => c in state.routeEntries);
      state.routeEntries[id] = {
        id, routeTableId: table.id, destinationCidrBlock: route.destinationCidrBlock, nextHopType: route.nextHopType,
        nextHopId: route.nextHopId, name: "", description: "", type: "System", lifecycle: [{ status: "Available", at: now }], creationTime: now,
      };
    }
  }
}

export function getRouteTable(ctx: StoreContext, id: string, regionId?: string): RouteTableView {
  const table = ctx.state.seed.routeTables.find((t) => t.id === id);
  const tableRegion = table && regionOfVpc(ctx, table.vpcId);
  if (!table || tableRegion === undefined || (regionId !== undefined && tableRegion !== regionId)) throw stateErrors.routeTableNotFound(id);
  return { ...table, regionId: tableRegion };
}

export interface RouteTableFilter {
  readonly regionId: string;
  readonly vpcId?: string;
  readonly routeTableId?: string;
  readonly routeTableName?: string;
  readonly routeTableType?: string;
  readonly vSwitchId?: string;
}

export function describeRouteTables(ctx: StoreContext, filter: RouteTableFilter): RouteTableView[] {
  checkRegion(ctx, filter.regionId);
  if (filter.vpcId !== undefined) getVpc(ctx, filter.vpcId, filter.regionId);
  return ctx.state.seed.routeTables
    .map((t) => ({ ...t, regionId: regionOfVpc(ctx, t.vpcId) }))
    .filter((t) => t.regionId === filter.regionId)
    .filter((t) => filter.vpcId === undefined || t.vpcId === filter.vpcId)
    .filter((t) => filter.routeTableId === undefined || t.id === filter.routeTableId)
    .filter((t) => filter.routeTableName === undefined || t.name === filter.routeTableName)
    .filter((t) => filter.routeTableType === undefined || t.type === filter.routeTableType)
    .filter((t) => filter.vSwitchId === undefined || t.vSwitchIds.includes(filter.vSwitchId));
}

function viewEntry(ctx: StoreContext, entry: RouteEntryRecord): RouteEntryView {
  const { lifecycle: _lifecycle, ...fields } = entry;
  return { ...fields, status: statusAt(entry.lifecycle, ctx.now) };
}

export interface RouteEntryFilter {
  readonly regionId: string;
  readonly routeTableId: string;
  readonly routeEntryId?: string;
  readonly destinationCidrBlock?: string;
  readonly nextHopId?: string;
  readonly nextHopType?: string;
  readonly routeEntryType?: string;
  readonly routeEntryName?: string;
}

export function describeRouteEntries(ctx: StoreContext, filter: RouteEntryFilter): RouteEntryView[] {
  checkRegion(ctx, filter.regionId);
  getRouteTable(ctx, filter.routeTableId, filter.regionId);
  return Object.values(ctx.state.routeEntries)
    .filter((e) => e.routeTableId === filter.routeTableId)
    .filter((e) => filter.routeEntryId === undefined || e.id === filter.routeEntryId)
    .filter((e) => filter.destinationCidrBlock === undefined || e.destinationCidrBlock === filter.destinationCidrBlock)
    .filter((e) => filter.nextHopId === undefined || e.nextHopId === filter.nextHopId)
    .filter((e) => filter.nextHopType === undefined || e.nextHopType === filter.nextHopType)
    .filter((e) => filter.routeEntryType === undefined || e.type === filter.routeEntryType)
    .filter((e) => filter.routeEntryName === undefined || e.name === filter.routeEntryName)
    .map((e) => viewEntry(ctx, e));
}

export interface CreateRouteEntryInput {
  readonly regionId: string;
  readonly routeTableId: string;
  readonly destinationCidrBlock: string;
  readonly nextHopType: string;
  readonly nextHopId: string;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
}

/** Next hops the emulator models are checked; other types are stored as given (documented). */
function checkNextHop(ctx: StoreContext, input: CreateRouteEntryInput, vpcId: string): void {
  const what = `Next hop ${input.nextHopId}`;
  if (input.nextHopType === "NetworkInterface") {
    const eni = getEni(ctx, input.nextHopId, input.regionId);
    if (eni.vpcId !== vpcId) throw stateErrors.vpcMismatch(what, eni.vpcId, vpcId);
  } else if (input.nextHopType === "Instance") {
    const instance = getInstance(ctx, input.nextHopId, input.regionId);
    if (instance.vpcId !== vpcId) throw stateErrors.vpcMismatch(what, instance.vpcId, vpcId);
  }
}

/** Every rule of CreateRouteEntry; returns the table and the canonical destination. */
export function validateRouteEntry(ctx: StoreContext, input: CreateRouteEntryInput): { table: RouteTableView; canonical: string } {
  checkRegion(ctx, input.regionId);
  const table = getRouteTable(ctx, input.routeTableId, input.regionId);
  const cidr = parseCidr(input.destinationCidrBlock);
  if (!cidr) throw invalidParameter("DestinationCidrBlock", input.destinationCidrBlock, "an IPv4 CIDR block with no host bits set, e.g. 0.0.0.0/0");
  const canonical = formatCidr(cidr);
  if (Object.values(ctx.state.routeEntries).some((e) => e.routeTableId === table.id && e.destinationCidrBlock === canonical)) {
    throw stateErrors.routeDuplicate(canonical, table.id);
  }
  checkNextHop(ctx, input, table.vpcId);
  return { table, canonical };
}

export function createRouteEntry(ctx: StoreContext, input: CreateRouteEntryInput): RouteEntryView {
  const { table, canonical } = validateRouteEntry(ctx, input);
  const { state, now } = ctx;
  const id = allocateId(state, "rte", input.regionId, (c) => c in state.routeEntries);
  const entry: RouteEntryRecord = {
    id, routeTableId: table.id, destinationCidrBlock: canonical, nextHopType: input.nextHopType, nextHopId: input.nextHopId,
    name: input.name ?? "", description: input.description ?? "", type: "Custom",
    lifecycle: transition(now, "Pending" as RouteEntryStatus, ["Available", ctx.transitions.routeEntryMs]), creationTime: now,
  };
  state.routeEntries[id] = entry;
  return viewEntry(ctx, entry);
}

export interface DeleteRouteEntryInput {
  readonly regionId: string;
  readonly routeEntryId?: string | undefined;
  readonly routeTableId?: string | undefined;
  readonly destinationCidrBlock?: string | undefined;
  readonly nextHopId?: string | undefined;
  readonly dryRun?: boolean;
}

export function deleteRouteEntry(ctx: StoreContext, input: DeleteRouteEntryInput): void {
  checkRegion(ctx, input.regionId);
  if (input.routeTableId !== undefined) getRouteTable(ctx, input.routeTableId, input.regionId);
  const entry = Object.values(ctx.state.routeEntries).find((e) =>
    (input.routeEntryId === undefined || e.id === input.routeEntryId) &&
    (input.routeTableId === undefined || e.routeTableId === input.routeTableId) &&
    (input.destinationCidrBlock === undefined || e.destinationCidrBlock === input.destinationCidrBlock) &&
    (input.nextHopId === undefined || e.nextHopId === input.nextHopId));
  const what = input.routeEntryId ?? `${input.routeTableId ?? "?"} ${input.destinationCidrBlock ?? "?"}`;
  if (!entry || getRouteTable(ctx, entry.routeTableId).regionId !== input.regionId) throw stateErrors.routeEntryNotFound(what);
  if (entry.type === "System") throw invalidParameter("RouteEntryId", entry.id, "a Custom route entry (System entries come with the VPC)");
  const status = statusAt(entry.lifecycle, ctx.now);
  if (status !== "Available") throw stateErrors.routeEntryStatus(entry.id, status);
  if (input.dryRun) return;
  delete ctx.state.routeEntries[entry.id];
}
