import { ApiError } from "../../../../emulator/errors";
import { DEFAULT_SEED } from "../../../../emulator/state/seed";
import type { Seed } from "../../../../emulator/state/seed";
import { EmulatorStore } from "../../../../emulator/state/store";
import type { LaunchInput } from "../../../../emulator/state/instances";

export const REGION = "cn-hangzhou";
const vsw = (name: string) => DEFAULT_SEED.vSwitches.find((s) => s.name === name)!.id;
const sg = (name: string) => DEFAULT_SEED.securityGroups.find((g) => g.name === name)!.id;
export const VSW = { private: vsw("private"), public: vsw("public"), zoneI: vsw("private-i"), tiny: vsw("tiny"), other: vsw("other"), mumbai: vsw("mumbai") };
export const SG = { web: sg("web"), nat: sg("nat"), other: sg("other"), mumbai: sg("mumbai") };
export const DURATIONS = { eniAttachMs: 100, eniDetachMs: 100, instanceCreateMs: 100, instanceStartMs: 100, instanceStopMs: 100, routeEntryMs: 100 };

/** A store on a hand-driven clock: `clock.t` is now, `advance` moves it. */
export function makeStore(seed: Seed = DEFAULT_SEED) {
  const clock = { t: 1_700_000_000_000 };
  const store = EmulatorStore.fromSeed(seed, { now: () => clock.t, transitions: DURATIONS, salt: "unit" });
  return { store, clock, advance: (ms: number) => { clock.t += ms; } };
}

export function eniInput(extra: Record<string, unknown> = {}) {
  return { regionId: REGION, vSwitchId: VSW.private, securityGroupIds: [SG.web], ...extra };
}

export function launchInput(extra: Partial<LaunchInput> = {}): LaunchInput {
  return {
    regionId: REGION, imageId: DEFAULT_SEED.images[0]!.id, instanceType: "ecs.g7.large", vSwitchId: VSW.private,
    securityGroupIds: [SG.web], amount: 1, tags: [], metadataOptions: {}, networkInterfaces: [], dryRun: false, start: true, ...extra,
  };
}

/** The ApiError code a call throws (fails the test when it does not throw one). */
export function codeOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  throw new Error("expected an ApiError");
}
