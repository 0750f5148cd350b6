import type { StoreState } from "./records";
import type { TransitionDurations } from "./transitions";

/** What every store verb works on: the state, the moment of the request and the durations. */
export interface StoreContext {
  readonly state: StoreState;
  /** Read once per verb, so one request sees one instant. */
  readonly now: number;
  readonly transitions: TransitionDurations;
}
