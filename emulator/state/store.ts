import { randomBytes } from "node:crypto";
import type { StoreState } from "./records";
import { parseSeed } from "./seed-parser";
import type { Seed } from "./seed";
import { resolveTransitions } from "./transitions";
import type { TransitionDurations } from "./transitions";

export type { TransitionDurations } from "./transitions";

export interface StoreOptions {
  /** The clock (epoch ms); injected so lifecycles are deterministic in tests. */
  now?: () => number;
  transitions?: Partial<TransitionDurations>;
  /** Fixes the id/MAC derivation (random otherwise), for reproducible ids in tests. */
  salt?: string;
}

/** A plain-JSON copy of the whole state: id counters, client tokens and all. */
export type StoreSnapshot = StoreState;

export class EmulatorStore {
  readonly transitions: TransitionDurations;
  private readonly clock: () => number;

  private constructor(protected readonly state: StoreState, options: StoreOptions) {
    this.clock = options.now ?? Date.now;
    this.transitions = resolveTransitions(options.transitions);
  }

  static fromSeed(seed: Seed, options: StoreOptions = {}): EmulatorStore {
    const state: StoreState = {
      version: 1,
      seed: structuredClone(seed),
      salt: options.salt ?? randomBytes(8).toString("hex"),
      counters: { resource: 0, mac: 1 },
      networkInterfaces: {},
      instances: {},
      routeEntries: {},
      tags: {},
      clientTokens: {},
    };
    return new EmulatorStore(state, options);
  }

  /** Rebuilds a store from `snapshot()` output (e.g. read back from a --state file). */
  static restore(snapshot: StoreSnapshot, options: StoreOptions = {}): EmulatorStore {
    if (snapshot === null || typeof snapshot !== "object" || snapshot.version !== 1) {
      throw new TypeError("emulator state snapshot must be an object with version 1");
    }
    // The seed inside is re-validated so a hand-edited state file fails with a named field.
    parseSeed(snapshot.seed, "(state snapshot).seed");
    return new EmulatorStore(structuredClone(snapshot), options);
  }

  snapshot(): StoreSnapshot {
    return structuredClone(this.state);
  }

  now(): number {
    return this.clock();
  }
}
