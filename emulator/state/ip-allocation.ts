import { formatIpv4, isUsableHost, parseCidr, parseIpv4, usableRange } from "./ipv4";
import type { StoreContext } from "./store-context";
import type { SeedVSwitch } from "./seed";
import { stateErrors } from "./state-errors";

/** Every private IP held in a vSwitch, by any ENI (primary and secondary addresses). */
export function usedAddresses(ctx: StoreContext, vSwitchId: string): Set<string> {
  const used = new Set<string>();
  for (const eni of Object.values(ctx.state.networkInterfaces)) {
    if (eni.vSwitchId !== vSwitchId) continue;
    used.add(eni.primaryIpAddress);
    for (const ip of eni.secondaryIpAddresses) used.add(ip);
  }
  return used;
}

/**
 * Plans addresses for one request before anything is mutated, so a request that fails half-way
 * changes nothing. `reserved` holds what the request already took (and what the vSwitch holds).
 */
export class IpPlanner {
  private readonly reserved = new Map<string, Set<string>>();

  constructor(private readonly ctx: StoreContext) {}

  private taken(vSwitchId: string): Set<string> {
    let set = this.reserved.get(vSwitchId);
    if (!set) {
      set = usedAddresses(this.ctx, vSwitchId);
      this.reserved.set(vSwitchId, set);
    }
    return set;
  }

  /** Takes a caller-chosen address: inside the vSwitch's assignable range and free. */
  explicit(vsw: SeedVSwitch, ip: string, param: string): string {
    const cidr = parseCidr(vsw.cidrBlock)!;
    const value = parseIpv4(ip);
    if (value === undefined || !isUsableHost(cidr, value)) throw stateErrors.ipOutsideCidr(param, ip, vsw.id, vsw.cidrBlock);
    const canonical = formatIpv4(value);
    const taken = this.taken(vsw.id);
    if (taken.has(canonical)) throw stateErrors.ipDuplicated(canonical);
    taken.add(canonical);
    return canonical;
  }

  /** Takes the lowest free addresses, as the cloud hands them out. */
  next(vsw: SeedVSwitch, count: number): string[] {
    const { first, last } = usableRange(parseCidr(vsw.cidrBlock)!);
    const taken = this.taken(vsw.id);
    const out: string[] = [];
    for (let value = first; value <= last && out.length < count; value++) {
      const ip = formatIpv4(value);
      if (!taken.has(ip)) out.push(ip);
    }
    if (out.length < count) throw stateErrors.ipNotEnough(vsw.id);
    for (const ip of out) taken.add(ip);
    return out;
  }
}
