import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { check } from "../../../../simulator/api/check";
import { METADATA_UNKNOWN, METADATA_WITH_TOKEN } from "../../../../simulator/traffic/metadata-request";
import { ObservedTraffic } from "../../../../simulator/model/observed-traffic";
import { buildCheckReport } from "../../../../simulator/model/evaluate";
import { indexTopology } from "../../../../simulator/model/topology-index";
import type { MetadataOptions, Topology } from "../../../../simulator/model/topology";
import { eni, GATEWAY_MAC, natTopology, packet } from "./fixtures";

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

describe("metadata reads from a capture (test/fixtures/traffic/metadata-reads.pcap)", () => {
  // Client 10.0.1.5 reads without a token; 10.0.1.6 fetches a token and sends it.
  const capture = join(__dirname, "../../../fixtures/traffic/metadata-reads.pcap");

  function readers(options: { legacy?: MetadataOptions; hardened?: MetadataOptions }): Topology {
    const t = natTopology(false);
    return {
      ...t,
      instances: [...t.instances.filter((i) => i.id !== "i-app"), { id: "i-legacy", forwarding: "none", ...(options.legacy ? { metadataOptions: options.legacy } : {}) }, { id: "i-hardened", forwarding: "none", ...(options.hardened ? { metadataOptions: options.hardened } : {}) }],
      networkInterfaces: [
        t.networkInterfaces[0]!,
        eni("eni-legacy", "vsw-private", "i-legacy", "10.0.1.5", "00:16:3e:01:00:05", true),
        eni("eni-hardened", "vsw-private", "i-hardened", "10.0.1.6", "00:16:3e:01:00:06", true),
      ],
    };
  }

  it("requires tokens: names the instance whose request carries none, and only it", async () => {
    const required: MetadataOptions = { httpEndpoint: "enabled", httpTokens: "required" };
    const report = await check({ plan: readers({ legacy: required, hardened: required }), traffic: capture });
    const findings = report.findings.filter((f) => f.kind === "metadata-token");
    expect(findings.map((f) => f.eni)).toEqual(["eni-legacy"]);
    expect(findings[0]!.message).toContain("1 request without a token");
    expect(findings[0]!.message).toContain("will get 401");
  });

  it("the metadata section says who would break before tokens are enforced", async () => {
    const report = await check({ plan: readers({}), traffic: capture });
    expect(report.findings.filter((f) => f.kind === "metadata-token")).toEqual([]);
    expect(report.metadata).toEqual({
      "i-hardened": { enis: ["eni-hardened"], packets: 2, requests: { withoutToken: 0, withToken: 1, tokenRequests: 1, unreadable: 0 }, httpEndpoint: "enabled", httpTokens: "optional", breaksIfTokensRequired: false },
      "i-legacy": { enis: ["eni-legacy"], packets: 1, requests: { withoutToken: 1, withToken: 0, tokenRequests: 0, unreadable: 0 }, httpEndpoint: "enabled", httpTokens: "optional", breaksIfTokensRequired: true },
    });
  });

  it("a request whose headers were cut is named as undecidable, not as safe", () => {
    const index = indexTopology(withAppMetadata({ httpTokens: "required" }));
    const sink = new ObservedTraffic(index);
    sink.packet({ ...packet(APP_MAC, GATEWAY_MAC, "10.0.1.5", "100.100.100.200", 80, 6, 40000, 80), metadataRequest: METADATA_UNKNOWN });
    sink.packet({ ...packet(APP_MAC, GATEWAY_MAC, "10.0.1.5", "100.100.100.200", 80, 6, 40001, 80), metadataRequest: METADATA_WITH_TOKEN });
    const [finding] = buildCheckReport(index, sink).findings.filter((f) => f.kind === "metadata-token");
    expect(finding!.message).toContain("cannot be told");
    expect(finding!.message).toContain("1 request with one, 1 request with cut headers");
  });
});
