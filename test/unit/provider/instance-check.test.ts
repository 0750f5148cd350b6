import { describe, expect, it } from "vitest";
import { checkInstance } from "../../../provider/instance/check";
import { UNKNOWN_VALUE } from "../../../provider/shared/unknown-value";

const base = { vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], instanceType: "ecs.g7.large", imageId: "img-1" };
const hz = { region: "cn-hangzhou", vSwitchCidr: "10.0.1.0/24" };

describe("checkInstance failures", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["missing image", { ...base, imageId: undefined }, "imageId", /imageId is required/],
    ["missing type", { ...base, instanceType: undefined }, "instanceType", /instanceType is required/],
    ["bad private ip", { ...base, privateIpAddress: "1.2.3" }, "privateIpAddress", /allowed: an IPv4/],
    ["private ip outside cidr", { ...base, privateIpAddress: "10.0.9.1" }, "privateIpAddress", /outside the vSwitch CIDR/],
    ["two secondaries", { ...base, secondaryNetworkInterface: [{}, {}] }, "secondaryNetworkInterface", /at most one secondary ENI/],
    ["httpTokens", { ...base, metadataOptions: { httpTokens: "mandatory" } }, "metadataOptions.httpTokens", /"mandatory"; allowed: "optional" \| "required"/],
    ["httpEndpoint", { ...base, metadataOptions: { httpEndpoint: "on" } }, "metadataOptions.httpEndpoint", /allowed: "enabled" \| "disabled"/],
    ["hop limit 0", { ...base, metadataOptions: { httpPutResponseHopLimit: 0 } }, "metadataOptions.httpPutResponseHopLimit", /1\.\.64/],
    ["hop limit 65", { ...base, metadataOptions: { httpPutResponseHopLimit: 65 } }, "metadataOptions.httpPutResponseHopLimit", /1\.\.64/],
    ["primary flag in unsupported region", { ...base, primaryNetworkInterface: { sourceDestCheck: true } }, "primaryNetworkInterface.sourceDestCheck", /no Source\/Destination Check/],
    ["secondary flag in unsupported region", { ...base, secondaryNetworkInterface: { sourceDestCheck: true } }, "secondaryNetworkInterface.sourceDestCheck", /no Source\/Destination Check/],
    ["existing ENI with a flag: two sources of truth", { ...base, secondaryNetworkInterface: { networkInterfaceId: "eni-1", sourceDestCheck: false } }, "secondaryNetworkInterface.sourceDestCheck", /conflicts with secondaryNetworkInterface.networkInterfaceId "eni-1".*one source of truth per ENI/],
    ["existing ENI with an address", { ...base, secondaryNetworkInterface: { networkInterfaceId: "eni-1", primaryIpAddress: "10.0.1.5" } }, "secondaryNetworkInterface.primaryIpAddress", /conflicts/],
    ["forwarding", { ...base, forwarding: "nat" }, "forwarding", /"none" \| "snat" \| "route"/],
    ["tags", { ...base, tags: { "aliyun:x": "y" } }, "tags.aliyun:x", /reserved prefix/],
    ["short name", { ...base, instanceName: "a" }, "instanceName", /2\.\.128/],
  ])("%s", (_label, news, property, reason) => {
    const region = property.includes("sourceDestCheck") && !String(reason).includes("conflicts") ? "cn-zhongwei" : "cn-hangzhou";
    const { failures } = checkInstance({}, news, { ...hz, region });
    const failure = failures.find((f) => f.property === property);
    expect(failure, JSON.stringify(failures)).toBeDefined();
    expect(failure?.reason).toMatch(reason);
  });
});

describe("checkInstance accepts", () => {
  it.each<[string, Record<string, unknown>]>([
    ["minimal", base],
    ["full", {
      ...base, zoneId: "cn-hangzhou-h", privateIpAddress: "10.0.1.5", instanceName: "nat", forwarding: "snat",
      primaryNetworkInterface: { sourceDestCheck: false }, secondaryNetworkInterface: { primaryIpAddress: "10.0.1.6", sourceDestCheck: true },
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }, tags: { role: "nat" },
    }],
    ["secondary in another vSwitch skips this vSwitch's CIDR", { ...base, secondaryNetworkInterface: { vSwitchId: "vsw-2", primaryIpAddress: "10.0.9.6" } }],
    ["single-element secondary list", { ...base, secondaryNetworkInterface: [{ sourceDestCheck: false }] }],
    ["existing ENI by id alone", { ...base, secondaryNetworkInterface: { networkInterfaceId: "eni-1" } }],
    ["unknowns", { ...base, imageId: UNKNOWN_VALUE, metadataOptions: { httpTokens: UNKNOWN_VALUE }, primaryNetworkInterface: UNKNOWN_VALUE, secondaryNetworkInterface: { sourceDestCheck: UNKNOWN_VALUE } }],
  ])("%s", (_label, news) => {
    expect(checkInstance({}, news, hz).failures).toEqual([]);
  });

  it("normalizes a one-element secondary list to an object", () => {
    expect(checkInstance({}, { ...base, secondaryNetworkInterface: [{ sourceDestCheck: false }] }, hz).inputs.secondaryNetworkInterface).toEqual({ sourceDestCheck: false });
  });
});
