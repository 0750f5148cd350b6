import { describe, expect, it } from "vitest";
import type { EcsApi, InstanceRecord, NetworkInterfaceRecord } from "../../../provider/ecs/api";
import { createEcsClient } from "../../../provider/ecs/client";
import { fakeClock, fakeEcsApi, sdkError } from "./fake-ecs-api";

const eni = (status: string, instanceId?: string): NetworkInterfaceRecord => ({
  networkInterfaceId: "eni-1", status, type: "Secondary", vSwitchId: "vsw-1", vpcId: "vpc-1", zoneId: "z", primaryIpAddress: "10.0.0.5",
  secondaryIpAddresses: [], macAddress: "m", securityGroupIds: ["sg-1"], instanceId, sourceDestCheck: true, name: undefined, description: undefined, tags: {},
});
const instance = (status: string): InstanceRecord => ({
  instanceId: "i-1", status, zoneId: "z", vpcId: "vpc-1", vSwitchId: "vsw-1", instanceType: "t", imageId: "img", instanceName: undefined,
  securityGroupIds: ["sg-1"], privateIpAddress: "10.0.0.4", networkInterfaces: [], metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 1 }, tags: {},
});

function client(handlers: Partial<EcsApi>) {
  const fake = fakeEcsApi(handlers);
  const clock = fakeClock();
  const c = createEcsClient({
    api: fake.api, region: "cn-hangzhou", clock,
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 10_000 },
    retryDeps: { now: clock.now, sleep: clock.sleep, random: () => 0.5 },
    wait: { timeoutMs: 5000, intervalMs: 100, maxIntervalMs: 400 },
  });
  return { fake, c };
}

function sequence<T>(...values: T[]): () => Promise<T> {
  return async () => (values.length > 1 ? values.shift() : values[0]) as T;
}

describe("EcsClient", () => {
  it("a missing ENI reads as undefined (empty list or NotFound)", async () => {
    expect(await client({ describeNetworkInterfaces: async () => [] }).c.getNetworkInterface("eni-1")).toBeUndefined();
    expect(await client({ describeNetworkInterfaces: async () => { throw sdkError(404, "InvalidEniId.NotFound"); } }).c.getNetworkInterface("eni-1")).toBeUndefined();
  });

  it("attach waits for InUse", async () => {
    const describe = sequence([eni("Available")], [eni("Attaching", "i-1")], [eni("InUse", "i-1")]);
    const { fake, c } = client({ attachNetworkInterface: async () => undefined, describeNetworkInterfaces: describe });
    expect((await c.attachNetworkInterface("eni-1", "i-1")).status).toBe("InUse");
    expect(fake.count("attachNetworkInterface")).toBe(1);
    expect(fake.count("describeNetworkInterfaces")).toBe(3);
  });

  it("a resent attach refused as InvalidEniState counts as done when the ENI is on that instance", async () => {
    let attempts = 0;
    const { c } = client({
      attachNetworkInterface: async () => {
        attempts++;
        throw attempts === 1 ? Object.assign(new Error("t"), { name: "RequestTimeoutError" }) : sdkError(403, "InvalidOperation.InvalidEniState");
      },
      describeNetworkInterfaces: async () => [eni("InUse", "i-1")],
    });
    expect((await c.attachNetworkInterface("eni-1", "i-1")).instanceId).toBe("i-1");
    expect(attempts).toBe(2);
  });

  it("attach failures other than a resend are reported with action and resource", async () => {
    const { c } = client({ attachNetworkInterface: async () => { throw sdkError(403, "EniPerInstanceLimitExceeded"); } });
    await expect(c.attachNetworkInterface("eni-1", "i-1")).rejects.toMatchObject({ code: "EniPerInstanceLimitExceeded", action: "AttachNetworkInterface", resource: "eni-1" });
  });

  it("delete detaches an attached ENI, waits, then deletes", async () => {
    const describe = sequence([eni("InUse", "i-1")], [eni("Detaching")], [eni("Available")]);
    const { fake, c } = client({ describeNetworkInterfaces: describe, detachNetworkInterface: async () => undefined, deleteNetworkInterface: async () => undefined });
    await c.deleteNetworkInterface("eni-1");
    expect(fake.calls.map((call) => call.method)).toEqual(["describeNetworkInterfaces", "detachNetworkInterface", "describeNetworkInterfaces", "describeNetworkInterfaces", "deleteNetworkInterface"]);
  });

  it("deleting a missing ENI is done, and so is NotFound from DeleteNetworkInterface", async () => {
    await client({ describeNetworkInterfaces: async () => [] }).c.deleteNetworkInterface("eni-1");
    const { fake, c } = client({ describeNetworkInterfaces: async () => [eni("Available")], deleteNetworkInterface: async () => { throw sdkError(404, "InvalidEniId.NotFound"); } });
    await c.deleteNetworkInterface("eni-1");
    expect(fake.count("deleteNetworkInterface")).toBe(1);
  });

  it("create is retried on a timeout with the same ClientToken", async () => {
    let attempts = 0;
    const { fake, c } = client({
      createNetworkInterface: async () => {
        attempts++;
        if (attempts === 1) throw Object.assign(new Error("ReadTimeout"), { name: "RequestTimeoutError" });
        return eni("Available");
      },
    });
    await c.createNetworkInterface({ vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], clientToken: "tok" });
    expect(fake.calls.map((call) => (call.request as { clientToken: string }).clientToken)).toEqual(["tok", "tok"]);
  });

  it("instance delete stops, waits for Stopped, deletes and waits until gone", async () => {
    const describe = sequence([instance("Running")], [instance("Stopping")], [instance("Stopped")], [instance("Stopped")], []);
    const { fake, c } = client({ describeInstances: describe, stopInstance: async () => undefined, deleteInstance: async () => undefined });
    await c.deleteInstance("i-1");
    expect(fake.calls.map((call) => call.method)).toEqual([
      "describeInstances", "stopInstance", "describeInstances", "describeInstances", "deleteInstance", "describeInstances", "describeInstances",
    ]);
  });

  it("a wait that times out names the resource and status", async () => {
    const { c } = client({ describeNetworkInterfaces: async () => [eni("Attaching", "i-1")] });
    await expect(c.waitForNetworkInterface("eni-1", "InUse")).rejects.toThrow("ENI eni-1 still Attaching after 5 s (waiting for InUse)");
  });

  it("a freshly created instance missing from describe is waited for", async () => {
    const { c } = client({ describeInstances: sequence([], [instance("Pending")], [instance("Running")]) });
    expect((await c.waitForInstance("i-1", "Running", true))?.status).toBe("Running");
  });
});
