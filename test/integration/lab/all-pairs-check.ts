/**
 * Every pair of addresses an example knows (each ENI address, an address nobody holds in each
 * vSwitch, addresses outside the plan), sent through a lab and traced by the model: they agree on
 * every one. A destination held by the very instance that sends (or that an outside source enters
 * by) is delivered inside the instance by the kernel, and by the model too (it once sent such a
 * flow out through an ENI and judged its egress: this suite found it).
 */
import { expect } from "vitest";
import { buildBlueprint } from "../../../simulator/lab/lab-blueprint";
import { planProbe } from "../../../simulator/lab/probe-plan";
import { indexTopology } from "../../../simulator/model/topology-index";
import type { Topology } from "../../../simulator/model/topology";
import { exampleTopology, type LabFixture } from "./lab-helpers";

/** `10.0.1.0/24` → `10.0.1.77`: an address of the vSwitch that no ENI holds in the examples. */
const unheld = (cidr: string): string => cidr.replace(/\.0\/\d+$/, ".77");

export function addressPairs(topology: Topology): { src: string; dst: string }[] {
  const held = [...new Set(topology.networkInterfaces.flatMap((e) => [e.primaryIp, ...e.secondaryIps]))];
  const routed = topology.routeTables.flatMap((t) => t.routes.map((r) => r.destination)).filter((d) => d !== "0.0.0.0/0").map((d) => d.replace(/\.0\/\d+$/, ".9"));
  const outside = ["203.0.113.9", ...routed];
  const everyone = [...held, ...topology.vswitches.map((v) => unheld(v.cidr)), ...outside];
  return [...held, ...outside].flatMap((src) => everyone.filter((dst) => dst !== src).map((dst) => ({ src, dst })));
}

export async function expectAllPairsAgree(fixture: LabFixture, example: string): Promise<void> {
  const topology = exampleTopology(example);
  const all = addressPairs(topology);
  const flows = fixture.file(`${example}-pairs.yaml`, `flows:\n${all.map((p, i) => `  - {name: p${i}, src: ${p.src}, dst: ${p.dst}, protocol: udp, dstPort: 5000}`).join("\n")}\n`);
  const lab = await fixture.up(topology);
  const report = await fixture.run(lab, flows);
  const blueprint = buildBlueprint(lab, topology);
  const index = indexTopology(topology);
  const disagreements: string[] = [];
  for (const [i, f] of report.lab.flows.entries()) {
    const pair = all[i]!;
    const plan = planProbe(blueprint, index, { name: f.name, protocol: "udp", ...pair });
    const sameHost = plan.arrival.kind === "eni" && plan.arrival.namespace === plan.sender.namespace;
    if (sameHost) expect(f.kernel, `${pair.src} -> ${pair.dst} stays inside ${plan.sender.label}`).toBe("ACCEPTED");
    if (!f.agrees) disagreements.push(`${pair.src} -> ${pair.dst}: kernel ${f.kernel}, model ${f.model}`);
  }
  expect(disagreements).toEqual([]);
  expect(report.lab.flows.length).toBe(all.length);
}
