/**
 * Patterns in a serialized provider that load fine in the host and then break at run time.
 * Pulumi's closure serializer copies a captured object property by property; for a Map, Set,
 * WeakMap or WeakSet it produces a plain object (or an empty `Object.create(X.prototype)`) that
 * borrows the prototype's methods, and the first `.has()`/`.get()` in the host throws
 * "Method Set.prototype.has called on incompatible receiver". Real Pulumi does not warn; this does.
 */
import * as anyProto from "google-protobuf/google/protobuf/any_pb";
import * as provProto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";
import { toStruct } from "./property-values";
import type { PropertyMap } from "./property-values";

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

/**
 * The host sends "created but failed to initialize" as a pulumirpc.ErrorResourceInitFailed in the
 * `grpc-status-details-bin` trailer, base64-encoded, and Node's HTTP/2 refuses to send a header
 * block over 64 KiB (maxSendHeaderBlockLength): the call is then never answered, and the engine
 * never learns the id. The properties must carry `__provider` (the host's delete needs it), so
 * the serialized provider itself must stay well below that.
 */
export const HOST_MAX_HEADER_BLOCK_BYTES = 64 * 1024;
/**
 * The limit applies after HPACK's Huffman coding, which takes base64 text to roughly 6 bits a
 * character (measured: 85,495 base64 characters of padding still went through, 88,161 did not).
 * Real properties compress less well, so this budget keeps a margin.
 */
export const SAFE_INIT_FAILURE_TRAILER_CHARS = 80_000;

/** Bytes of the trailer the host would send for an init failure with these properties. */
export function initFailureTrailerBytes(id: string, properties: PropertyMap, reasons: readonly string[] = []): number {
  const detail = new provProto.ErrorResourceInitFailed().setId(id).setProperties(toStruct(properties)).setReasonsList([...reasons]);
  const packed = new anyProto.Any();
  packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusProto.Status().setCode(2).setMessage("").addDetails(packed);
  return Buffer.from(status.serializeBinary()).toString("base64").length + "grpc-status-details-bin".length;
}
