/** How long each asynchronous transition takes. Small by default so tests stay fast. */
export interface TransitionDurations {
  /** Available -> Attaching -> InUse. */
  readonly eniAttachMs: number;
  /** InUse -> Detaching -> Available. */
  readonly eniDetachMs: number;
  /** Pending -> Starting, at creation. */
  readonly instanceCreateMs: number;
  /** Starting -> Running (also Stopped -> Starting -> Running). */
  readonly instanceStartMs: number;
  /** Running -> Stopping -> Stopped. */
  readonly instanceStopMs: number;
  /** Route entry Pending -> Available. */
  readonly routeEntryMs: number;
}

export const DEFAULT_TRANSITIONS: TransitionDurations = {
  eniAttachMs: 150,
  eniDetachMs: 150,
  instanceCreateMs: 100,
  instanceStartMs: 200,
  instanceStopMs: 200,
  routeEntryMs: 100,
};

export function resolveTransitions(overrides: Partial<TransitionDurations> = {}): TransitionDurations {
  const merged = { ...DEFAULT_TRANSITIONS, ...overrides };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`transition duration ${name} must be a non-negative number of ms, got ${String(value)}`);
    }
  }
  return merged;
}
