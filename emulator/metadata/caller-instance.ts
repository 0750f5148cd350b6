import type { InstanceView } from "../state/instances";
import { MetadataError } from "./metadata-errors";

/**
 * The real service knows the asking instance from the packet's source address. Locally every
 * caller is 127.0.0.1, so the caller names itself with one of these headers.
 */
export const INSTANCE_ID_HEADER = "x-emulator-instance-id";
export const SOURCE_IP_HEADER = "x-emulator-source-ip";

export interface CallerHints {
  /** `X-Emulator-Instance-Id`, wins when given. */
  readonly instanceId?: string | undefined;
  /** `X-Emulator-Source-Ip`: a private IP of one of the instance's ENIs. */
  readonly sourceIp?: string | undefined;
}

const HOW_TO_NAME = `name the instance with the header X-Emulator-Instance-Id: <instance id>, or give one of its ENI's private IPs in X-Emulator-Source-Ip: <ip>; without either, the emulator answers only when exactly one instance is Running`;

function owns(instance: InstanceView, ip: string): boolean {
  return instance.networkInterfaces.some((e) => e.primaryIpAddress === ip || e.secondaryIpAddresses.includes(ip));
}

function mustBeRunning(instance: InstanceView): InstanceView {
  if (instance.status !== "Running") {
    throw new MetadataError("INSTANCE_NOT_RUNNING", `instance ${instance.id} is ${instance.status}; only a Running instance can reach its metadata service.`);
  }
  return instance;
}

/** Picks the asking instance among `instances` (all of the store's); throws MetadataError. Pure. */
export function resolveCallerInstance(instances: readonly InstanceView[], hints: CallerHints): InstanceView {
  if (hints.instanceId !== undefined) {
    const found = instances.find((i) => i.id === hints.instanceId);
    if (found === undefined) throw new MetadataError("CALLER_UNKNOWN", `X-Emulator-Instance-Id "${hints.instanceId}" names no instance of the emulator.`);
    return mustBeRunning(found);
  }
  if (hints.sourceIp !== undefined) {
    const found = instances.find((i) => owns(i, hints.sourceIp!));
    if (found === undefined) {
      throw new MetadataError("CALLER_UNKNOWN", `X-Emulator-Source-Ip "${hints.sourceIp}" is not a private IP of any ENI attached to an instance.`);
    }
    return mustBeRunning(found);
  }
  const running = instances.filter((i) => i.status === "Running");
  if (running.length === 1) return running[0]!;
  const which = running.length === 0 ? "no instance is Running" : `${running.length} instances are Running (${running.slice(0, 5).map((i) => i.id).join(", ")}${running.length > 5 ? ", ..." : ""})`;
  throw new MetadataError("CALLER_AMBIGUOUS", `cannot tell which instance is asking: ${which}; ${HOW_TO_NAME}.`);
}

/** A header's single value (a repeated header counts as its first value). */
export function headerValue(value: string | readonly string[] | undefined): string | undefined {
  const first = typeof value === "string" ? value : value?.[0];
  const trimmed = first?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
