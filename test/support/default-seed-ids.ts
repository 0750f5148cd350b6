import { DEFAULT_SEED } from "../../emulator/state/seed";

/** Names of the default seed's resources, read from the seed so tests follow it. */
function byName<T extends { name: string; id: string }>(list: readonly T[], name: string, vpcName = "main"): string {
  const vpcId = DEFAULT_SEED.vpcs.find((v) => v.name === vpcName)?.id;
  const found = list.find((item) => item.name === name && (!("vpcId" in item) || (item as { vpcId?: string }).vpcId === vpcId));
  if (!found) throw new Error(`default seed has no ${name} in VPC ${vpcName}`);
  return found.id;
}

export const REGION = "cn-hangzhou";
export const MUMBAI = "ap-south-1";
export const VPC_MAIN = byName(DEFAULT_SEED.vpcs, "main");
export const VPC_OTHER = byName(DEFAULT_SEED.vpcs, "other", "other");
export const VSW_PUBLIC = byName(DEFAULT_SEED.vSwitches, "public");
export const VSW_PRIVATE = byName(DEFAULT_SEED.vSwitches, "private");
export const VSW_ZONE_I = byName(DEFAULT_SEED.vSwitches, "private-i");
export const VSW_TINY = byName(DEFAULT_SEED.vSwitches, "tiny");
export const VSW_OTHER = byName(DEFAULT_SEED.vSwitches, "other", "other");
export const VSW_MUMBAI = byName(DEFAULT_SEED.vSwitches, "mumbai", "mumbai");
export const SG_WEB = byName(DEFAULT_SEED.securityGroups, "web");
export const SG_NAT = byName(DEFAULT_SEED.securityGroups, "nat");
export const SG_OTHER = byName(DEFAULT_SEED.securityGroups, "other", "other");
export const SG_MUMBAI = byName(DEFAULT_SEED.securityGroups, "mumbai", "mumbai");
export const VTB_PRIVATE = byName(DEFAULT_SEED.routeTables, "private");
export const VTB_OTHER = byName(DEFAULT_SEED.routeTables, "system", "other");
export const IMAGE = DEFAULT_SEED.images[0]!.id;

/** Short transitions: enough to observe the intermediate status, fast enough for tests. */
export const FAST = { eniAttachMs: 250, eniDetachMs: 250, instanceCreateMs: 150, instanceStartMs: 250, instanceStopMs: 250, routeEntryMs: 250 };

/** Near-instant transitions, for tests that drive whole lifecycles through the provider host. */
export const QUICK_TRANSITIONS = { eniAttachMs: 30, eniDetachMs: 30, instanceCreateMs: 20, instanceStartMs: 20, instanceStopMs: 20, routeEntryMs: 20 };

/** Polls `read` until `done` holds, bounded (never spins forever). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs `call` and returns the SDK error's code and HTTP status (fails if it succeeds). */
export async function apiError(call: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; statusCode?: number; message?: string; data?: { statusCode?: number } };
    return { code: String(e.code), status: Number(e.statusCode ?? e.data?.statusCode), message: String(e.message) };
  }
  throw new Error("expected the call to fail");
}
