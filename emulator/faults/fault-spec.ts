/**
 * The `--faults` grammar (docs/emulator.md has the user-facing version):
 *
 *   spec     := item (";" item)*                      blank items are ignored
 *   item     := "seed=" INT | rule
 *   rule     := targets ":" effect [trigger]
 *   targets  := "*" | ACTION ("," ACTION)*
 *   effect   := "latency=" DURATION | "throttle" ["=" DURATION] | "error500"
 *             | "timeout-after-commit" ["=" DURATION] | "reset" | "reset-after-commit"
 *   trigger  := "@" PROBABILITY (0 < p <= 1)  |  "#" COUNT (the next COUNT matching calls)
 *   DURATION := INT ("ms" | "s")
 *
 * e.g. `CreateNetworkInterface:throttle@0.3;*:latency=200ms;AttachNetworkInterface:timeout-after-commit=5000ms#1`
 */
export type FaultEffect =
  | { readonly kind: "latency"; readonly ms: number }
  | { readonly kind: "throttle"; readonly retryAfterMs: number }
  | { readonly kind: "error500" }
  | { readonly kind: "timeout-after-commit"; readonly ms: number }
  | { readonly kind: "reset" }
  | { readonly kind: "reset-after-commit" };

export type FaultTrigger =
  | { readonly kind: "always" }
  | { readonly kind: "probability"; readonly p: number }
  | { readonly kind: "next"; readonly count: number };

export interface FaultRule {
  /** `"*"` or the action names the rule applies to. */
  readonly actions: "*" | readonly string[];
  readonly effect: FaultEffect;
  readonly trigger: FaultTrigger;
}

export interface FaultSpec {
  readonly rules: readonly FaultRule[];
  /** Seed of the RNG behind `@p` triggers; absent means a random seed (reported by the control endpoint). */
  readonly seed?: number;
}

export const DEFAULT_THROTTLE_RETRY_AFTER_MS = 1000;
/** Past the official SDK's default 3000 ms read timeout. */
export const DEFAULT_TIMEOUT_AFTER_COMMIT_MS = 5000;
const MAX_DURATION_MS = 10 * 60 * 1000;

export class FaultSpecError extends Error {
  readonly code = "EMULATOR_BAD_FAULT_SPEC";
  constructor(
    /** The offending piece of the spec, quoted in the message. */
    readonly token: string,
    detail: string,
  ) {
    super(`Bad fault spec at "${token}": ${detail}`);
    this.name = "FaultSpecError";
  }
}

const ACTION_NAME = /^[A-Z][A-Za-z0-9]*$/;
const EFFECTS = "latency=DURATION, throttle[=DURATION], error500, timeout-after-commit[=DURATION], reset, reset-after-commit";

export function parseFaultSpec(text: string): FaultSpec {
  const rules: FaultRule[] = [];
  let seed: number | undefined;
  for (const raw of text.split(";")) {
    const item = raw.trim();
    if (item === "") continue;
    if (item.startsWith("seed=")) {
      const value = item.slice("seed=".length);
      if (!/^\d{1,15}$/.test(value)) throw new FaultSpecError(item, "seed must be a non-negative integer, e.g. seed=42.");
      seed = Number(value);
      continue;
    }
    rules.push(parseRule(item));
  }
  return seed === undefined ? { rules } : { rules, seed };
}

function parseRule(item: string): FaultRule {
  const colon = item.indexOf(":");
  if (colon < 0) throw new FaultSpecError(item, 'a rule is TARGETS:EFFECT[@p|#n], e.g. "CreateNetworkInterface:throttle@0.3".');
  const actions = parseTargets(item.slice(0, colon).trim(), item);
  const rest = item.slice(colon + 1).trim();
  const at = rest.search(/[@#]/);
  const effectText = at < 0 ? rest : rest.slice(0, at);
  const triggerText = at < 0 ? "" : rest.slice(at);
  return { actions, effect: parseEffect(effectText.trim()), trigger: parseTrigger(triggerText.trim()) };
}

function parseTargets(text: string, item: string): "*" | readonly string[] {
  if (text === "*") return "*";
  if (text === "") throw new FaultSpecError(item, 'the target is missing: use "*" or action names separated by ",".');
  const names = text.split(",").map((n) => n.trim());
  for (const name of names) {
    if (!ACTION_NAME.test(name)) {
      throw new FaultSpecError(name, 'a target is "*" or a PascalCase OpenAPI action name such as CreateNetworkInterface.');
    }
  }
  return names;
}

export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s)$/.exec(text);
  if (match === null) throw new FaultSpecError(text, 'a duration is a whole number with a unit, e.g. "200ms" or "5s".');
  const ms = Number(match[1]) * (match[2] === "s" ? 1000 : 1);
  if (ms > MAX_DURATION_MS) throw new FaultSpecError(text, `durations are at most ${MAX_DURATION_MS / 60_000} minutes.`);
  return ms;
}

function parseEffect(text: string): FaultEffect {
  const eq = text.indexOf("=");
  const name = eq < 0 ? text : text.slice(0, eq);
  const arg = eq < 0 ? undefined : text.slice(eq + 1);
  const noArgument = (): void => {
    if (arg !== undefined) throw new FaultSpecError(text, `"${name}" takes no value.`);
  };
  switch (name) {
    case "latency":
      if (arg === undefined) throw new FaultSpecError(text, 'latency needs a duration, e.g. "latency=200ms".');
      return { kind: "latency", ms: parseDuration(arg) };
    case "throttle":
      return { kind: "throttle", retryAfterMs: arg === undefined ? DEFAULT_THROTTLE_RETRY_AFTER_MS : parseDuration(arg) };
    case "error500":
      noArgument();
      return { kind: "error500" };
    case "timeout-after-commit":
      return { kind: "timeout-after-commit", ms: arg === undefined ? DEFAULT_TIMEOUT_AFTER_COMMIT_MS : parseDuration(arg) };
    case "reset":
      noArgument();
      return { kind: "reset" };
    case "reset-after-commit":
      noArgument();
      return { kind: "reset-after-commit" };
    default:
      throw new FaultSpecError(text === "" ? "(empty effect)" : text, `unknown effect; expected one of ${EFFECTS}.`);
  }
}

function parseTrigger(text: string): FaultTrigger {
  if (text === "") return { kind: "always" };
  const value = text.slice(1);
  if (text.startsWith("@")) {
    const p = /^(0|1)?(\.\d+)?$/.test(value) && value !== "" && value !== "." ? Number(value) : Number.NaN;
    if (!(p > 0 && p <= 1)) throw new FaultSpecError(text, 'a probability is a number with 0 < p <= 1, e.g. "@0.3".');
    return { kind: "probability", p };
  }
  const count = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= 1)) throw new FaultSpecError(text, 'a count is a whole number >= 1, e.g. "#2" for the next two calls.');
  return { kind: "next", count };
}

/** The canonical text of one rule (what the control endpoint shows). */
export function formatFaultRule(rule: FaultRule): string {
  const targets = rule.actions === "*" ? "*" : rule.actions.join(",");
  return `${targets}:${formatEffect(rule.effect)}${formatTrigger(rule.trigger)}`;
}

function formatEffect(effect: FaultEffect): string {
  switch (effect.kind) {
    case "latency":
      return `latency=${effect.ms}ms`;
    case "throttle":
      return `throttle=${effect.retryAfterMs}ms`;
    case "timeout-after-commit":
      return `timeout-after-commit=${effect.ms}ms`;
    case "error500":
    case "reset":
    case "reset-after-commit":
      return effect.kind;
    default: {
      const never: never = effect;
      return never;
    }
  }
}

function formatTrigger(trigger: FaultTrigger): string {
  switch (trigger.kind) {
    case "always":
      return "";
    case "probability":
      return `@${trigger.p}`;
    case "next":
      return `#${trigger.count}`;
    default: {
      const never: never = trigger;
      return never;
    }
  }
}
