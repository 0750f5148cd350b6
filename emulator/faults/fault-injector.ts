import { formatFaultRule } from "./fault-spec";
import type { FaultEffect, FaultRule, FaultSpec } from "./fault-spec";
import { seededRandom } from "./seeded-random";

/** What happens to the call instead of (or after) a normal answer; at most one per call. */
export type FaultOutcome = Exclude<FaultEffect, { kind: "latency" }>;

export interface FaultDecision {
  /** Added delay before the call is processed (sum of every latency rule that fired). */
  readonly latencyMs: number;
  readonly outcome: FaultOutcome | null;
  /** For the request log, e.g. "latency=200ms,throttle". */
  readonly label: string;
}

export interface FaultRuleStatus {
  readonly rule: string;
  /** Calls left for a `#n` rule; null for the others. */
  readonly remaining: number | null;
}

export interface FaultStatus {
  readonly spec: string;
  readonly seed: number;
  readonly rules: readonly FaultRuleStatus[];
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/**
 * Decides, per API call, which faults fire. Lives at the HTTP edge: state never knows.
 * Rules are tried in spec order; every firing latency rule adds up, the first firing
 * non-latency rule wins and later ones are not tried (so their `#n` budgets are not spent).
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private seed = 0;
  private random: () => number = Math.random;

  constructor(spec?: FaultSpec) {
    this.set(spec ?? { rules: [] });
  }

  set(spec: FaultSpec): void {
    this.rules = spec.rules.map((rule) => ({ rule, remaining: rule.trigger.kind === "next" ? rule.trigger.count : -1 }));
    this.seed = spec.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.random = seededRandom(this.seed);
  }

  clear(): void {
    this.set({ rules: [] });
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  status(): FaultStatus {
    const rules = this.rules.map((r) => ({
      rule: formatFaultRule(r.rule),
      remaining: r.rule.trigger.kind === "next" ? r.remaining : null,
    }));
    return { spec: rules.map((r) => r.rule).join(";"), seed: this.seed, rules };
  }

  /** null when nothing fires (the common, allocation-free path). */
  decide(action: string): FaultDecision | null {
    if (this.rules.length === 0) return null;
    let latencyMs = 0;
    let outcome: FaultOutcome | null = null;
    const labels: string[] = [];
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.actions !== "*" && !rule.actions.includes(action)) continue;
      const isLatency = rule.effect.kind === "latency";
      if (!isLatency && outcome !== null) continue;
      if (!this.fires(active)) continue;
      const effect = rule.effect;
      if (effect.kind === "latency") {
        latencyMs += effect.ms;
        labels.push(`latency=${effect.ms}ms`);
      } else {
        outcome = effect;
        labels.push(effect.kind);
      }
    }
    if (labels.length === 0) return null;
    return { latencyMs, outcome, label: labels.join(",") };
  }

  private fires(active: ActiveRule): boolean {
    const trigger = active.rule.trigger;
    switch (trigger.kind) {
      case "always":
        return true;
      case "probability":
        return this.random() < trigger.p;
      case "next":
        if (active.remaining <= 0) return false;
        active.remaining -= 1;
        return true;
      default: {
        const never: never = trigger;
        return never;
      }
    }
  }
}
