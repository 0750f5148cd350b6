import { describe, expect, it } from "vitest";
import { checkNetworkInterface } from "../../../provider/network-interface/check";
import { UNKNOWN_VALUE } from "../../../provider/shared/unknown-value";

const base = { vSwitchId: "vsw-1", securityGroupIds: ["sg-1"] };
const hangzhou = { region: "cn-hangzhou" };

describe("checkNetworkInterface failures", () => {
  const cases: Array<[string, Record<string, unknown>, { region: string | undefined; vSwitchCidr?: string }, string, RegExp]> = [
    ["missing vSwitch", { securityGroupIds: ["sg-1"] }, hangzhou, "vSwitchId", /vSwitchId is required/],
    ["no security group", { vSwitchId: "vsw-1", securityGroupIds: [] }, hangzhou, "securityGroupIds", /1\.\.5 strings/],
    ["six security groups", { ...base, securityGroupIds: ["a", "b", "c", "d", "e", "f"] }, hangzhou, "securityGroupIds", /1\.\.5/],
    ["bad primary ip", { ...base, primaryIpAddress: "10.0.0.256" }, hangzhou, "primaryIpAddress", /"10\.0\.0\.256"; allowed: an IPv4/],
    ["leading zero", { ...base, primaryIpAddress: "10.0.0.01" }, hangzhou, "primaryIpAddress", /allowed: an IPv4/],
    ["ip outside cidr", { ...base, primaryIpAddress: "10.0.2.5" }, { region: "cn-hangzhou", vSwitchCidr: "10.0.1.0/24" }, "primaryIpAddress", /outside the vSwitch CIDR 10\.0\.1\.0\/24/],
    ["secondary outside cidr", { ...base, privateIpAddresses: ["10.0.1.5", "192.168.0.1"] }, { region: "cn-hangzhou", vSwitchCidr: "10.0.1.0/24" }, "privateIpAddresses[1]", /outside/],
    ["bad secondary", { ...base, privateIpAddresses: ["nope"] }, hangzhou, "privateIpAddresses[0]", /"nope"/],
    ["duplicate secondary", { ...base, privateIpAddresses: ["10.0.0.5", "10.0.0.5"] }, hangzhou, "privateIpAddresses[1]", /listed twice/],
    ["secondary equals primary", { ...base, primaryIpAddress: "10.0.0.5", privateIpAddresses: ["10.0.0.5"] }, hangzhou, "privateIpAddresses[0]", /is the primary IP/],
    ["count too high", { ...base, secondaryPrivateIpAddressCount: 50 }, hangzhou, "secondaryPrivateIpAddressCount", /integer in 0\.\.49/],
    ["count negative", { ...base, secondaryPrivateIpAddressCount: -1 }, hangzhou, "secondaryPrivateIpAddressCount", /0\.\.49/],
    ["count not integer", { ...base, secondaryPrivateIpAddressCount: 1.5 }, hangzhou, "secondaryPrivateIpAddressCount", /0\.\.49/],
    ["count with explicit", { ...base, secondaryPrivateIpAddressCount: 1, privateIpAddresses: ["10.0.0.9"] }, hangzhou, "secondaryPrivateIpAddressCount", /cannot be set together with privateIpAddresses/],
    ["flag in unsupported region", { ...base, sourceDestCheck: true }, { region: "cn-zhongwei" }, "sourceDestCheck", /region cn-zhongwei has no Source\/Destination Check; it exists only in cn-qingdao, .*me-east-1/],
    ["flag not boolean", { ...base, sourceDestCheck: "yes" }, hangzhou, "sourceDestCheck", /"yes"; allowed: true \| false/],
    ["too many tags", { ...base, tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) }, hangzhou, "tags", /21 tags; at most 20/],
    ["reserved tag prefix", { ...base, tags: { "acs:owner": "x" } }, hangzhou, "tags.acs:owner", /reserved prefix "acs:"/],
    ["aliyun tag prefix", { ...base, tags: { aliyunThing: "x" } }, hangzhou, "tags.aliyunThing", /reserved prefix "aliyun"/],
    ["long tag key", { ...base, tags: { ["k".repeat(129)]: "x" } }, hangzhou, `tags.${"k".repeat(129)}`, /129 characters; allowed: 1\.\.128/],
    ["tag value not string", { ...base, tags: { a: 1 } }, hangzhou, "tags", /map of string keys to string values/],
    ["long name", { ...base, name: "n".repeat(129) }, hangzhou, "name", /129 characters/],
  ];
  it.each(cases)("%s", (_label, news, context, property, reason) => {
    const { failures } = checkNetworkInterface({}, news, context);
    const failure = failures.find((f) => f.property === property);
    expect(failure, JSON.stringify(failures)).toBeDefined();
    expect(failure?.reason).toMatch(reason);
  });
});

describe("checkNetworkInterface accepts", () => {
  it.each<[string, Record<string, unknown>, { region: string | undefined }]>([
    ["minimal", base, hangzhou],
    ["flag false anywhere", { ...base, sourceDestCheck: false }, { region: "cn-zhongwei" }],
    ["flag true in a supported region", { ...base, sourceDestCheck: true }, { region: "me-east-1" }],
    ["flag true with no region configured", { ...base, sourceDestCheck: true }, { region: undefined }],
    ["full", { ...base, primaryIpAddress: "10.0.1.10", privateIpAddresses: ["10.0.1.11"], instanceId: "i-1", name: "n", description: "d", tags: { env: "dev" } }, hangzhou],
    ["unknown values in preview", { vSwitchId: UNKNOWN_VALUE, securityGroupIds: UNKNOWN_VALUE, primaryIpAddress: UNKNOWN_VALUE, privateIpAddresses: [UNKNOWN_VALUE], secondaryPrivateIpAddressCount: UNKNOWN_VALUE, sourceDestCheck: UNKNOWN_VALUE, instanceId: UNKNOWN_VALUE, tags: UNKNOWN_VALUE }, hangzhou],
  ])("%s", (_label, news, context) => {
    expect(checkNetworkInterface({}, news, context).failures).toEqual([]);
  });

  it("keeps unknown values as they are", () => {
    const { inputs } = checkNetworkInterface({}, { ...base, sourceDestCheck: UNKNOWN_VALUE }, hangzhou);
    expect(inputs.sourceDestCheck).toBe(UNKNOWN_VALUE);
  });
});

describe("client token", () => {
  const urn = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface::eni";
  it("is deterministic for the same URN and inputs, and 64 chars", () => {
    const a = checkNetworkInterface({}, { ...base, __urn: urn }, hangzhou).inputs.__clientToken;
    const b = checkNetworkInterface({}, { ...base, __urn: urn, __provider: "other text" }, hangzhou).inputs.__clientToken;
    expect(a).toBe(b);
    expect(a).toHaveLength(64);
  });
  it("differs between URNs and between inputs", () => {
    const a = checkNetworkInterface({}, { ...base, __urn: urn }, hangzhou).inputs.__clientToken;
    expect(checkNetworkInterface({}, { ...base, __urn: `${urn}2` }, hangzhou).inputs.__clientToken).not.toBe(a);
    expect(checkNetworkInterface({}, { ...base, __urn: urn, sourceDestCheck: false }, hangzhou).inputs.__clientToken).not.toBe(a);
  });
  it("is left out while inputs are unknown", () => {
    expect(checkNetworkInterface({}, { ...base, vSwitchId: UNKNOWN_VALUE, __urn: urn }, hangzhou).inputs.__clientToken).toBeUndefined();
  });
  it("without a URN keeps the previous nonce", () => {
    const first = checkNetworkInterface({}, base, hangzhou).inputs.__clientToken;
    expect(first).toMatch(/^nonce-/);
    expect(checkNetworkInterface({ __clientToken: first }, base, hangzhou).inputs.__clientToken).toBe(first);
  });
});
