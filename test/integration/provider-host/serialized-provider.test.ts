/**
 * What Pulumi stores in the state for every resource is the serialized provider text: it must
 * carry no key material and nothing that breaks once the host loads it. The providers are
 * serialized as a Pulumi program does, in a process whose environment HOLDS credentials (the
 * standard ALIBABA_CLOUD_* chain), so a provider that read them at load time would be caught.
 * Then a whole lifecycle runs through the host with the keys in config, and nothing the engine
 * receives (inputs, outputs, errors, logs, the host's own output) may contain them either.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_TYPES,
  NETWORK_INTERFACE,
  PROVIDER_EXPORTS,
  REPO_ROOT,
  describeHazards,
  destroy,
  findSerializationHazards,
  programInputs,
  refresh,
  secret,
  serializeProviders,
  startAlicloudHost,
  up,
} from "../../support/provider-host";
import type { AlicloudProviders, ProviderHost, SerializedProvider } from "../../support/provider-host";
import { withEmulator } from "../../support/sdk-clients";

// A distinctive pair, so a leak cannot hide among other strings.
const KEY_ID = "LTAI5tKeyMaterialProbe7Q";
const KEY_SECRET = "probeSecret9f8e7d6c5b4a3f2e1d0c";
const TYPES = ALL_TYPES;

const fx = withEmulator({ credentials: [{ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET }] });
let providers: AlicloudProviders;
let serialized: readonly SerializedProvider[];
let host: ProviderHost;

beforeAll(async () => {
  serialized = await serializeProviders(
    TYPES.map((t) => PROVIDER_EXPORTS[t]),
    {
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY_SECRET,
        ALIBABA_CLOUD_REGION: "cn-hangzhou",
      },
    },
  );
  providers = Object.fromEntries(TYPES.map((t, i) => [t, serialized[i]]));
  host = await startAlicloudHost(fx.emulator, { providers });
});
afterAll(async () => {
  await host?.close();
});

describe.each(TYPES.map((t, i) => [t, i] as const))("serialized provider %s", (type, index) => {
  const text = () => (serialized[index] as SerializedProvider).text;

  it("holds no key material, though the serializing process had credentials in its environment", () => {
    expect(text()).not.toContain(KEY_ID);
    expect(text()).not.toContain(KEY_SECRET);
    expect((serialized[index] as SerializedProvider).containsSecrets).toBe(false);
  });

  it("captures no Map/Set (they break in the host)", () => {
    const hazards = findSerializationHazards(text());
    expect(hazards, describeHazards(hazards)).toEqual([]);
  });

  it("loads in plain node, as the host loads it, into a provider with the lifecycle methods", () => {
    const script = [
      "const requireFromString = require('require-from-string');",
      "const p = requireFromString(require('fs').readFileSync(0, 'utf8')).handler();",
      "process.stdout.write(JSON.stringify(['check','diff','create','read','update','delete'].filter((m) => typeof p[m] === 'function')));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, input: text(), encoding: "utf8", timeout: 20_000 });
    expect(JSON.parse(out), `${type} lacks lifecycle methods`).toEqual(["check", "diff", "create", "read", "update", "delete"]);
  });
});

describe("a lifecycle through the host with the keys in config", () => {
  it("never shows the keys in inputs, outputs, errors, engine logs or host output", async () => {
    const urn = host.urn(NETWORK_INTERFACE, "keys");
    const args = { vSwitchId: "vsw-bp1public0h7k2m5q8t1wx", securityGroupIds: ["sg-bp1web3x8c2v6b0n4m7qa1"], sourceDestCheck: false };
    const seen: unknown[] = [];
    const created = await up(host, urn, programInputs(urn, args));
    seen.push(created.state);
    const updated = await up(host, urn, programInputs(urn, { ...args, sourceDestCheck: true, tags: { k: "v" } }), created.state);
    seen.push(updated.state);
    seen.push(await refresh(host, updated.state));
    // A failing call (a vSwitch that does not exist) makes the provider format an API error.
    const failure = await up(host, host.urn(NETWORK_INTERFACE, "keys-bad"), programInputs(host.urn(NETWORK_INTERFACE, "keys-bad"), { ...args, vSwitchId: "vsw-doesnotexist000000000" })).then(
      () => new Error("expected a failure"),
      (e: unknown) => e as Error,
    );
    seen.push(failure.message);
    await destroy(host, updated.state);
    const everything = JSON.stringify(seen) + JSON.stringify(host.engineLogs) + host.output();
    expect(everything).not.toContain(KEY_ID);
    expect(everything).not.toContain(KEY_SECRET);
    expect(failure.message).toContain("vsw-doesnotexist000000000");
  });

  it("keeps a secret input secret in the state the engine writes", async () => {
    const urn = host.urn(NETWORK_INTERFACE, "secret-description");
    const args = { vSwitchId: "vsw-bp1public0h7k2m5q8t1wx", securityGroupIds: ["sg-bp1web3x8c2v6b0n4m7qa1"], description: secret("s3cret-note") };
    const { state } = await up(host, urn, programInputs(urn, args));
    expect(state.inputs.description).toEqual(secret("s3cret-note"));
    expect(state.outputs.description).toEqual(secret("s3cret-note"));
    await destroy(host, state);
  });
});
