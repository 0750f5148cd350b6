import { describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "../../../../emulator/state/seed";
import { EmulatorStore } from "../../../../emulator/state/store";
import { REGION, SG, VSW, codeOf, eniInput, launchInput, makeStore } from "./store-fixture";

describe("ENI creation rules", () => {
  it.each([
    ["unknown vSwitch", { vSwitchId: "vsw-x" }, "InvalidVSwitchId.NotFound"],
    ["unknown group", { securityGroupIds: ["sg-x"] }, "InvalidSecurityGroupId.NotFound"],
    ["group of another VPC", { securityGroupIds: [SG.other] }, "InvalidOperation.VpcMismatch"],
    ["vSwitch of another region", { regionId: "ap-south-1" }, "InvalidVSwitchId.NotFound"],
    ["unknown region", { regionId: "mars-1" }, "InvalidRegionId.NotFound"],
    ["IP outside the CIDR", { primaryIpAddress: "10.0.2.5" }, "InvalidParameter"],
    ["gateway IP", { primaryIpAddress: "10.0.1.1" }, "InvalidParameter"],
    ["broadcast IP", { primaryIpAddress: "10.0.1.255" }, "InvalidParameter"],
    ["reserved IP", { primaryIpAddress: "10.0.1.253" }, "InvalidParameter"],
    ["too many IPs", { secondaryPrivateIpAddressCount: 15 }, "QuotaExceed.PrivateIpAddress"],
    ["SourceDestCheck where it does not exist", { regionId: "ap-south-1", vSwitchId: VSW.mumbai, securityGroupIds: [SG.mumbai], sourceDestCheck: true }, "InvalidOperation.SourceDestCheckNotSupported"],
  ])("refuses %s", (_name, extra, code) => {
    const { store } = makeStore();
    expect(codeOf(() => store.createNetworkInterface(eniInput(extra)))).toBe(code);
    expect(store.describeNetworkInterfaces({ regionId: REGION })).toEqual([]);
  });

  it("allocates the lowest free addresses and refuses duplicates", () => {
    const { store } = makeStore();
    const a = store.createNetworkInterface(eniInput({ secondaryPrivateIpAddressCount: 1 }));
    const b = store.createNetworkInterface(eniInput());
    expect([a.primaryIpAddress, ...a.secondaryIpAddresses, b.primaryIpAddress]).toEqual(["10.0.1.2", "10.0.1.3", "10.0.1.4"]);
    expect(codeOf(() => store.createNetworkInterface(eniInput({ primaryIpAddress: "10.0.1.3" })))).toBe("InvalidPrivateIpAddress.Duplicated");
    expect(codeOf(() => store.createNetworkInterface(eniInput({ privateIpAddresses: ["10.0.1.50", "10.0.1.50"] })))).toBe("InvalidPrivateIpAddress.Duplicated");
  });

  it("gives unique MACs and eni- ids of 20 lower-case alphanumerics", () => {
    const { store } = makeStore();
    const enis = Array.from({ length: 50 }, () => store.createNetworkInterface(eniInput()));
    expect(new Set(enis.map((e) => e.macAddress)).size).toBe(50);
    expect(new Set(enis.map((e) => e.id)).size).toBe(50);
    for (const e of enis) {
      expect(e.id).toMatch(/^eni-bp1[a-z0-9]{17}$/);
      expect(e.macAddress).toMatch(/^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    }
  });

  it.each([
    ["enabled-by-default", undefined, true],
    ["enabled-by-default", false, false],
    ["disabled-by-default", undefined, false],
    ["disabled-by-default", true, true],
  ] as const)("mode %s with SourceDestCheck=%s gives %s", (mode, requested, expected) => {
    const { store } = makeStore({ ...DEFAULT_SEED, sourceDestCheckMode: mode });
    expect(store.createNetworkInterface(eniInput({ sourceDestCheck: requested })).sourceDestCheck).toBe(expected);
  });
});

describe("ENI lifecycle on the injected clock", () => {
  function attached() {
    const fx = makeStore();
    const [instanceId] = fx.store.launchInstances(launchInput());
    fx.advance(200);
    const eni = fx.store.createNetworkInterface(eniInput());
    return { ...fx, instanceId: instanceId!, eniId: eni.id };
  }

  it("goes Available -> Attaching -> InUse -> Detaching -> Available exactly on time", () => {
    const { store, advance, instanceId, eniId } = attached();
    const status = () => store.describeNetworkInterface(eniId, REGION).status;
    store.attachNetworkInterface(eniId, instanceId, REGION);
    expect(status()).toBe("Attaching");
    expect(store.describeNetworkInterface(eniId, REGION).instanceId).toBe(instanceId);
    advance(99);
    expect(status()).toBe("Attaching");
    advance(1);
    expect(status()).toBe("InUse");
    store.detachNetworkInterface(eniId, instanceId, REGION);
    expect(status()).toBe("Detaching");
    advance(100);
    expect(status()).toBe("Available");
    expect(store.describeNetworkInterface(eniId, REGION).instanceId).toBeNull();
  });

  it.each([
    ["delete while Attaching", (s: EmulatorStore, e: string) => s.deleteNetworkInterface(e, REGION), "InvalidOperation.InvalidEniState"],
    ["attach twice", (s: EmulatorStore, e: string, i: string) => s.attachNetworkInterface(e, i, REGION), "InvalidOperation.InvalidEniState"],
    ["detach while Attaching", (s: EmulatorStore, e: string, i: string) => s.detachNetworkInterface(e, i, REGION), "InvalidOperation.InvalidEniState"],
  ])("refuses to %s", (_name, act, code) => {
    const { store, instanceId, eniId } = attached();
    store.attachNetworkInterface(eniId, instanceId, REGION);
    expect(codeOf(() => act(store, eniId, instanceId))).toBe(code);
  });

  it("refuses to detach the primary ENI, or from the wrong instance", () => {
    const { store, advance, instanceId, eniId } = attached();
    const primary = store.describeInstance(instanceId).networkInterfaces[0]!.id;
    expect(codeOf(() => store.detachNetworkInterface(primary, instanceId, REGION))).toBe("InvalidOperation.DetachPrimaryEniNotAllowed");
    store.attachNetworkInterface(eniId, instanceId, REGION);
    advance(100);
    const [other] = store.launchInstances(launchInput());
    advance(200);
    expect(codeOf(() => store.detachNetworkInterface(eniId, other!, REGION))).toBe("InvalidOperation.InvalidEniState");
  });
});

describe("snapshot and restore", () => {
  it("round-trips everything, including id counters, tokens and in-flight transitions", () => {
    const { store, clock, advance } = makeStore();
    const [instanceId] = store.launchInstances(launchInput());
    advance(200);
    const eni = store.createNetworkInterface(eniInput());
    store.attachNetworkInterface(eni.id, instanceId!, REGION);
    store.idempotent({ accessKeyId: "ak", action: "X", token: "t", fingerprint: "f" }, () => ({ Id: 1 }));
    const snapshot = JSON.parse(JSON.stringify(store.snapshot()));
    const restored = EmulatorStore.restore(snapshot, { now: () => clock.t, transitions: store.transitions });
    expect(restored.snapshot()).toEqual(store.snapshot());
    expect(restored.describeNetworkInterface(eni.id, REGION).status).toBe("Attaching");
    clock.t += 100;
    expect(restored.describeNetworkInterface(eni.id, REGION).status).toBe("InUse");
    // Both stores now allocate the same next id: the counter and salt travelled with the state.
    expect(restored.createNetworkInterface(eniInput()).id).toBe(store.createNetworkInterface(eniInput()).id);
    expect(restored.idempotent({ accessKeyId: "ak", action: "X", token: "t", fingerprint: "f" }, () => ({ Id: 2 }))).toEqual({ Id: 1 });
  });

  it("refuses a snapshot that is not one", () => {
    expect(() => EmulatorStore.restore({ version: 2 } as never)).toThrow(/version 1/);
  });
});

describe("client tokens", () => {
  it("replays per caller and action, and refuses different parameters", () => {
    const { store } = makeStore();
    let runs = 0;
    const call = (ak: string, fingerprint: string) => store.idempotent({ accessKeyId: ak, action: "CreateNetworkInterface", token: "tok", fingerprint }, () => ({ n: ++runs }));
    expect(call("ak1", "a")).toEqual({ n: 1 });
    expect(call("ak1", "a")).toEqual({ n: 1 });
    expect(call("ak2", "a")).toEqual({ n: 2 });
    expect(codeOf(() => call("ak1", "b"))).toBe("IdempotentParameterMismatch");
    expect(runs).toBe(2);
  });
});
