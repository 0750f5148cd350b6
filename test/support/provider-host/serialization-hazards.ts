/**
 * Patterns in a serialized provider that load fine in the host and then break at run time.
 * Pulumi's closure serializer copies a captured object property by property; for a Map, Set,
 * WeakMap or WeakSet it produces a plain object (or an empty `Object.create(X.prototype)`) that
 * borrows the prototype's methods, and the first `.has()`/`.get()` in the host throws
 * "Method Set.prototype.has called on incompatible receiver". Real Pulumi does not warn; this does.
 */
export type HazardKind = "captured-collection";

export interface SerializationHazard {
  readonly kind: HazardKind;
  /** The captured variable as the serializer named it (e.g. `__LOOPBACK_HOSTS`). */
  readonly variable: string;
  /** Map, Set, WeakMap or WeakSet. */
  readonly collection: string;
  /** The offending line, shortened. */
  readonly excerpt: string;
}

const COLLECTION = /global\.(Map|Set|WeakMap|WeakSet)\.prototype/;
const DEFINE_ON = /Object\.defineProperty\((\w+),/;
const ASSIGNED = /var (\w+) = Object\.create\(/;

export function findSerializationHazards(text: string): SerializationHazard[] {
  const hazards = new Map<string, SerializationHazard>();
  for (const line of text.split("\n")) {
    const collection = COLLECTION.exec(line)?.[1];
    if (collection === undefined) continue;
    const variable = DEFINE_ON.exec(line)?.[1] ?? ASSIGNED.exec(line)?.[1] ?? "(unnamed)";
    if (!hazards.has(variable)) {
      hazards.set(variable, { kind: "captured-collection", variable, collection, excerpt: line.trim().slice(0, 160) });
    }
  }
  return [...hazards.values()];
}

/** One line per hazard, naming the variable to look for in the provider's source. */
export function describeHazards(hazards: readonly SerializationHazard[]): string {
  return hazards
    .map((h) => `${h.variable.replace(/^__/, "")}: a module-level ${h.collection} captured into the provider (rebuilt as a plain object in the host; use an array or object)`)
    .join("\n");
}
