import { describe, expect, it } from "vitest";
import { ObservedTraffic } from "../../../../simulator/model/observed-traffic";
import { buildCheckReport } from "../../../../simulator/model/evaluate";
import { indexTopology } from "../../../../simulator/model/topology-index";
import type { MetadataOptions, Topology } from "../../../../simulator/model/topology";
import { GATEWAY_MAC, natTopology, packet } from "./fixtures";

const APP_MAC = "00:16:3e:00:00:02";

function withAppMetadata(options: MetadataOptions | undefined): Topology {
  const t = natTopology(false);
  return { ...t, instances: t.instances.map((i) => (i.id === "i-app" && options ? { ...i, metadataOptions: options } : i)) };
}

function metadataFindings(options: MetadataOptions | undefined, requests: number) {
  const index = indexTopology(withAppMetadata(options));
  const sink = new ObservedTraffic(index);
  for (let i = 0; i < requests; i++) sink.packet(packet(APP_MAC, GATEWAY_MAC, "10.0.1.5", "100.100.100.200", 80, 6, 40000 + i, 80));
  // the service's replies and other traffic are not requests
  sink.packet(packet(GATEWAY_MAC, APP_MAC, "100.100.100.200", "10.0.1.5", 400, 6, 80, 40000));
  sink.packet(packet(APP_MAC, GATEWAY_MAC, "10.0.1.5", "100.100.100.200", 80, 6, 40000, 443));
  return buildCheckReport(index, sink).findings.filter((f) => f.kind === "metadata-token");
}

describe("metadata findings", () => {
  it("names an instance that reads metadata when the plan requires tokens", () => {
    const findings = metadataFindings({ httpEndpoint: "enabled", httpTokens: "required" }, 3);
    expect(findings).toEqual([expect.objectContaining({ eni: "eni-app", kind: "metadata-token", evidence: { flows: 0, packets: 3, bytes: 0, routes: [] } })]);
    expect(findings[0]!.message).toContain("httpTokens: required");
    expect(findings[0]!.fix).toContain("PUT /latest/api/token");
  });

  it("warns that a disabled endpoint fails every read", () => {
    const [finding] = metadataFindings({ httpEndpoint: "disabled" }, 1);
    expect(finding!.message).toContain("httpEndpoint: disabled");
  });

  it("says nothing when tokens are optional, options are unset, or nobody reads metadata", () => {
    expect(metadataFindings({ httpTokens: "optional" }, 5)).toEqual([]);
    expect(metadataFindings(undefined, 5)).toEqual([]);
    expect(metadataFindings({ httpTokens: "required" }, 0)).toEqual([]);
  });
});
