import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
// The analyzer wraps props in this proxy, which throws when a policy reads an unknown value.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(props: T) => T };
import { POLICIES, checkOnlyWhereOffered, explicitSourceDestCheck, forwardersNeedCheckOff, lockDownCandidates, metadataTokensRequired } from "../../../policy/policies";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const urn = (type: string, name: string): string => `urn:pulumi:dev::nat::${type}::${name}`;

/** A stack under preview: ids of resources created in the same update are still unknown. */
class Stack {
  readonly resources: PolicyResource[] = [];
  add(type: string, name: string, props: Record<string, unknown>, deps: Record<string, PolicyResource> = {}): PolicyResource {
    const propertyDependencies: Record<string, PolicyResource[]> = {};
    for (const [key, dep] of Object.entries(deps)) {
      propertyDependencies[key] = [dep];
      props[key] = UNKNOWN;
    }
    const resource = { type, name, urn: urn(type, name), props: unknownCheckingProxy(props), opts: {}, dependencies: Object.values(deps), propertyDependencies } as unknown as PolicyResource;
    this.resources.push(resource);
    return resource;
  }
}

function natStack(natCheck: boolean | undefined, options: { region?: string; httpTokens?: string } = {}): Stack {
  const s = new Stack();
  s.add("pulumi:providers:alicloud", "default", { region: options.region ?? "cn-hangzhou" });
  const vpc = s.add("alicloud:vpc/network:Network", "vpc", { cidrBlock: "10.0.0.0/16" });
  const pub = s.add("alicloud:vpc/switch:Switch", "public", { cidrBlock: "10.0.0.0/24", zoneId: "cn-hangzhou-h" }, { vpcId: vpc });
  const priv = s.add("alicloud:vpc/switch:Switch", "private", { cidrBlock: "10.0.1.0/24", zoneId: "cn-hangzhou-h" }, { vpcId: vpc });
  const table = s.add("alicloud:vpc/routeTable:RouteTable", "private-rt", {}, { vpcId: vpc });
  s.add("alicloud:vpc/routeTableAttachment:RouteTableAttachment", "private-rt-attach", {}, { routeTableId: table, vswitchId: priv });
  const nat = s.add(
    "pulumi-nodejs:dynamic:Resource",
    "nat",
    {
      kind: "alicloud-eni:Instance",
      instanceType: "ecs.g7.large",
      imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
      securityGroupIds: ["sg-1"],
      privateIpAddress: "10.0.0.10",
      forwarding: "snat",
      metadataOptions: { httpTokens: options.httpTokens ?? "required" },
      ...(natCheck === undefined ? {} : { primaryNetworkInterface: { sourceDestCheck: natCheck } }),
    },
    { vSwitchId: pub },
  );
  s.add("alicloud:vpc/routeEntry:RouteEntry", "default-via-nat", { destinationCidrblock: "0.0.0.0/0", nexthopType: "Instance" }, { routeTableId: table, nexthopId: nat });
  s.add("pulumi-nodejs:dynamic:Resource", "app", { kind: "alicloud-eni:NetworkInterface", securityGroupIds: ["sg-1"], primaryIpAddress: "10.0.1.20", sourceDestCheck: true }, { vSwitchId: priv });
  return s;
}

async function violations(policy: StackValidationPolicy, stack: Stack, config: Record<string, unknown> = {}): Promise<{ message: string; urn?: string }[]> {
  const found: { message: string; urn?: string }[] = [];
  const args = {
    resources: stack.resources,
    stackTags: new Map(),
    getConfig: () => config,
    notApplicable: () => {
      throw new Error("not applicable");
    },
  } as unknown as StackValidationArgs;
  await policy.validateStack(args, (message: string, urn?: string) => found.push({ message, ...(urn !== undefined ? { urn } : {}) }));
  return found;
}

describe("policy pack", () => {
  it("flags the NAT instance's ENI when the check is on and a route points at it", async () => {
    const found = await violations(forwardersNeedCheckOff, natStack(true));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/sourceDestCheck: false/);
    expect(found[0]!.urn).toBe(urn("pulumi-nodejs:dynamic:Resource", "nat"));
  });

  it("flags it too when the check is left to an enabled-by-default account", async () => {
    expect(await violations(forwardersNeedCheckOff, natStack(undefined))).toHaveLength(1);
  });

  it("passes the NAT instance with the check off", async () => {
    expect(await violations(forwardersNeedCheckOff, natStack(false))).toEqual([]);
  });

  it("asks for an explicit sourceDestCheck only where it is unset", async () => {
    expect(await violations(explicitSourceDestCheck, natStack(false))).toEqual([]);
    const found = await violations(explicitSourceDestCheck, natStack(undefined));
    expect(found.map((v) => v.urn)).toEqual([urn("pulumi-nodejs:dynamic:Resource", "nat")]);
  });

  it("rejects sourceDestCheck: true outside the 28 regions", async () => {
    expect(await violations(checkOnlyWhereOffered, natStack(false))).toEqual([]);
    const found = await violations(checkOnlyWhereOffered, natStack(false, { region: "ap-south-1" }));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/ap-south-1/);
  });

  it("advises token-only metadata unless the instance is allowed", async () => {
    expect(await violations(metadataTokensRequired, natStack(false))).toEqual([]);
    const found = await violations(metadataTokensRequired, natStack(false, { httpTokens: "optional" }));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/httpTokens: optional/);
    expect(await violations(metadataTokensRequired, natStack(false, { httpTokens: "optional" }), { allowTokenlessMetadata: [found[0]!.message.split(" ")[0]] })).toEqual([]);
  });

  it("names ENIs that could be locked down", async () => {
    const s = natStack(false);
    s.add("pulumi-nodejs:dynamic:Resource", "idle", { kind: "alicloud-eni:NetworkInterface", securityGroupIds: ["sg-1"], primaryIpAddress: "10.0.1.30", sourceDestCheck: false }, { vSwitchId: s.resources[3]! });
    const found = await violations(lockDownCandidates, s);
    expect(found.map((v) => v.urn)).toEqual([urn("pulumi-nodejs:dynamic:Resource", "idle")]);
  });

  it("declares each policy once, with an enforcement level", () => {
    const names = POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of POLICIES) expect(["advisory", "mandatory"]).toContain(p.enforcementLevel);
  });
});
