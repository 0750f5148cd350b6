import { describe, expect, it } from "vitest";
import { buildCheckReport } from "../../../../simulator/model/evaluate";
import { ObservedTraffic } from "../../../../simulator/model/observed-traffic";
import { UNKNOWN_REGION, effectiveCheck, indexTopology } from "../../../../simulator/model/topology-index";
import type { Topology } from "../../../../simulator/model/topology";
import { natTopology } from "./fixtures";

/** The NAT stack with the NAT ENI's check as given and a plain ENI whose check is off. */
function stack(region: string, natCheck: boolean | undefined, sourceDestCheckDefault?: boolean): Topology {
  const base = natTopology(natCheck, { region });
  return {
    ...base,
    ...(sourceDestCheckDefault === undefined ? {} : { sourceDestCheckDefault }),
    instances: [...base.instances, { id: "i-web", forwarding: "none" }],
    networkInterfaces: [...base.networkInterfaces, { id: "eni-web", vswitch: "vsw-private", instance: "i-web", primaryIp: "10.0.1.9", secondaryIps: [], sourceDestCheck: false }],
  };
}

function check(topology: Topology) {
  const index = indexTopology(topology);
  const sink = new ObservedTraffic(index);
  sink.declaredFlow({ name: "app-out", src: "10.0.1.5", dst: "93.184.216.34", protocol: "tcp", dstPort: 443 });
  return { index, report: buildCheckReport(index, sink) };
}

describe("a plan whose region is unknown", () => {
  it("is judged as in a supported region: the check is the ENI's, else the account's, else on", () => {
    const [nat, , web] = stack(UNKNOWN_REGION, undefined).networkInterfaces;
    expect(effectiveCheck(nat!, stack(UNKNOWN_REGION, undefined))).toBe(true);
    expect(effectiveCheck(nat!, stack(UNKNOWN_REGION, undefined, false))).toBe(false);
    expect(effectiveCheck(web!, stack(UNKNOWN_REGION, undefined, true))).toBe(false);
    expect(effectiveCheck({ ...nat!, sourceDestCheck: true }, stack(UNKNOWN_REGION, undefined, false))).toBe(true);
    // A region that is named and lacks the feature still turns the check off.
    expect(effectiveCheck({ ...nat!, sourceDestCheck: true }, stack("cn-nowhere-1", true))).toBe(false);
  });

  it("reports the drop, must-disable and can-enable, with a note, and no unsupported-region", () => {
    const { index, report } = check(stack(UNKNOWN_REGION, true));
    expect(index.regionKnown).toBe(false);
    expect(index.regionSupported).toBe(true);
    expect(report.summary.unexpected).toBe(1);
    expect(report.drops.map((d) => [d.eni, d.direction])).toEqual([["eni-nat", "ingress"]]);
    expect(report.findings.map((f) => [f.eni, f.kind])).toEqual([
      ["eni-nat", "must-disable"],
      ["eni-web", "can-enable"],
    ]);
    for (const f of report.findings) expect(f.message).toContain("names no region");
  });

  it("differs from a named unsupported region, which drops nothing and flags the setting", () => {
    const { index, report } = check(stack("cn-nowhere-1", true));
    expect(index.regionKnown).toBe(true);
    expect(report.drops).toEqual([]);
    expect(report.findings.map((f) => [f.eni, f.kind])).toEqual([
      ["eni-nat", "unsupported-region"],
      ["eni-app", "unsupported-region"],
    ]);
  });

  it("adds no note when the region is named", () => {
    const { report } = check(stack("cn-hangzhou", true));
    expect(report.findings.map((f) => f.kind)).toEqual(["must-disable", "can-enable"]);
    for (const f of report.findings) expect(f.message).not.toContain("names no region");
  });
});
