import EcsClient from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import VpcClient from "@alicloud/vpc20160428";
import { afterAll, beforeAll } from "vitest";
import { startEmulator } from "../../emulator/server";
import type { RunningEmulator, StartEmulatorOptions } from "../../emulator/server";

/** What a client needs to know about an emulator (a RunningEmulator fits). */
export interface EmulatorTarget {
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly regionId: string;
}

/** Config fields a test may override, e.g. a wrong secret, `signatureAlgorithm: "v2"` (legacy HMAC-SHA1) or timeouts. */
export interface ClientOverrides {
  accessKeyId?: string;
  accessKeySecret?: string;
  regionId?: string;
  readTimeout?: number;
  connectTimeout?: number;
  signatureAlgorithm?: string;
  /** Extra headers/queries on every call (e.g. a fixed `x-acs-signature-nonce` to test replays). */
  globalParameters?: $OpenApiUtil.GlobalParameters;
}

/** The official SDK's Config pointed at the emulator over plain HTTP. */
export function sdkConfig(emulator: EmulatorTarget, overrides: ClientOverrides = {}): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: emulator.credentials.accessKeyId,
    accessKeySecret: emulator.credentials.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: "http",
    regionId: emulator.regionId,
    ...overrides,
  });
}

/** An unmodified @alicloud/ecs20140526 client talking to the emulator. */
export function ecsClient(emulator: EmulatorTarget, overrides: ClientOverrides = {}): EcsClient {
  return new EcsClient(sdkConfig(emulator, overrides));
}

/** An unmodified @alicloud/vpc20160428 client talking to the emulator. */
export function vpcClient(emulator: EmulatorTarget, overrides: ClientOverrides = {}): VpcClient {
  return new VpcClient(sdkConfig(emulator, overrides));
}

export interface EmulatorFixture {
  /** The running emulator; only valid inside tests (after beforeAll). */
  readonly emulator: RunningEmulator;
  /** ECS client with the emulator's default pair. */
  readonly ecs: EcsClient;
  /** VPC client with the emulator's default pair. */
  readonly vpc: VpcClient;
}

/**
 * Starts an emulator before the file's (or describe block's) tests and closes it after:
 *
 *   const fx = withEmulator({ transitions: { eniAttachMs: 0 } });
 *   it("...", async () => { await fx.ecs.describeNetworkInterfaces(...); });
 */
export function withEmulator(options: StartEmulatorOptions = {}): EmulatorFixture {
  let running: { emulator: RunningEmulator; ecs: EcsClient; vpc: VpcClient } | undefined;
  beforeAll(async () => {
    const emulator = await startEmulator({ port: 0, ...options });
    running = { emulator, ecs: ecsClient(emulator), vpc: vpcClient(emulator) };
  });
  afterAll(async () => {
    await running?.emulator.close();
    running = undefined;
  });
  const get = (): NonNullable<typeof running> => {
    if (running === undefined) throw new Error("withEmulator(): the emulator is only available inside tests, after beforeAll ran");
    return running;
  };
  return {
    get emulator() {
      return get().emulator;
    },
    get ecs() {
      return get().ecs;
    },
    get vpc() {
      return get().vpc;
    },
  };
}
