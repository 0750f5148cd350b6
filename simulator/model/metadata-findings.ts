/**
 * Metadata findings: an instance whose plan requires metadata tokens (httpTokens: required) or
 * turns the endpoint off, while the traffic shows it reading the metadata service. A capture
 * that holds the requests' HTTP heads says which carried a token, so the finding names exactly
 * the requests that would get 401, and says nothing when every request already uses a token.
 * Flow logs (or a capture cut before the payload) give packets only: then the finding names the
 * instance as one whose clients would break if any reads without a token.
 *
 * The report's `metadata` section gives the same counts for every instance that reads the
 * service, whatever its plan says: who would break before tokens are enforced.
 */
import type { Finding, InstanceMetadataReads } from "./check-report";
import { plural } from "./findings";
import type { IndexedEni, TopologyIndex } from "./topology-index";
import { METADATA_KINDS, METADATA_TOKEN_REQUEST, METADATA_UNKNOWN, METADATA_WITH_TOKEN, METADATA_WITHOUT_TOKEN } from "../traffic/metadata-request";

/** What the observed traffic holds about metadata reads (ObservedTraffic's two tables). */
export interface MetadataTraffic {
  /** Per ENI ordinal: packets to 100.100.100.200:80. */
  readonly metadataRequests: Float64Array;
  /** Per ENI ordinal × METADATA_KINDS: requests by what their HTTP head says. */
  readonly metadataRequestKinds: Float64Array;
}

/** Per instance id, the instances that sent packets to the metadata service (ids sorted). */
export function metadataReads(index: TopologyIndex, traffic: MetadataTraffic): Record<string, InstanceMetadataReads> {
  const byInstance = new Map<string, InstanceMetadataReads>();
  for (const eni of index.enis) {
    const packets = traffic.metadataRequests[eni.ordinal] ?? 0;
    if (packets === 0 || eni.instance === undefined) continue;
    const options = eni.instance.metadataOptions;
    let reads = byInstance.get(eni.instance.id);
    if (reads === undefined) {
      reads = {
        enis: [],
        packets: 0,
        requests: { withoutToken: 0, withToken: 0, tokenRequests: 0, unreadable: 0 },
        // Unset options are the cloud's defaults.
        httpEndpoint: options?.httpEndpoint ?? "enabled",
        httpTokens: options?.httpTokens ?? "optional",
        breaksIfTokensRequired: false,
      };
      byInstance.set(eni.instance.id, reads);
    }
    const kinds = requestKinds(traffic, eni);
    reads.enis.push(eni.eni.id);
    reads.packets += packets;
    reads.requests.withoutToken += kinds.withoutToken;
    reads.requests.withToken += kinds.withToken;
    reads.requests.tokenRequests += kinds.tokenRequests;
    reads.requests.unreadable += kinds.unreadable;
    reads.breaksIfTokensRequired ||= tokenReadiness(kinds) === "breaks";
  }
  return Object.fromEntries([...byInstance].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What requiring tokens would do to an instance's metadata clients, judged from their requests. */
export type TokenReadiness = "breaks" | "headers-cut" | "ready" | "no-heads";

export function tokenReadiness(requests: InstanceMetadataReads["requests"]): TokenReadiness {
  if (requests.withoutToken > 0) return "breaks";
  if (requests.unreadable > 0) return "headers-cut";
  return requests.withToken + requests.tokenRequests > 0 ? "ready" : "no-heads";
}

function requestKinds(traffic: MetadataTraffic, eni: IndexedEni): InstanceMetadataReads["requests"] {
  const at = eni.ordinal * METADATA_KINDS;
  const k = traffic.metadataRequestKinds;
  return { withoutToken: k[at + METADATA_WITHOUT_TOKEN]!, withToken: k[at + METADATA_WITH_TOKEN]!, tokenRequests: k[at + METADATA_TOKEN_REQUEST]!, unreadable: k[at + METADATA_UNKNOWN]! };
}

export function buildMetadataFindings(index: TopologyIndex, traffic: MetadataTraffic): Finding[] {
  const findings: Finding[] = [];
  for (const eni of index.enis) {
    const packets = traffic.metadataRequests[eni.ordinal] ?? 0;
    const options = eni.instance?.metadataOptions;
    if (packets === 0 || !options || !eni.instance) continue;
    const instance = eni.instance.id;
    const kinds = requestKinds(traffic, eni);
    const seen = kinds.withoutToken + kinds.withToken + kinds.tokenRequests + kinds.unreadable;
    // Messages lead with the consequence (a table cuts long ones); the counts follow.
    const where = `${plural(packets, "packet")} to 100.100.100.200:80 through ${eni.eni.id}${seen > 0 ? `; of ${plural(seen, "request")}: ${describe(kinds)}` : ""}`;
    const evidence = { flows: 0, packets, bytes: 0, routes: [] };
    const tokenFix = `make every client on ${instance} PUT /latest/api/token (header X-aliyun-ecs-metadata-token-ttl-seconds) and send X-aliyun-ecs-metadata-token, or keep httpTokens: optional until they do`;
    if (options.httpEndpoint === "disabled") {
      findings.push({
        eni: eni.eni.id,
        kind: "metadata-token",
        message: `${instance} reads instance metadata, but the plan turns the endpoint off (httpEndpoint: disabled): every such read will fail (${where})`,
        evidence,
        fix: `keep httpEndpoint: enabled on ${instance}, or stop the clients that read instance metadata`,
      });
      continue;
    }
    if (options.httpTokens !== "required") continue;
    const readiness = tokenReadiness(kinds);
    if (readiness === "breaks") {
      findings.push({
        eni: eni.eni.id,
        kind: "metadata-token",
        message: `${plural(kinds.withoutToken, "metadata request")} without a token from ${instance} will get 401 under httpTokens: required (${where})`,
        evidence,
        fix: tokenFix,
      });
    } else if (readiness === "headers-cut") {
      findings.push({
        eni: eni.eni.id,
        kind: "metadata-token",
        message: `${plural(kinds.unreadable, "metadata request")} from ${instance} were captured without the end of their headers (a small snaplen, or headers split across segments): whether they get 401 under httpTokens: required cannot be told (capture with tcpdump -s 0; ${where})`,
        evidence,
        fix: tokenFix,
      });
    } else if (readiness === "no-heads") {
      // Packets without readable heads (flow logs, payload-less captures): who, not which.
      findings.push({
        eni: eni.eni.id,
        kind: "metadata-token",
        message: `${instance} reads instance metadata and the plan requires tokens (httpTokens: required): any client there that reads without a token gets 401 (${where}; the traffic holds no HTTP heads to tell which, a capture of ${eni.eni.id} would)`,
        evidence,
        fix: tokenFix,
      });
    }
    // Every request seen carried a token or asked for one: the instance is ready.
  }
  return findings;
}

function describe(kinds: InstanceMetadataReads["requests"]): string {
  const parts = [
    kinds.withoutToken > 0 ? `${plural(kinds.withoutToken, "request")} without a token` : "",
    kinds.withToken > 0 ? `${plural(kinds.withToken, "request")} with one` : "",
    kinds.tokenRequests > 0 ? `${plural(kinds.tokenRequests, "token request")}` : "",
    kinds.unreadable > 0 ? `${plural(kinds.unreadable, "request")} with cut headers` : "",
  ];
  return parts.filter((p) => p !== "").join(", ");
}

