/**
 * Asynchronous transitions, modelled lazily: a record keeps the statuses it will pass through,
 * each with the time it starts, and its status is a pure function of the clock. Nothing runs in
 * the background, so a snapshot restored later (or a test with a fake clock) sees exactly the
 * status the cloud would show at that moment.
 */
export interface Step<S extends string> {
  readonly status: S;
  /** Epoch ms at which this status begins. */
  readonly at: number;
}

/** Steps in time order; the first one is the status at creation. */
export type Timeline<S extends string> = readonly Step<S>[];

export function statusAt<S extends string>(timeline: Timeline<S>, now: number): S {
  let current = timeline[0];
  if (!current) throw new Error("a timeline needs at least one step");
  for (const step of timeline) {
    if (step.at > now) break;
    current = step;
  }
  return current.status;
}

/** True when no step lies in the future: the record rests in its status. */
export function isSettled<S extends string>(timeline: Timeline<S>, now: number): boolean {
  const last = timeline[timeline.length - 1];
  return last === undefined || last.at <= now;
}

/** Starts a new chain of statuses at `now`: `[first, ...then]`, each after its duration. */
export function transition<S extends string>(now: number, first: S, ...then: readonly [S, number][]): Step<S>[] {
  const steps: Step<S>[] = [{ status: first, at: now }];
  let at = now;
  for (const [status, durationMs] of then) {
    at += durationMs;
    steps.push({ status, at });
  }
  return steps;
}
