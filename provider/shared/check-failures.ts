/** Same shape as pulumi.dynamic.CheckFailure; declared here so provider code needs no runtime import of @pulumi/pulumi. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
