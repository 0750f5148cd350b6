import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cidrContains, intToIpv4, ipv4ToInt, parseIpv4Cidr } from "../../../../simulator/plan/ipv4-cidr";
import { mapPulumiResources } from "../../../../simulator/plan/pulumi-resource-mapper";
import type { PulumiResource } from "../../../../simulator/plan/pulumi-values";

const DYN = "pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface";

interface Scenario {
  readonly prefix: number;
  readonly network: string;
  /** Offsets (from the network address) of the ENIs with a planned address. */
  readonly planned: readonly number[];
  /** How many ENIs leave their address to the cloud. */
  readonly unplanned: number;
}

/** A vSwitch block, some ENIs with planned addresses and some left to the cloud (never more than fit). */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({ prefix: fc.integer({ min: 26, max: 29 }), third: fc.integer({ min: 0, max: 255 }) })
  .chain(({ prefix, third }) => {
    const usable = 2 ** (32 - prefix) - 4; // the first and the last three are reserved
    return fc.uniqueArray(fc.integer({ min: 1, max: usable }), { maxLength: usable }).chain((planned) =>
      fc.integer({ min: 0, max: usable - planned.length }).map((unplanned) => ({ prefix, network: `10.${third}.0.0`, planned, unplanned })),
    );
  });

function resources(s: Scenario): PulumiResource[] {
  const base = ipv4ToInt(s.network);
  const vsw: PulumiResource = { urn: "urn:pulumi:dev::p::alicloud:vpc/switch:Switch::a", type: "alicloud:vpc/switch:Switch", id: "vsw-a", inputs: { cidrBlock: `${s.network}/${s.prefix}` }, outputs: {} };
  const enis: PulumiResource[] = [];
  // Interleave planned and unplanned ENIs so allocation order cannot rely on planned ones coming first.
  const total = s.planned.length + s.unplanned;
  let p = 0;
  for (let i = 0; i < total; i++) {
    const unplannedLeft = s.unplanned - (i - p);
    const planned = p < s.planned.length && (i % 2 === 0 || unplannedLeft === 0) ? s.planned[p++] : undefined;
    const inputs: Record<string, unknown> = { vSwitchId: "vsw-a", securityGroupIds: ["sg"], ...(planned === undefined ? {} : { primaryIpAddress: intToIpv4(base + planned) }) };
    enis.push({ urn: `urn:pulumi:dev::p::${DYN}::n${i}`, type: DYN, inputs, outputs: {} });
  }
  return [vsw, ...enis];
}

describe("placeholder addresses", () => {
  it("are distinct, inside the vSwitch, never reserved, never a planned address, and deterministic", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = resources(s);
        const plannedIps = new Set(input.flatMap((r) => (typeof r.inputs["primaryIpAddress"] === "string" ? [r.inputs["primaryIpAddress"]] : [])));
        const { topology } = mapPulumiResources(input, { source: "p", region: "cn-hangzhou" });
        const again = mapPulumiResources(input, { source: "p", region: "cn-hangzhou" }).topology;
        expect(again).toEqual(topology);
        const cidr = parseIpv4Cidr(`${s.network}/${s.prefix}`);
        if (typeof cidr !== "object") throw new Error("bad generator");
        const ips = topology.networkInterfaces.map((e) => e.primaryIp);
        expect(new Set(ips).size).toBe(ips.length);
        const size = 2 ** (32 - s.prefix);
        for (const eni of topology.networkInterfaces) {
          const offset = ipv4ToInt(eni.primaryIp) - cidr.network;
          expect(cidrContains(cidr, eni.primaryIp)).toBe(true);
          expect(offset).toBeGreaterThan(0);
          expect(offset).toBeLessThan(size - 3);
          const wasPlanned = input.find((r) => r.urn === eni.origin?.split(" ")[0])?.inputs["primaryIpAddress"];
          if (wasPlanned !== undefined) expect(eni.primaryIp).toBe(wasPlanned);
          else {
            expect(plannedIps.has(eni.primaryIp)).toBe(false);
            expect(eni.origin).toContain("placeholder");
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("the scenario generator", () => {
  it("declares every planned and unplanned ENI", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const enis = resources(s).slice(1);
        expect(enis).toHaveLength(s.planned.length + s.unplanned);
        expect(enis.filter((r) => r.inputs["primaryIpAddress"] !== undefined)).toHaveLength(s.planned.length);
      }),
      { numRuns: 100 },
    );
  });
});
