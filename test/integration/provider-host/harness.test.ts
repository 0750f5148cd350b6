/**
 * The harness itself, proven against a tiny dummy provider (fixtures/note-provider.ts) through
 * the real @pulumi/pulumi dynamic-provider host over gRPC. If these pass, a failure in the
 * provider suites is the provider's, not the harness's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version as pulumiVersion } from "@pulumi/pulumi/version";
import {
  CheckFailedError,
  HarnessUsageError,
  HostStartError,
  SAFE_INIT_FAILURE_TRAILER_CHARS,
  ProviderCallError,
  ProviderSerializeError,
  ResourceInitError,
  UNKNOWN_VALUE,
  isSecret,
  secret,
  serializeProvider,
  describeHazards,
  destroy,
  findSerializationHazards,
  initFailureTrailerBytes,
  refresh,
  serializeProviders,
  startProviderHost,
  up,
} from "../../support/provider-host";
import type { ProviderHost, SerializedProvider } from "../../support/provider-host";

const NOTE = "pulumi-nodejs:dynamic/harness:Note";
const COLOUR = "pulumi-nodejs:dynamic/harness:Colour";
const OVERSIZED = "pulumi-nodejs:dynamic/harness:Oversized";
const API_KEY = "harness-api-key-5e1f0c";

let serialized: SerializedProvider;
let setCapturing: SerializedProvider;
let oversized: SerializedProvider;
let host: ProviderHost;

beforeAll(async () => {
  [serialized, setCapturing, oversized] = (await serializeProviders([
    { modulePath: "test/support/provider-host/fixtures/note-provider.ts", exportName: "noteProvider" },
    { modulePath: "test/support/provider-host/fixtures/set-capturing-provider.ts", exportName: "setCapturingProvider" },
    { modulePath: "test/support/provider-host/fixtures/oversized-init-failure-provider.ts", exportName: "oversizedInitFailureProvider" },
  ])) as [SerializedProvider, SerializedProvider, SerializedProvider];
  host = await startProviderHost({
    config: { "alicloud:region": "cn-hangzhou", "harness:apiKey": secret(API_KEY) },
    providers: { [NOTE]: serialized, [COLOUR]: setCapturing },
  });
});

afterAll(async () => {
  await host?.close();
});

describe("serialized provider", () => {
  it("is module text exporting a handler, built without any config value", () => {
    expect(serialized.text).toMatch(/^exports\.handler = __f\d+;/);
    expect(serialized.containsSecrets).toBe(false);
    expect(serialized.text).not.toContain(API_KEY);
  });

  it("has no serialization hazards", () => {
    expect(findSerializationHazards(serialized.text)).toEqual([]);
  });

  it("flags a captured Set, which really does break in the host", async () => {
    const hazards = findSerializationHazards(setCapturing.text);
    expect(hazards.map((h) => [h.variable, h.collection])).toEqual([["__ALLOWED_COLOURS", "Set"]]);
    expect(describeHazards(hazards)).toContain("ALLOWED_COLOURS: a module-level Set");
    const urn = host.urn(COLOUR, "c");
    await expect(host.create(urn, { colour: "red" })).rejects.toThrow(/incompatible receiver/);
  });

  it("names the module and export when there is no such provider", async () => {
    const err = await serializeProvider({
      modulePath: "test/support/provider-host/fixtures/note-provider.ts",
      exportName: "noSuchProvider",
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderSerializeError);
    expect((err as ProviderSerializeError).message).toContain("exports no provider object named noSuchProvider");
  });
});

describe("host handshake", () => {
  it("reports the installed SDK version and, like the engine sees it, refuses secrets", () => {
    expect(host.pluginVersion).toBe(pulumiVersion);
    expect(host.acceptsSecrets).toBe(false);
    expect(host.supportsPreview).toBe(false);
  });
});

describe("check", () => {
  it("returns the provider's inputs with __provider carried along", async () => {
    const urn = host.urn(NOTE, "checked");
    const res = await host.check(urn, {}, { text: "hello" });
    expect(res.failures).toEqual([]);
    expect(res.inputs).toEqual({ text: "hello", topic: "general", __provider: serialized.text });
  });

  it("returns failures naming the property", async () => {
    const res = await host.check(host.urn(NOTE, "bad"), {}, { text: "" });
    expect(res.failures).toEqual([{ property: "text", reason: 'text must be a non-empty string, got ""' }]);
  });

  it("passes the preview unknown sentinel through untouched", async () => {
    const res = await host.check(host.urn(NOTE, "preview"), {}, { text: UNKNOWN_VALUE });
    expect(res.failures).toEqual([]);
    expect(res.inputs.text).toBe(UNKNOWN_VALUE);
  });

  it("keeps a secret input secret in the checked inputs", async () => {
    const res = await host.check(host.urn(NOTE, "secret"), {}, { text: "x", password: secret("pw") });
    expect(isSecret(res.inputs.password)).toBe(true);
  });
});

describe("lifecycle", () => {
  it("creates, diffs, updates, reads and deletes in one long-lived host", async () => {
    const urn = host.urn(NOTE, "life");
    const { inputs } = await host.check(urn, {}, { text: "one", password: secret("pw-1") });
    const created = await host.create(urn, inputs);
    expect(created.id).toMatch(/^note-\d+$/);
    // Config reached the provider through Configure; the secret arrived plain, came back secret.
    expect(created.outputs).toMatchObject({ region: "cn-hangzhou", hasApiKey: true, length: 3, passwordArrivedPlain: true });
    expect(created.outputs.password).toEqual(secret("pw-1"));

    expect((await host.diff(urn, created.id, created.outputs, inputs)).changes).toBe("none");
    const { inputs: changed } = await host.check(urn, inputs, { text: "three", password: secret("pw-1") });
    const diff = await host.diff(urn, created.id, created.outputs, changed, { oldInputs: inputs });
    expect(diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });

    const updated = await host.update(urn, created.id, created.outputs, changed, { oldInputs: inputs });
    expect(updated).toMatchObject({ text: "three", length: 5 });

    const read = await host.read(urn, created.id, updated, changed);
    expect(read.id).toBe(created.id);
    expect(read.outputs).toMatchObject({ text: "three", length: 5 });
    expect(isSecret(read.outputs.password)).toBe(true);

    await host.delete(urn, created.id, updated, { oldInputs: changed });
    const gone = await host.read(urn, created.id, updated, changed);
    expect(gone.id).toBeUndefined();
  });

  it("reports a replacement with the property that forces it", async () => {
    const urn = host.urn(NOTE, "replaced");
    const { inputs } = await host.check(urn, {}, { text: "t", topic: "a" });
    const created = await host.create(urn, inputs);
    const { inputs: moved } = await host.check(urn, inputs, { text: "t", topic: "b" });
    expect(await host.diff(urn, created.id, created.outputs, moved)).toEqual({
      changes: "some",
      replaces: ["topic"],
      deleteBeforeReplace: false,
    });
    await host.delete(urn, created.id, created.outputs);
  });

  it("decodes created-but-failed-to-initialize into the id the engine keeps", async () => {
    const urn = host.urn(NOTE, "half-made");
    const { inputs } = await host.check(urn, {}, { text: "t", failAfterCreate: true });
    const err = await host.create(urn, inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ResourceInitError);
    const init = err as ResourceInitError;
    expect(init.code).toBe("resource-init-failed");
    expect(init.id).toMatch(/^note-\d+$/);
    expect(init.reasons).toEqual(["failAfterCreate was set"]);
    expect(init.properties).toMatchObject({ text: "t", kind: "harness:Note" });
    // The resource exists under that id: the engine can refresh and delete it.
    expect((await host.read(urn, init.id, init.properties)).id).toBe(init.id);
    await host.delete(urn, init.id, init.properties);
  });

  it("pins a host limit: an init failure over one HTTP/2 header block is never answered", async () => {
    // Its own host: the stuck stream wedges the host's whole HTTP/2 session, later calls included.
    const own = await startProviderHost({ providers: { [OVERSIZED]: oversized } });
    const urn = own.urn(OVERSIZED, "big");
    const small = 30_000;
    const large = 100_000;
    expect(initFailureTrailerBytes("big-1", { padding: "x".repeat(small) })).toBeLessThan(SAFE_INIT_FAILURE_TRAILER_CHARS);
    expect(initFailureTrailerBytes("big-1", { padding: "x".repeat(large) })).toBeGreaterThan(SAFE_INIT_FAILURE_TRAILER_CHARS);
    await expect(own.create(urn, { size: small })).rejects.toBeInstanceOf(ResourceInitError);
    const err = await own.create(urn, { size: large }, { deadlineMs: 2_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await own.close();
    expect(err).toBeInstanceOf(ProviderCallError);
    expect(err).not.toBeInstanceOf(ResourceInitError);
    expect((err as ProviderCallError).grpcCode).toBe(4); // DEADLINE_EXCEEDED: the engine would wait forever
  });

  it("turns a provider exception into a typed call error", async () => {
    const urn = host.urn(NOTE, "missing");
    const err = await host.delete(urn, "note-does-not-exist", { text: "x", __provider: serialized.text }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderCallError);
    expect(err).not.toBeInstanceOf(ResourceInitError);
    expect((err as ProviderCallError).method).toBe("delete");
    expect((err as ProviderCallError).details).toContain("note-does-not-exist");
    expect(host.output()).toContain("note-does-not-exist");
  });
});

describe("engine steps", () => {
  it("walks create, same, update, replace, refresh and destroy like the engine", async () => {
    const urn = host.urn(NOTE, "stepped");
    const created = await up(host, urn, { text: "a", topic: "x" });
    expect(created.op).toBe("create");
    const same = await up(host, urn, { text: "a", topic: "x" }, created.state);
    expect(same.op).toBe("same");
    expect(same.state.id).toBe(created.state.id);
    const updated = await up(host, urn, { text: "bb", topic: "x" }, same.state);
    expect(updated.op).toBe("update");
    expect(updated.state.outputs).toMatchObject({ length: 2 });
    const replaced = await up(host, urn, { text: "bb", topic: "y" }, updated.state);
    expect(replaced.op).toBe("replace");
    expect(replaced.state.id).not.toBe(updated.state.id);
    // Create-before-delete: the old note is gone, the new one is there.
    expect(await refresh(host, updated.state)).toBeUndefined();
    expect((await refresh(host, replaced.state))?.outputs).toMatchObject({ topic: "y" });
    await destroy(host, replaced.state);
    expect(await refresh(host, replaced.state)).toBeUndefined();
  });

  it("stops at check failures with a typed error", async () => {
    await expect(up(host, host.urn(NOTE, "invalid"), { text: "" })).rejects.toBeInstanceOf(CheckFailedError);
  });
});

describe("state without __provider", () => {
  it("cannot be deleted: the host has no provider to load (as with the real engine)", async () => {
    const urn = host.urn(NOTE, "orphan");
    const { inputs } = await host.check(urn, {}, { text: "t" });
    const created = await host.create(urn, inputs);
    const { __provider: _dropped, ...withoutProvider } = created.outputs;
    await expect(host.delete(urn, created.id, withoutProvider)).rejects.toBeInstanceOf(ProviderCallError);
    await host.delete(urn, created.id, created.outputs);
  });
});

describe("harness usage", () => {
  it("refuses a type with no registered provider", async () => {
    await expect(host.check(host.urn("pulumi-nodejs:dynamic/harness:Other", "x"), {}, {})).rejects.toBeInstanceOf(
      HarnessUsageError,
    );
  });

  it("reports a host that dies before printing its port", async () => {
    const err = await startProviderHost({ env: { NODE_OPTIONS: "--require /nonexistent/preload.js" } }).then(
      (h) => h.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostStartError);
    expect((err as HostStartError).stderr).toContain("/nonexistent/preload.js");
  });
});
