import { describe, expect, it } from "vitest";
import { buildBlueprint } from "../../../simulator/lab/lab-blueprint";
import { judgeProbe } from "../../../simulator/lab/kernel-verdict";
import { buildLabReport } from "../../../simulator/lab/lab-report";
import { describeComparison } from "../../../simulator/lab/lab-text";
import { planProbe } from "../../../simulator/lab/probe-plan";
import { readDeclaredFlowFiles } from "../../../simulator/lab/lab-run";
import { defaultLoaders } from "../../../simulator/api/loaders";
import { LabError } from "../../../simulator/lab/errors";
import { indexTopology } from "../../../simulator/model/topology-index";
import type { DeclaredFlow } from "../../../simulator/traffic/records";
import { examplePath, exampleTopology } from "./lab-fixtures";

const topology = exampleTopology("nat-instance");
const index = indexTopology(topology);
const blueprint = buildBlueprint("r", topology);
const flows: DeclaredFlow[] = [
  { name: "app-https", src: "10.0.1.5", dst: "93.184.216.34", protocol: "tcp", dstPort: 443, expect: "allowed" },
  { name: "nat-own", src: "10.0.0.10", dst: "93.184.216.34", protocol: "tcp", dstPort: 443 },
];

describe("buildLabReport", () => {
  it("reports the kernel's dispositions in check's shape and sets the model's beside them", () => {
    const [https, own] = flows.map((f) => planProbe(blueprint, index, f));
    const verdicts = [
      // The kernel let the app's flow out (as if the check were off): the model says it is dropped.
      judgeProbe(https!, { arrived: { packets: 1, bytes: 60 }, arrivedFrom: [], drops: [] }),
      judgeProbe(own!, { arrived: { packets: 1, bytes: 60 }, arrivedFrom: [], drops: [] }),
    ];
    const report = buildLabReport(index, verdicts, { lab: "r", plan: "nat.yaml" });
    expect(report.summary).toEqual({ flows: 2, allowed: 2, dropped: 0, unexpected: 0 });
    expect(report.findings).toEqual([]);
    expect(report.flows!.map((f) => [f.name, f.disposition, f.asExpected])).toEqual([
      ["app-https", "EXITS_NETWORK", true],
      ["nat-own", "EXITS_NETWORK", true],
    ]);
    expect(report.lab.flows.map((f) => [f.name, f.kernel, f.model, f.agrees])).toEqual([
      ["app-https", "EXITS_NETWORK", "DENIED_INGRESS", false],
      ["nat-own", "EXITS_NETWORK", "EXITS_NETWORK", true],
    ]);
    expect(report.lab.disagreements).toBe(1);
    expect(describeComparison(report)).toContain("app-https  kernel EXITS_NETWORK  model DENIED_INGRESS DISAGREE");
  });

  it("a drop counts as unexpected unless the flow expects it; drop rows are sorted largest first", () => {
    const plan = planProbe(blueprint, index, { ...flows[0]!, expect: "dropped" });
    const other = planProbe(blueprint, index, { ...flows[1]!, name: "second" });
    const report = buildLabReport(
      index,
      [
        judgeProbe(plan, { arrived: { packets: 0, bytes: 0 }, arrivedFrom: [], drops: [{ eni: "eni-nat", direction: "ingress", packets: 1, bytes: 60, pairs: [] }] }),
        judgeProbe(other, { arrived: { packets: 0, bytes: 0 }, arrivedFrom: [], drops: [{ eni: "eni-nat", direction: "egress", packets: 2, bytes: 120, pairs: [] }] }),
      ],
      { lab: "r", plan: "p" },
    );
    expect(report.summary).toEqual({ flows: 2, allowed: 0, dropped: 2, unexpected: 1 });
    expect(report.drops.map((d) => [d.flow, d.count])).toEqual([
      ["second", 2],
      ["app-https", 1],
    ]);
    expect(report.region).toEqual({ id: "cn-hangzhou", sourceDestCheckSupported: true });
  });
});

describe("readDeclaredFlowFiles", () => {
  it("reads declared flows", async () => {
    const read = await readDeclaredFlowFiles([examplePath("router", "flows.yaml")], defaultLoaders);
    expect(read.map((f) => f.name)).toEqual(["a-to-onprem", "onprem-to-a", "a-to-router-ssh"]);
  });

  it("refuses captures and flow logs: the lab sends flows, it does not replay them", async () => {
    await expect(readDeclaredFlowFiles([examplePath("nat-instance", "flow-logs.csv")], defaultLoaders)).rejects.toMatchObject({ code: "NOT_DECLARED_FLOWS" });
  });

  it("refuses the same flow name in two files", async () => {
    const file = examplePath("router", "flows.yaml");
    const error = await readDeclaredFlowFiles([file, file], defaultLoaders).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain('"a-to-onprem" appears twice');
  });
});
