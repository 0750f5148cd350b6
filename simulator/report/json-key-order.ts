/**
 * Stable key order for JSON output. Objects are rebuilt with their declared keys first, in the
 * declared order, then any further keys (compatible extensions by other parts) in sorted order, so
 * the bytes of a report never depend on how the evaluator happened to build its objects.
 */

export interface KeyShape {
  /** Declared keys, in output order. */
  readonly keys: readonly string[];
  /** Shapes of nested values by key; an array value applies the shape to each element. */
  readonly nested?: Readonly<Record<string, KeyShape>>;
}

/** No declared keys: every key sorted, recursively (free-form `metadata`, unknown extensions). */
export const SORTED: KeyShape = { keys: [] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function orderKeys(value: unknown, shape: KeyShape): unknown {
  if (Array.isArray(value)) return value.map((v) => orderKeys(v, shape));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const declared = new Set(shape.keys);
  const extra = Object.keys(value)
    .filter((k) => !declared.has(k))
    .sort();
  for (const key of [...shape.keys, ...extra]) {
    const v = value[key];
    if (v === undefined) continue;
    out[key] = orderKeys(v, shape.nested?.[key] ?? SORTED);
  }
  return out;
}
