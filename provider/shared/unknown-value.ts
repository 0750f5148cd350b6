/**
 * During `pulumi preview`, inputs whose values are not yet known (another resource's output that
 * does not exist yet) reach a dynamic provider's check and diff as this sentinel string. It is the
 * value of `unknownValue` in @pulumi/pulumi/runtime/rpc; it is copied here rather than imported so
 * that the serialized provider does not capture the Pulumi runtime module.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** True when the value, or anything nested in it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
