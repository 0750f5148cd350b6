import { createEcsClient, type EcsClient } from "./client";
import { currentSettings, sdkConfig, type ProviderSettings } from "./credentials";
import { systemRetryDeps } from "./retry";
import { createSdkEcsApi } from "./sdk-ecs-api";

/** Per-request SDK timeouts: short enough that a lost response is retried well inside the budget. */
const SDK_TIMEOUTS = { readMs: 10_000, connectMs: 5_000 } as const;

/**
 * A client for one provider call. Called at the start of create/read/update/delete; nothing it
 * builds outlives the call or is captured into the serialized provider.
 */
export function connect(settings: ProviderSettings = currentSettings()): EcsClient {
  const api = createSdkEcsApi(sdkConfig(settings, settings.ecsEndpoint, SDK_TIMEOUTS), sdkConfig(settings, settings.vpcEndpoint, SDK_TIMEOUTS));
  const log = process.env.ALICLOUD_ENI_DEBUG === "1" ? (message: string) => console.error(`[alicloud-eni] ${message}`) : undefined;
  return createEcsClient({ api, region: settings.region, retryDeps: systemRetryDeps(log) });
}
