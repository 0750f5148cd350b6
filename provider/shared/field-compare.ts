import { isUnknown } from "./unknown-value";

/**
 * Comparisons used by every diff. Each takes the new input (possibly the preview sentinel) and the
 * old output. An unset optional input means "not managed": never a change. An unknown input is a
 * change, because it may turn out to differ (the engine shows it as such in preview).
 */
export function optionalChanged<T>(desired: T | undefined, actual: T | undefined): boolean {
  if (desired === undefined) return false;
  if (isUnknown(desired)) return true;
  return desired !== actual;
}

export function requiredChanged<T>(desired: T, actual: T): boolean {
  if (isUnknown(desired)) return true;
  return desired !== actual;
}

export function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

export function listChanged(desired: readonly string[] | undefined, actual: readonly string[] | undefined): boolean {
  if (desired === undefined) return false;
  if (isUnknown(desired) || desired.some(isUnknown)) return true;
  return !sameSet(desired, actual);
}

/** Empty string and undefined both mean "none" (the cloud returns "" for a detached ENI's InstanceId). */
export function normalizeOptionalId(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
