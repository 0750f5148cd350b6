import { describe, expect, it } from "vitest";
import { checkMetadataRead } from "../../../../emulator/metadata/access-policy";
import { listDirectory, resolveCallerInstance } from "../../../../emulator/metadata/caller-instance";
import { MetadataError } from "../../../../emulator/metadata/metadata-errors";
import type { MetadataErrorCode } from "../../../../emulator/metadata/metadata-errors";
import type { TokenVerdict } from "../../../../emulator/metadata/token-service";
import type { MetadataOptions } from "../../../../emulator/state/records";
import { DEFAULT_SEED } from "../../../../emulator/state/seed";
import { REGION, SG, VSW, launchInput, makeStore } from "../state/store-fixture";

function outcome(call: () => unknown): "ok" | MetadataErrorCode {
  try {
    call();
    return "ok";
  } catch (error) {
    if (error instanceof MetadataError) return error.code;
    throw error;
  }
}

const options = (httpEndpoint: MetadataOptions["httpEndpoint"], httpTokens: MetadataOptions["httpTokens"]): MetadataOptions =>
  ({ httpEndpoint, httpTokens, httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });

describe("checkMetadataRead", () => {
  it.each<[MetadataOptions["httpEndpoint"], MetadataOptions["httpTokens"], TokenVerdict | undefined, "ok" | MetadataErrorCode]>([
    ["enabled", "optional", undefined, "ok"],
    ["enabled", "optional", "valid", "ok"],
    ["enabled", "optional", "expired", "TOKEN_EXPIRED"],
    ["enabled", "optional", "malformed", "TOKEN_INVALID"],
    ["enabled", "optional", "not-for-this-instance", "TOKEN_INVALID"],
    ["enabled", "required", undefined, "TOKEN_REQUIRED"],
    ["enabled", "required", "valid", "ok"],
    ["enabled", "required", "expired", "TOKEN_EXPIRED"],
    ["enabled", "required", "not-for-this-instance", "TOKEN_INVALID"],
    ["disabled", "optional", undefined, "ENDPOINT_DISABLED"],
    ["disabled", "required", "valid", "ENDPOINT_DISABLED"],
  ])("endpoint %s, tokens %s, token %s → %s", (endpoint, tokens, verdict, expected) => {
    expect(outcome(() => checkMetadataRead("i-a", options(endpoint, tokens), verdict))).toBe(expected);
  });
});

describe("resolveCallerInstance", () => {
  function world() {
    const { store, advance } = makeStore();
    const [a] = store.launchInstances(launchInput({ privateIpAddress: undefined }));
    const [b] = store.launchInstances(launchInput({ vSwitchId: VSW.public, securityGroupIds: [SG.nat] }));
    advance(1_000);
    const all = () => listDirectory(store.describeInstances({ regionId: REGION }));
    return { store, a: a!, b: b!, all, advance };
  }

  it("takes X-Emulator-Instance-Id first, then an ENI IP, and names what it could not find", () => {
    const { store, a, b, all } = world();
    const eni = store.describeInstance(b).networkInterfaces[0]!;
    expect(resolveCallerInstance(all(), { instanceId: a, sourceIp: eni.primaryIpAddress }).id).toBe(a);
    expect(resolveCallerInstance(all(), { sourceIp: eni.primaryIpAddress }).id).toBe(b);
    expect(outcome(() => resolveCallerInstance(all(), { instanceId: "i-nope" }))).toBe("CALLER_UNKNOWN");
    expect(() => resolveCallerInstance(all(), { sourceIp: "192.0.2.1" })).toThrow(/"192\.0\.2\.1"/);
  });

  it("finds the instance by a secondary IP", () => {
    const { store, a, all } = world();
    const eni = store.describeInstance(a).networkInterfaces[0]!;
    const [ip] = store.assignPrivateIpAddresses(eni.id, REGION, { secondaryPrivateIpAddressCount: 1 });
    expect(resolveCallerInstance(all(), { sourceIp: ip! }).id).toBe(a);
  });

  it("falls back to the only Running instance, else says how to name one", () => {
    const { store, a, b, all, advance } = world();
    expect(outcome(() => resolveCallerInstance(all(), {}))).toBe("CALLER_AMBIGUOUS");
    expect(() => resolveCallerInstance(all(), {})).toThrow(/X-Emulator-Instance-Id.*X-Emulator-Source-Ip/);
    store.stopInstance(b);
    advance(1_000);
    expect(resolveCallerInstance(all(), {}).id).toBe(a);
    expect(outcome(() => resolveCallerInstance(all(), { instanceId: b }))).toBe("INSTANCE_NOT_RUNNING");
    store.stopInstance(a);
    advance(1_000);
    expect(() => resolveCallerInstance(all(), {})).toThrow(/no instance is Running/);
  });

  it("refuses a source IP that two VPCs share, naming both instances", () => {
    // Two VPCs with the same CIDR: legal in the cloud, where the VPC tells the callers apart.
    const seed = {
      ...DEFAULT_SEED,
      vpcs: DEFAULT_SEED.vpcs.map((v) => (v.name === "other" ? { ...v, cidrBlock: "10.0.0.0/16" } : v)),
      vSwitches: DEFAULT_SEED.vSwitches.map((s) => (s.id === VSW.other ? { ...s, cidrBlock: "10.0.1.0/24" } : s)),
    };
    const { store, advance } = makeStore(seed);
    const [a] = store.launchInstances(launchInput({ privateIpAddress: "10.0.1.50" }));
    const [b] = store.launchInstances(launchInput({ vSwitchId: VSW.other, securityGroupIds: [SG.other], privateIpAddress: "10.0.1.50" }));
    advance(1_000);
    const all = listDirectory(store.describeInstances({ regionId: REGION }));
    expect(outcome(() => resolveCallerInstance(all, { sourceIp: "10.0.1.50" }))).toBe("CALLER_AMBIGUOUS");
    expect(() => resolveCallerInstance(all, { sourceIp: "10.0.1.50" })).toThrow(new RegExp(`${a!}.*${b!}|${b!}.*${a!}`));
    expect(resolveCallerInstance(all, { sourceIp: "10.0.1.50", instanceId: b! }).id).toBe(b);
  });
});
