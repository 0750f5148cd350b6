import { describe, expect, it } from "vitest";
import { changedInstanceFields, diffInstance } from "../../../provider/instance/diff";
import type { InstanceInputs, InstanceOutputs } from "../../../provider/instance/types";
import { UNKNOWN_VALUE } from "../../../provider/shared/unknown-value";

const eni = (id: string, sdc: boolean) => ({ networkInterfaceId: id, primaryIpAddress: "10.0.1.5", macAddress: "m", sourceDestCheck: sdc, vSwitchId: "vsw-1", securityGroupIds: ["sg-1"] });
const olds: InstanceOutputs = {
  kind: "alicloud-eni:Instance", instanceId: "i-1", status: "Running", zoneId: "z", vpcId: "vpc-1", regionId: "cn-hangzhou",
  vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], instanceType: "t", imageId: "img", privateIpAddress: "10.0.1.5",
  primaryNetworkInterfaceId: "eni-p", primaryNetworkInterface: eni("eni-p", true),
  secondaryNetworkInterfaceId: "eni-s", secondaryNetworkInterface: eni("eni-s", false),
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 1 }, tags: { a: "b" },
};
const same: InstanceInputs = { vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], instanceType: "t", imageId: "img", secondaryNetworkInterface: {} };
const u = UNKNOWN_VALUE as never;

describe("diffInstance", () => {
  it.each<[string, Partial<InstanceInputs>, string[], string[]]>([
    ["unchanged", {}, [], []],
    ["unset flags never diff", { primaryNetworkInterface: {}, secondaryNetworkInterface: {} }, [], []],
    ["same metadata", { metadataOptions: { httpTokens: "optional" } }, [], []],
    ["primary flag", { primaryNetworkInterface: { sourceDestCheck: false } }, ["primarySourceDestCheck"], []],
    ["secondary flag", { secondaryNetworkInterface: { sourceDestCheck: true } }, ["secondarySourceDestCheck"], []],
    ["secondary groups", { secondaryNetworkInterface: { securityGroupIds: ["sg-2"] } }, ["secondarySecurityGroupIds"], []],
    ["groups", { securityGroupIds: ["sg-2"] }, ["securityGroupIds"], []],
    ["tokens", { metadataOptions: { httpTokens: "required" } }, ["metadataOptions"], []],
    ["hop limit", { metadataOptions: { httpPutResponseHopLimit: 2 } }, ["metadataOptions"], []],
    ["name", { instanceName: "x" }, ["instanceName"], []],
    ["forwarding", { forwarding: "snat" }, ["forwarding"], []],
    ["tags", { tags: {} }, ["tags"], []],
    ["image", { imageId: "img2" }, ["imageId"], ["imageId"]],
    ["type", { instanceType: "t2" }, ["instanceType"], ["instanceType"]],
    ["zone", { zoneId: "z2" }, ["zoneId"], ["zoneId"]],
    ["vswitch", { vSwitchId: "vsw-2" }, ["vSwitchId"], ["vSwitchId"]],
    ["private ip", { privateIpAddress: "10.0.1.9" }, ["privateIpAddress"], ["privateIpAddress"]],
    ["secondary removed", { secondaryNetworkInterface: undefined }, ["secondaryIdentity"], ["secondaryNetworkInterface"]],
    ["secondary ip", { secondaryNetworkInterface: { primaryIpAddress: "10.0.1.7" } }, ["secondaryIdentity"], ["secondaryNetworkInterface"]],
    ["unknown image", { imageId: u }, ["imageId"], ["imageId"]],
    ["unknown metadata", { metadataOptions: u }, ["metadataOptions"], []],
    ["unknown primary block", { primaryNetworkInterface: u }, ["primarySourceDestCheck"], []],
  ])("%s", (_label, change, fields, replaces) => {
    const news = { ...same, ...change };
    expect(changedInstanceFields(olds, news)).toEqual(fields);
    expect(diffInstance(olds, news)).toMatchObject({ changes: fields.length > 0, replaces });
  });

  it("deletes first when an explicit address is kept", () => {
    expect(diffInstance(olds, { ...same, imageId: "x", privateIpAddress: "10.0.1.5" }).deleteBeforeReplace).toBe(true);
    expect(diffInstance(olds, { ...same, imageId: "x" }).deleteBeforeReplace).toBe(false);
  });

  it("an instance without a secondary ENI stays without one", () => {
    const { secondaryNetworkInterface: _s, secondaryNetworkInterfaceId: _i, ...single } = olds;
    expect(diffInstance(single, { ...same, secondaryNetworkInterface: undefined }).changes).toBe(false);
    expect(diffInstance(single, same).replaces).toEqual(["secondaryNetworkInterface"]);
  });

  it("a state from a failed initialization (no ENI ids) asks for an update, replacing only for instance fields", () => {
    const recorded = { ...same, kind: "alicloud-eni:Instance", instanceId: "i-1", regionId: "r" } as unknown as InstanceOutputs;
    expect(diffInstance(recorded, { ...same, primaryNetworkInterface: { sourceDestCheck: true } })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(diffInstance(recorded, { ...same, instanceType: "t9" }).replaces).toEqual(["instanceType"]);
  });
});
