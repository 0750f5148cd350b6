import type { $OpenApiUtil } from "@alicloud/openapi-core";
import { providerError } from "./errors";

/** Anything with Pulumi config's `get` (pulumi.dynamic.Config fits). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export type Protocol = "http" | "https";

export interface Endpoint {
  /** host[:port], as the SDK's Config wants it */
  readonly host: string;
  readonly protocol: Protocol;
}

/** Where and as whom to call; the keys are kept only in memory, for the duration of one call. */
export interface ProviderSettings {
  readonly region: string;
  readonly ecsEndpoint: Endpoint | undefined;
  readonly vpcEndpoint: Endpoint | undefined;
  /** Undefined: use the @alicloud/credentials default chain (env, profile, instance role, ...). */
  readonly accessKey: { readonly id: string; readonly secret: string; readonly securityToken: string | undefined } | undefined;
}

/** The Pulumi config keys @pulumi/alicloud uses, plus our two endpoints. */
export const CONFIG_KEYS = {
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
  region: "alicloud:region",
  ecsEndpoint: "alicloud:ecsEndpoint",
  vpcEndpoint: "alicloud:vpcEndpoint",
} as const;

export const ENV_KEYS = {
  region: "ALIBABA_CLOUD_REGION",
  ecsEndpoint: "ALIBABA_CLOUD_ECS_ENDPOINT",
  vpcEndpoint: "ALIBABA_CLOUD_VPC_ENDPOINT",
} as const;

/** An array, not a Set: a captured Set does not survive Pulumi's closure serializer. */
const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "::1", "[::1]"];

/** Accepts `host`, `host:port` or `scheme://host[:port][/]`; loopback without a scheme means http (the emulator). */
export function parseEndpoint(raw: string, source: string): Endpoint {
  const match = /^(?:(https?):\/\/)?([^/\s]+?)\/?$/i.exec(raw.trim());
  if (match === null || match[2] === undefined) {
    throw providerError("InvalidEndpoint", `${source} is "${raw}"; allowed: host, host:port or http(s)://host[:port]`);
  }
  const host = match[2];
  const hostname = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0] ?? host;
  const scheme = match[1]?.toLowerCase();
  const protocol: Protocol = scheme === "http" || scheme === "https" ? scheme : LOOPBACK_HOSTS.includes(hostname) ? "http" : "https";
  return { host, protocol };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * Pulumi config first (the stack's `alicloud:*` keys), then the environment. Keys only come from
 * config here; otherwise the SDK's default credential chain finds them (ALIBABA_CLOUD_ACCESS_KEY_ID /
 * ALIBABA_CLOUD_ACCESS_KEY_SECRET, profiles, instance RAM roles).
 */
export function resolveSettings(config: ConfigSource | undefined, env: Readonly<Record<string, string | undefined>>): ProviderSettings {
  const fromConfig = (key: string): string | undefined => nonEmpty(config?.get(key));
  const region = fromConfig(CONFIG_KEYS.region) ?? nonEmpty(env[ENV_KEYS.region]);
  if (region === undefined) {
    throw providerError("MissingRegion", `no region configured: set Pulumi config ${CONFIG_KEYS.region} or the environment variable ${ENV_KEYS.region}`);
  }
  const ecsRaw = fromConfig(CONFIG_KEYS.ecsEndpoint) ?? nonEmpty(env[ENV_KEYS.ecsEndpoint]);
  const vpcRaw = fromConfig(CONFIG_KEYS.vpcEndpoint) ?? nonEmpty(env[ENV_KEYS.vpcEndpoint]);
  const ecsEndpoint = ecsRaw === undefined ? undefined : parseEndpoint(ecsRaw, "ECS endpoint");
  // One local emulator serves both products; a custom cloud ECS endpoint says nothing about VPC's.
  const vpcEndpoint = vpcRaw !== undefined ? parseEndpoint(vpcRaw, "VPC endpoint") : ecsEndpoint?.protocol === "http" ? ecsEndpoint : undefined;
  const id = fromConfig(CONFIG_KEYS.accessKey);
  const secret = fromConfig(CONFIG_KEYS.secretKey);
  if ((id === undefined) !== (secret === undefined)) {
    throw providerError("MissingCredentials", `Pulumi config sets only one of ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey}; set both, or neither to use the default credential chain`);
  }
  const accessKey = id !== undefined && secret !== undefined ? { id, secret, securityToken: fromConfig(CONFIG_KEYS.securityToken) } : undefined;
  return { region, ecsEndpoint, vpcEndpoint, accessKey };
}

/** Builds one SDK Config; requires the SDK packages at call time (never captured). */
export function sdkConfig(settings: ProviderSettings, endpoint: Endpoint | undefined, timeouts: { readMs: number; connectMs: number }): $OpenApiUtil.Config {
  const core = require("@alicloud/openapi-core") as typeof import("@alicloud/openapi-core");
  const base = {
    regionId: settings.region,
    readTimeout: timeouts.readMs,
    connectTimeout: timeouts.connectMs,
    ...(endpoint !== undefined ? { endpoint: endpoint.host, protocol: endpoint.protocol } : {}),
  };
  if (settings.accessKey !== undefined) {
    return new core.$OpenApiUtil.Config({
      ...base,
      accessKeyId: settings.accessKey.id,
      accessKeySecret: settings.accessKey.secret,
      ...(settings.accessKey.securityToken !== undefined ? { securityToken: settings.accessKey.securityToken } : {}),
    });
  }
  const credentials = require("@alicloud/credentials") as typeof import("@alicloud/credentials");
  return new core.$OpenApiUtil.Config({ ...base, credential: new credentials.default() });
}

/**
 * Pulumi config reaches a dynamic provider only through `configure`, which the dynamic-provider
 * host calls once per process after deserializing the provider. It is kept in a process-global
 * slot, not on the provider object or in a module variable: both of those are captured by value
 * when the provider is serialized into the state, and a key must never land there.
 */
const CONFIG_SLOT = "__alicloudEniPulumiConfig";

export function rememberPulumiConfig(config: ConfigSource): void {
  (globalThis as Record<string, unknown>)[CONFIG_SLOT] = config;
}

export function rememberedPulumiConfig(): ConfigSource | undefined {
  const value = (globalThis as Record<string, unknown>)[CONFIG_SLOT];
  return value !== null && typeof value === "object" && typeof (value as ConfigSource).get === "function" ? (value as ConfigSource) : undefined;
}

export function forgetPulumiConfig(): void {
  delete (globalThis as Record<string, unknown>)[CONFIG_SLOT];
}

export function currentSettings(): ProviderSettings {
  return resolveSettings(rememberedPulumiConfig(), process.env);
}

/** Region for check (which must not fail just because no region is configured yet). */
export function currentRegionOrUndefined(): string | undefined {
  const config = rememberedPulumiConfig();
  return nonEmpty(config?.get(CONFIG_KEYS.region)) ?? nonEmpty(process.env[ENV_KEYS.region]);
}
