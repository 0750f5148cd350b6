/**
 * Metadata findings: an instance whose plan requires metadata tokens (httpTokens: required) or
 * turns the endpoint off, while captures show it reading the metadata service. Packets carry no
 * HTTP headers here, so the simulator cannot tell token-bearing requests from others: it names
 * who talks to the service, which is who would break if a client there reads without a token.
 */
import type { Finding } from "./check-report";
import type { TopologyIndex } from "./topology-index";

export function buildMetadataFindings(index: TopologyIndex, metadataRequests: Float64Array | undefined): Finding[] {
  if (!metadataRequests) return [];
  const findings: Finding[] = [];
  for (const eni of index.enis) {
    const packets = metadataRequests[eni.ordinal] ?? 0;
    const options = eni.instance?.metadataOptions;
    if (packets === 0 || !options || !eni.instance) continue;
    const instance = eni.instance.id;
    const evidence = { flows: 0, packets, bytes: 0, routes: [] };
    if (options.httpEndpoint === "disabled") {
      findings.push({
        eni: eni.eni.id,
        kind: "metadata-token",
        message: `${instance} sent ${packets} packets to the metadata service (100.100.100.200:80) through ${eni.eni.id}, but the plan turns the endpoint off (httpEndpoint: disabled): every such read will fail`,
        evidence,
        fix: `keep httpEndpoint: enabled on ${instance}, or stop the clients that read instance metadata`,
      });
    } else if (options.httpTokens === "required") {
      findings.push({
        eni: eni.eni.id,
        kind: "metadata-token",
        message: `${instance} sent ${packets} packets to the metadata service (100.100.100.200:80) through ${eni.eni.id}, and the plan requires tokens (httpTokens: required): any client there that reads without a token gets 401`,
        evidence,
        fix: `make every client on ${instance} PUT /latest/api/token (header X-aliyun-ecs-metadata-token-ttl-seconds) and send X-aliyun-ecs-metadata-token, or keep httpTokens: optional until they do`,
      });
    }
  }
  return findings;
}
