import { describe, expect, it } from "vitest";
import { diffNetworkInterface } from "../../../provider/network-interface/diff";
import type { NetworkInterfaceInputs, NetworkInterfaceOutputs } from "../../../provider/network-interface/types";
import { UNKNOWN_VALUE } from "../../../provider/shared/unknown-value";

const olds: NetworkInterfaceOutputs = {
  kind: "alicloud-eni:NetworkInterface", networkInterfaceId: "eni-1", status: "InUse", macAddress: "00:16:3e:00:00:01",
  vSwitchId: "vsw-1", securityGroupIds: ["sg-1", "sg-2"], primaryIpAddress: "10.0.1.10", privateIpAddresses: ["10.0.1.11"],
  sourceDestCheck: true, instanceId: "i-1", name: "eni", description: "d", tags: { env: "dev", "acs:system": "x" },
  vpcId: "vpc-1", zoneId: "cn-hangzhou-h", regionId: "cn-hangzhou", __clientToken: "t",
};
const unchanged: NetworkInterfaceInputs = { vSwitchId: "vsw-1", securityGroupIds: ["sg-2", "sg-1"], instanceId: "i-1" };
const unknown = UNKNOWN_VALUE as never;

describe("diffNetworkInterface", () => {
  it.each<[string, Partial<NetworkInterfaceInputs>, boolean, string[], boolean]>([
    ["nothing set beyond required", {}, false, [], false],
    ["unset sourceDestCheck never diffs", { sourceDestCheck: undefined }, false, [], false],
    ["same explicit values", { primaryIpAddress: "10.0.1.10", privateIpAddresses: ["10.0.1.11"], sourceDestCheck: true, name: "eni", tags: { env: "dev" } }, false, [], false],
    ["count equal to actual secondaries", { secondaryPrivateIpAddressCount: 1 }, false, [], false],
    ["sourceDestCheck set differently", { sourceDestCheck: false }, true, [], false],
    ["security groups", { securityGroupIds: ["sg-1"] }, true, [], false],
    ["name", { name: "other" }, true, [], false],
    ["description", { description: "x" }, true, [], false],
    ["tags value", { tags: { env: "prod" } }, true, [], false],
    ["tags removed", { tags: {} }, true, [], false],
    ["secondary ips", { privateIpAddresses: ["10.0.1.12"] }, true, [], true],
    ["secondary count", { secondaryPrivateIpAddressCount: 3 }, true, [], false],
    ["attach elsewhere", { instanceId: "i-2" }, true, [], false],
    ["detach (unset)", { instanceId: undefined }, true, [], false],
    ["vswitch", { vSwitchId: "vsw-2" }, true, ["vSwitchId"], false],
    ["primary ip", { primaryIpAddress: "10.0.1.20" }, true, ["primaryIpAddress"], true],
    ["vswitch with explicit ip", { vSwitchId: "vsw-2", primaryIpAddress: "10.0.1.10" }, true, ["vSwitchId"], true],
    ["unknown vswitch in preview", { vSwitchId: unknown }, true, ["vSwitchId"], false],
    ["unknown flag in preview", { sourceDestCheck: unknown }, true, [], false],
    ["unknown instance in preview", { instanceId: unknown }, true, [], false],
    ["unknown security group element", { securityGroupIds: [unknown] }, true, [], false],
    ["unknown tags", { tags: unknown }, true, [], false],
  ])("%s", (_label, change, changes, replaces, deleteBeforeReplace) => {
    const result = diffNetworkInterface(olds, { ...unchanged, ...change });
    expect(result).toEqual({ changes, replaces, deleteBeforeReplace: replaces.length > 0 && deleteBeforeReplace });
  });

  it("a detached ENI with instanceId '' and no input is unchanged", () => {
    expect(diffNetworkInterface({ ...olds, instanceId: "" }, { ...unchanged, instanceId: undefined }).changes).toBe(false);
  });
});
