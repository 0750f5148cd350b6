import { describe, expect, it } from "vitest";
import { LabError } from "../../../simulator/lab/errors";
import { buildBlueprint } from "../../../simulator/lab/lab-blueprint";
import { planProbe } from "../../../simulator/lab/probe-plan";
import { indexTopology } from "../../../simulator/model/topology-index";
import type { DeclaredFlow } from "../../../simulator/traffic/records";
import { exampleTopology, type ExampleName } from "./lab-fixtures";

function plan(example: ExampleName, flow: Omit<DeclaredFlow, "name" | "protocol">) {
  const topology = exampleTopology(example);
  return planProbe(buildBlueprint("p", topology), indexTopology(topology), { name: "f", protocol: "udp", ...flow });
}

describe("planProbe", () => {
  it("a source held by an ENI sends from that ENI's host; a destination outside the plan is watched at the internet", () => {
    const p = plan("nat-instance", { src: "10.0.1.5", dst: "8.8.8.8" });
    expect(p.sender).toEqual({ namespace: "es-p-h1", label: "i-app (eni-app)", injectSource: false });
    expect(p.arrival).toEqual({ namespace: "es-p-net", label: "internet", kind: "internet" });
    // Its packets may carry its own source, or the NAT's after masquerade.
    expect(p.forwardSources).toEqual(["10.0.1.5", "10.0.0.10"]);
  });

  it("a destination held by an ENI is watched in its host", () => {
    expect(plan("router", { src: "10.1.0.5", dst: "10.2.0.1" }).arrival).toEqual({ namespace: "es-p-h0", label: "i-router (eni-router-b)", kind: "eni", eni: "eni-router-b" });
  });

  it("an outside source that a route points back through an instance is sent by that instance (router, VPN endpoint)", () => {
    expect(plan("router", { src: "172.16.4.20", dst: "10.1.0.5" }).sender).toEqual({ namespace: "es-p-h0", label: "i-router (eni-router-a)", injectSource: true });
    expect(plan("vpn-endpoint", { src: "192.168.100.7", dst: "10.0.1.10" }).sender.label).toBe("i-edge01 (eni-edge01)");
  });

  it("an outside source no route leads back to comes from the internet (an EIP)", () => {
    expect(plan("vpn-endpoint", { src: "198.51.100.7", dst: "10.0.0.30" }).sender).toEqual({ namespace: "es-p-net", label: "internet (198.51.100.7 outside the plan)", injectSource: true });
  });

  it.each([
    [{ src: "10.0.1.5", dst: "10.0.1.253" }, "gateway of vswitch vsw-private"],
    [{ src: "100.127.255.254", dst: "10.0.1.5" }, "uplink"],
    [{ src: "10.0.1.5", dst: "10.0.1.5" }, "two ends"],
  ])("refuses %j: it would be judged against the lab, not the plan", (flow, words) => {
    let error: unknown;
    try {
      plan("nat-instance", flow);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe("ADDRESS_CONFLICT");
    expect((error as LabError).message).toContain(words);
  });
});
