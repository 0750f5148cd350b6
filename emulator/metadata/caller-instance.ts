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

function mustBeRunning(instance: InstanceView): InstanceView {
  if (instance.status !== "Running") {
    throw new MetadataError("INSTANCE_NOT_RUNNING", `instance ${instance.id} is ${instance.status}; only a Running instance can reach its metadata service.`);
  }
  return instance;
}

/**
 * How the resolver reads instances. Each question is narrow so the store can answer it without
 * building a view of every instance on every metadata request.
 */
export interface InstanceDirectory {
  byId(id: string): InstanceView | undefined;
  /** Instances with an attached ENI holding `ip` (primary or secondary). VPCs may overlap, so several. */
  byPrivateIp(ip: string): readonly InstanceView[];
  /** How many instances are Running, and up to `sample` of them. */
  running(sample: number): { readonly total: number; readonly sample: readonly InstanceView[] };
}

function owns(instance: InstanceView, ip: string): boolean {
  return instance.networkInterfaces.some((e) => e.primaryIpAddress === ip || e.secondaryIpAddresses.includes(ip));
}

/** A directory over a fixed list (tests, small worlds). */
export function listDirectory(instances: readonly InstanceView[]): InstanceDirectory {
  return {
    byId: (id) => instances.find((i) => i.id === id),
    byPrivateIp: (ip) => instances.filter((i) => owns(i, ip)),
    running: (sample) => {
      const running = instances.filter((i) => i.status === "Running");
      return { total: running.length, sample: running.slice(0, sample) };
    },
  };
}

const SAMPLE = 5;

function idList(instances: readonly InstanceView[], total: number): string {
  return `${instances.map((i) => i.id).join(", ")}${total > instances.length ? ", ..." : ""}`;
}

/** Picks the asking instance; throws MetadataError. Pure over the directory it is given. */
export function resolveCallerInstance(directory: InstanceDirectory, hints: CallerHints): InstanceView {
  if (hints.instanceId !== undefined) {
    const found = directory.byId(hints.instanceId);
    if (found === undefined) throw new MetadataError("CALLER_UNKNOWN", `X-Emulator-Instance-Id "${hints.instanceId}" names no instance of the emulator.`);
    return mustBeRunning(found);
  }
  if (hints.sourceIp !== undefined) {
    const found = directory.byPrivateIp(hints.sourceIp);
    if (found.length === 0) {
      throw new MetadataError("CALLER_UNKNOWN", `X-Emulator-Source-Ip "${hints.sourceIp}" is not a private IP of any ENI attached to an instance.`);
    }
    if (found.length > 1) {
      // The cloud tells them apart by VPC; a bare IP cannot.
      throw new MetadataError("CALLER_AMBIGUOUS", `X-Emulator-Source-Ip "${hints.sourceIp}" belongs to ENIs of ${found.length} instances in different VPCs (${idList(found.slice(0, SAMPLE), found.length)}); name one with X-Emulator-Instance-Id.`);
    }
    return mustBeRunning(found[0]!);
  }
  const running = directory.running(SAMPLE);
  if (running.total === 1) return running.sample[0]!;
  const which = running.total === 0 ? "no instance is Running" : `${running.total} instances are Running (${idList(running.sample, running.total)})`;
  throw new MetadataError("CALLER_AMBIGUOUS", `cannot tell which instance is asking: ${which}; ${HOW_TO_NAME}.`);
}

/** A header's single value (a repeated header counts as its first value). */
export function headerValue(value: string | readonly string[] | undefined): string | undefined {
  const first = typeof value === "string" ? value : value?.[0];
  const trimmed = first?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
