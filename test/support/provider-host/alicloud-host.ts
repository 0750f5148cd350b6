/**
 * The project's three dynamic providers behind the real host, configured against an emulator
 * the way a stack would be (`alicloud:*` config keys, the secret key marked secret).
 */
import type { ProviderHost, ProviderHostOptions } from "./provider-host";
import { startProviderHost } from "./provider-host";
import { secret } from "./property-values";
import type { PropertyMap } from "./property-values";
import { serializeProviders } from "./serialize-provider";
import type { ProviderExport, SerializedProvider } from "./serialize-provider";

export const NETWORK_INTERFACE = "pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface";
export const INSTANCE = "pulumi-nodejs:dynamic/alicloud-eni:Instance";
export const ROUTE_ENTRY = "pulumi-nodejs:dynamic/alicloud-eni:RouteEntry";

export type AlicloudType = typeof NETWORK_INTERFACE | typeof INSTANCE | typeof ROUTE_ENTRY;

/** Where each provider object is exported (provider/<resource>/index.ts). */
export const PROVIDER_EXPORTS: Readonly<Record<AlicloudType, ProviderExport>> = {
  [NETWORK_INTERFACE]: { modulePath: "provider/network-interface/index.ts", exportName: "networkInterfaceProvider" },
  [INSTANCE]: { modulePath: "provider/instance/index.ts", exportName: "instanceProvider" },
  [ROUTE_ENTRY]: { modulePath: "provider/route-entry/index.ts", exportName: "routeEntryProvider" },
};

/** What the harness needs to know about an emulator (a RunningEmulator fits). */
export interface EmulatorEndpoint {
  readonly endpoint: string;
  readonly regionId: string;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
}

export type AlicloudProviders = Readonly<Partial<Record<AlicloudType, SerializedProvider>>>;

export const ALL_TYPES: readonly AlicloudType[] = [NETWORK_INTERFACE, INSTANCE, ROUTE_ENTRY];

/** Serializes the providers of `types` (all three by default) in one child process. */
export async function serializeAlicloudProviders(types: readonly AlicloudType[] = ALL_TYPES): Promise<AlicloudProviders> {
  const serialized = await serializeProviders(types.map((t) => PROVIDER_EXPORTS[t]));
  const result: Partial<Record<AlicloudType, SerializedProvider>> = {};
  types.forEach((t, i) => {
    result[t] = serialized[i];
  });
  return result;
}

/** Stack config pointing the providers at the emulator, as `pulumi config set` would hold it. */
export function emulatorConfig(emulator: EmulatorEndpoint): Record<string, string | PropertyMap> {
  return {
    "alicloud:region": emulator.regionId,
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": secret(emulator.credentials.accessKeySecret),
    "alicloud:ecsEndpoint": emulator.endpoint,
    "alicloud:vpcEndpoint": emulator.endpoint,
  };
}

export interface AlicloudHostOptions extends Omit<ProviderHostOptions, "providers" | "config"> {
  /** Extra or overriding config keys. */
  readonly config?: Readonly<Record<string, string | PropertyMap>>;
  /** Reuse providers already serialized (serialization costs a child process). */
  readonly providers?: AlicloudProviders;
  /** Which providers to serialize when `providers` is not given; all three by default. */
  readonly types?: readonly AlicloudType[];
}

export async function startAlicloudHost(emulator: EmulatorEndpoint, options: AlicloudHostOptions = {}): Promise<ProviderHost> {
  const { types, providers: given, config, ...rest } = options;
  const providers = given ?? (await serializeAlicloudProviders(types));
  const registered: Record<string, SerializedProvider> = {};
  for (const [type, provider] of Object.entries(providers)) if (provider !== undefined) registered[type] = provider;
  return startProviderHost({ ...rest, providers: registered, config: { ...emulatorConfig(emulator), ...config } });
}

/**
 * Inputs as the sdk classes register them: the program's args plus the hidden `__urn` that
 * check turns into a deterministic ClientToken (see provider/shared/client-token.ts).
 */
export function programInputs(urn: string, args: PropertyMap): PropertyMap {
  return { ...args, __urn: urn };
}
