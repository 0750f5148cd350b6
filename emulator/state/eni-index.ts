import type { EniRecord, StoreState } from "./records";

/**
 * Creation-ordered ENI lists by region, VPC and vSwitch, so a describe does not walk (and
 * Object.values-copy) every ENI of the state. Built lazily from the state on first use, kept up
 * to date by `indexAddedEni` and dropped by `indexRemovedEni`: every place that adds or removes
 * an ENI record calls one of them. Region, VPC and vSwitch of an ENI never change, so these
 * lists never need re-sorting. Keyed by the state object, so a restored state gets its own.
 */
interface EniIndex {
  readonly byRegion: Map<string, EniRecord[]>;
  readonly byVpc: Map<string, EniRecord[]>;
  readonly byVSwitch: Map<string, EniRecord[]>;
}

const indexes = new WeakMap<StoreState, EniIndex>();
const EMPTY: readonly EniRecord[] = [];

/** Region and resource ids cannot contain NUL, so the joined key is unambiguous. */
const key = (regionId: string, id: string): string => regionId + "\u0000" + id;

function push(map: Map<string, EniRecord[]>, k: string, eni: EniRecord): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [eni]);
  else list.push(eni);
}

function add(index: EniIndex, eni: EniRecord): void {
  push(index.byRegion, eni.regionId, eni);
  push(index.byVpc, key(eni.regionId, eni.vpcId), eni);
  push(index.byVSwitch, key(eni.regionId, eni.vSwitchId), eni);
}

function indexOf(state: StoreState): EniIndex {
  let index = indexes.get(state);
  if (index === undefined) {
    index = { byRegion: new Map(), byVpc: new Map(), byVSwitch: new Map() };
    // Object.values follows insertion order for these non-numeric keys: creation order.
    for (const eni of Object.values(state.networkInterfaces)) add(index, eni);
    indexes.set(state, index);
  }
  return index;
}

/** Call right after `state.networkInterfaces[id] = eni` for a new id (appended: creation order). */
export function indexAddedEni(state: StoreState, eni: EniRecord): void {
  const index = indexes.get(state);
  if (index !== undefined) add(index, eni);
}

/** Call after deleting ENI records; the index is rebuilt on the next read (deletes are rare). */
export function indexRemovedEni(state: StoreState): void {
  indexes.delete(state);
}

/** ENIs of a region, optionally only one VPC's or one vSwitch's, in creation order. Do not mutate. */
export function indexedEnis(state: StoreState, regionId: string, scope?: { vpcId?: string | undefined; vSwitchId?: string | undefined }): readonly EniRecord[] {
  const index = indexOf(state);
  const list = scope?.vSwitchId !== undefined
    ? index.byVSwitch.get(key(regionId, scope.vSwitchId))
    : scope?.vpcId !== undefined
      ? index.byVpc.get(key(regionId, scope.vpcId))
      : index.byRegion.get(regionId);
  return list ?? EMPTY;
}
