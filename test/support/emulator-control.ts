import type { RequestLogEntry } from "../../emulator/http/request-log";
import type { FaultStatus } from "../../emulator/faults/fault-injector";

/** Helpers for the emulator's unauthenticated loopback control endpoints (/__emulator/*). */
interface ControlTarget {
  readonly url: string;
}

async function control<T>(target: ControlTarget, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${target.url}/__emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} /__emulator/${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The request log, optionally only one action: count API calls with `.length`. */
export async function requestLog(target: ControlTarget, action?: string): Promise<RequestLogEntry[]> {
  const query = action === undefined ? "" : `?action=${encodeURIComponent(action)}`;
  return (await control<{ requests: RequestLogEntry[] }>(target, "GET", `requests${query}`)).requests;
}

export const clearRequestLog = async (target: ControlTarget): Promise<void> => {
  await control(target, "DELETE", "requests");
};

/** Replaces the fault rules (the `--faults` grammar). */
export const setFaults = (target: ControlTarget, spec: string): Promise<FaultStatus> =>
  control<FaultStatus>(target, "PUT", "faults", { spec });

export const clearFaults = (target: ControlTarget): Promise<FaultStatus> => control<FaultStatus>(target, "DELETE", "faults");

export const getFaults = (target: ControlTarget): Promise<FaultStatus> => control<FaultStatus>(target, "GET", "faults");

/** The store snapshot (GET /__emulator/state), untyped on purpose: tests look at what they need. */
export const stateSnapshot = (target: ControlTarget): Promise<Record<string, unknown>> =>
  control<Record<string, unknown>>(target, "GET", "state");
