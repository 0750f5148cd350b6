import { providerError } from "./errors";

/** What a status means for the state being waited for. */
export type WaitVerdict =
  | { readonly kind: "done" }
  | { readonly kind: "wait" }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "unknown" };

const DONE: WaitVerdict = { kind: "done" };
const WAIT: WaitVerdict = { kind: "wait" };
const UNKNOWN: WaitVerdict = { kind: "unknown" };
const failed = (reason: string): WaitVerdict => ({ kind: "failed", reason });

/** `undefined` status = the resource is gone (describe found nothing). */
export type ObservedStatus = string | undefined;

export type EniTarget = "Available" | "InUse" | "Deleted";
export type InstanceTarget = "Running" | "Stopped" | "Deleted";
export type RouteEntryTarget = "Available" | "Deleted";

const ENI_STATUSES = ["Available", "Attaching", "InUse", "Detaching", "Deleting", "Creating"] as const;
const INSTANCE_STATUSES = ["Pending", "Starting", "Running", "Stopping", "Stopped"] as const;
const ROUTE_ENTRY_STATUSES = ["Pending", "Available", "Modifying", "Deleting"] as const;

function known(statuses: readonly string[], status: string): boolean {
  return statuses.includes(status);
}

/**
 * ENI lifecycle: create is synchronous (Available); attach Available -> Attaching -> InUse;
 * detach InUse -> Detaching -> Available; delete needs Available. Right after an attach/detach
 * call the old status may still be reported (eventual consistency), so it means "keep waiting",
 * bounded by the wait timeout.
 */
export function classifyEniStatus(status: ObservedStatus, target: EniTarget): WaitVerdict {
  if (status === undefined) return target === "Deleted" ? DONE : failed("it no longer exists");
  if (!known(ENI_STATUSES, status)) return UNKNOWN;
  switch (target) {
    case "Available":
      return status === "Available" ? DONE : status === "Deleting" ? failed("it is being deleted") : WAIT;
    case "InUse":
      return status === "InUse" ? DONE : status === "Deleting" ? failed("it is being deleted") : WAIT;
    case "Deleted":
      return WAIT;
    default:
      return assertNever(target);
  }
}

export function classifyInstanceStatus(status: ObservedStatus, target: InstanceTarget): WaitVerdict {
  if (status === undefined) return target === "Deleted" ? DONE : failed("it no longer exists");
  if (!known(INSTANCE_STATUSES, status)) return UNKNOWN;
  switch (target) {
    case "Running":
      if (status === "Running") return DONE;
      return status === "Pending" || status === "Starting" ? WAIT : failed(`it went ${status} instead of starting`);
    case "Stopped":
      return status === "Stopped" ? DONE : WAIT;
    case "Deleted":
      return WAIT;
    default:
      return assertNever(target);
  }
}

export function classifyRouteEntryStatus(status: ObservedStatus, target: RouteEntryTarget): WaitVerdict {
  if (status === undefined) return target === "Deleted" ? DONE : failed("it no longer exists");
  if (!known(ROUTE_ENTRY_STATUSES, status)) return UNKNOWN;
  switch (target) {
    case "Available":
      return status === "Available" ? DONE : status === "Deleting" ? failed("it is being deleted") : WAIT;
    case "Deleted":
      return WAIT;
    default:
      return assertNever(target);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled wait target ${String(value)}`);
}

export interface WaitClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface WaitOptions {
  /** e.g. "ENI eni-123" */
  readonly what: string;
  readonly target: string;
  readonly describe: () => Promise<ObservedStatus>;
  readonly classify: (status: ObservedStatus) => WaitVerdict;
  readonly timeoutMs: number;
  /** First poll interval; grows by half each poll up to maxIntervalMs. */
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
  readonly clock: WaitClock;
}

export const DEFAULT_WAIT = { timeoutMs: 120_000, intervalMs: 200, maxIntervalMs: 2_000 } as const;

/** Polls until the classifier says done; a failed or unknown status, or the timeout, throws. */
export async function waitForStatus(options: WaitOptions): Promise<ObservedStatus> {
  const started = options.clock.now();
  let interval = options.intervalMs;
  for (;;) {
    const status = await options.describe();
    const verdict = options.classify(status);
    switch (verdict.kind) {
      case "done":
        return status;
      case "failed":
        throw providerError("UnexpectedStatus", `${options.what} will not become ${options.target}: ${verdict.reason} (status ${status ?? "gone"})`, options.what);
      case "unknown":
        throw providerError("UnexpectedStatus", `${options.what} has status "${status}", which is not a known status; stopped waiting for ${options.target}`, options.what);
      case "wait":
        break;
      default:
        assertNever(verdict);
    }
    const elapsed = options.clock.now() - started;
    if (elapsed >= options.timeoutMs) {
      throw providerError("WaitTimeout", `${options.what} still ${status ?? "gone"} after ${Math.round(elapsed / 1000)} s (waiting for ${options.target})`, options.what);
    }
    await options.clock.sleep(Math.min(interval, options.timeoutMs - elapsed));
    interval = Math.min(options.maxIntervalMs, Math.round(interval * 1.5));
  }
}
