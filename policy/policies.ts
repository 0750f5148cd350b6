/**
 * The alicloud-eni policy pack: the simulator's verdicts as CrossGuard violations. Every policy is
 * a stack policy, because a verdict on one ENI depends on routes and instances declared elsewhere
 * in the stack (a route whose next hop is the ENI makes it a forwarder).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { checkPlan, type Finding, type FindingKind, type Topology } from "alicloud-eni/simulator";
import { originUrn, stackTopology } from "./stack-topology";

/** Policy config (`pulumi preview --policy-pack-config`), see docs/policy-pack.md. */
export interface EniPolicyConfig {
  /** Capture, flow-log or declared-flow files judged against the plan. */
  readonly traffic?: readonly string[];
  /** Overrides the region read from the stack's provider config. */
  readonly region?: string;
  /** Instance ids or Pulumi names allowed to keep token-less metadata access. */
  readonly allowTokenlessMetadata?: readonly string[];
}

const CONFIG_SCHEMA = {
  properties: {
    traffic: { type: "array", items: { type: "string" } },
    region: { type: "string" },
    allowTokenlessMetadata: { type: "array", items: { type: "string" } },
  },
} as const;

interface Verdict {
  readonly topology: Topology;
  readonly findings: readonly Finding[];
  readonly urnOf: (eniId: string) => string | undefined;
}

// The stack policies of one preview see the same resources: evaluate once and share the verdict.
const verdicts = new WeakMap<readonly PolicyResource[], Promise<Verdict>>();

function verdictFor(args: StackValidationArgs): Promise<Verdict> {
  let verdict = verdicts.get(args.resources);
  if (verdict === undefined) {
    verdict = evaluate(args);
    verdicts.set(args.resources, verdict);
  }
  return verdict;
}

async function evaluate(args: StackValidationArgs): Promise<Verdict> {
  const config = args.getConfig<EniPolicyConfig>();
  const { topology } = stackTopology(args.resources, config.region);
  const { report } = await checkPlan({ plan: topology, traffic: config.traffic ?? [] });
  const urns = new Map(topology.networkInterfaces.map((eni) => [eni.id, originUrn(eni.origin)]));
  return { topology, findings: report.findings, urnOf: (eniId) => urns.get(eniId) };
}

function findingsPolicy(name: string, description: string, kinds: readonly FindingKind[], level: "mandatory" | "advisory"): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: level,
    configSchema: CONFIG_SCHEMA,
    validateStack: async (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const verdict = await verdictFor(args);
      for (const finding of verdict.findings) {
        if (!kinds.includes(finding.kind)) continue;
        const fix = finding.fix === undefined ? "" : ` Fix: ${finding.fix}.`;
        reportViolation(`${finding.message}.${fix}`, verdict.urnOf(finding.eni));
      }
    },
  };
}

export const forwardersNeedCheckOff = findingsPolicy(
  "eni-forwarders-need-source-dest-check-off",
  "NAT instances, routers, load balancers, VPN endpoints and multi-ENI hosts drop forwarded traffic when Source/Destination Check is on; the account's new default may turn it on.",
  ["must-disable", "policy-routing"],
  "mandatory",
);

export const checkOnlyWhereOffered = findingsPolicy(
  "eni-source-dest-check-supported-region",
  "Source/Destination Check exists in 28 regions only; setting it elsewhere protects nothing.",
  ["unsupported-region"],
  "mandatory",
);

export const lockDownCandidates = findingsPolicy(
  "eni-source-dest-check-can-enable",
  "ENIs with the check off that forward nothing could have it on (anti-spoofing).",
  ["can-enable"],
  "advisory",
);

export const explicitSourceDestCheck: StackValidationPolicy = {
  name: "eni-source-dest-check-explicit",
  description: "Leaving sourceDestCheck unset means the cloud's default, which now depends on the account: say what the ENI needs.",
  enforcementLevel: "advisory",
  configSchema: CONFIG_SCHEMA,
  validateStack: async (args, reportViolation) => {
    const verdict = await verdictFor(args);
    for (const eni of verdict.topology.networkInterfaces) {
      if (eni.sourceDestCheck !== undefined) continue;
      const urn = verdict.urnOf(eni.id);
      if (urn === undefined) continue; // not declared by this stack (e.g. read from the live account)
      reportViolation(`${eni.id} leaves sourceDestCheck to the account's default (on for new ENIs in many accounts since 2025-04-22): set it to true, or to false if the ENI forwards traffic.`, urn);
    }
  },
};

export const metadataTokensRequired: StackValidationPolicy = {
  name: "instance-metadata-tokens-required",
  description: "Instances should read metadata in security-hardened mode (httpTokens: required), which defends against SSRF.",
  enforcementLevel: "advisory",
  configSchema: CONFIG_SCHEMA,
  validateStack: async (args, reportViolation) => {
    const allowed = new Set(args.getConfig<EniPolicyConfig>().allowTokenlessMetadata ?? []);
    const verdict = await verdictFor(args);
    for (const instance of verdict.topology.instances) {
      if (allowed.has(instance.id) || instance.metadataOptions?.httpEndpoint === "disabled") continue;
      if (instance.metadataOptions?.httpTokens === "required") continue;
      const resource = args.resources.find((r) => instance.id === `i-${r.name}` || instance.id === r.name);
      reportViolation(
        `${instance.id} accepts metadata requests without a token (httpTokens: ${instance.metadataOptions?.httpTokens ?? "unset"}): set metadataOptions.httpTokens to "required" once its applications send the token, or list it in allowTokenlessMetadata.`,
        resource?.urn,
      );
    }
  },
};

export const POLICIES: StackValidationPolicy[] = [forwardersNeedCheckOff, checkOnlyWhereOffered, explicitSourceDestCheck, metadataTokensRequired, lockDownCandidates];
