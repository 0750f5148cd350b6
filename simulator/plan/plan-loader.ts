/**
 * loadPlan: any plan source -> the one Topology. Detection is in plan-detection.ts; each kind
 * has its adapter; the Pulumi kinds share one mapper (pulumi-resource-mapper.ts).
 */
import { readFile } from "node:fs/promises";
import type { Topology } from "../model/topology";
import { PlanError } from "./errors";
import { detectPlan, type DetectedPlan } from "./plan-detection";
import type { PulumiDocumentKind } from "./pulumi-documents";
import { readPulumiDocument } from "./pulumi-documents";
import { mapPulumiResources } from "./pulumi-resource-mapper";
import { parseTopologyText } from "./topology-file";
import type { PlanResult } from "./topology-builder";
import { readProgramResources, type ProgramOptions } from "./program-dir";
import { readLivePlan, type LiveOptions } from "./live";

/** A live account given as an object instead of `live:<endpoint>`. */
export interface LivePlanSource extends LiveOptions {
  readonly kind: "live";
}

export type PlanSource = LivePlanSource;

export type PlanKind = "topology-file" | PulumiDocumentKind | "program" | "live";

export interface LoadPlanOptions extends Omit<ProgramOptions, "dir"> {
  /** Region for sources that do not carry one (and the live account's region). */
  readonly region?: string;
  /**
   * Elements a Pulumi plan references but does not declare (an existing vSwitch, the VPC's
   * system route table), typically the live account's topology.
   */
  readonly base?: Topology;
  /** Credentials and endpoints for `live:` sources given as a string. */
  readonly live?: Omit<LiveOptions, "endpoint">;
}

export interface LoadedPlan extends PlanResult {
  readonly kind: PlanKind;
}

export async function loadPlan(source: string | PlanSource, options: LoadPlanOptions = {}): Promise<Topology> {
  return (await readPlan(source, options)).topology;
}

/** Like loadPlan, with the notes (placeholders, assumptions, skipped resources) and the kind. */
export async function readPlan(source: string | PlanSource, options: LoadPlanOptions = {}): Promise<LoadedPlan> {
  if (typeof source !== "string") {
    const { kind: _kind, ...given } = source;
    const region = given.region ?? options.live?.region ?? options.region;
    const live = await readLivePlan({ ...options.live, ...given, ...(region === undefined ? {} : { region }) });
    return { kind: "live", ...live };
  }
  const detected = await detectPlan(source, (file) => readFile(file, "utf8"));
  return readDetected(detected, options);
}

async function readDetected(detected: DetectedPlan, options: LoadPlanOptions): Promise<LoadedPlan> {
  const mapOptions = (source: string) => ({ source, ...(options.region === undefined ? {} : { region: options.region }), ...(options.base === undefined ? {} : { base: options.base }) });
  switch (detected.kind) {
    case "topology-file":
      return { kind: "topology-file", topology: parseTopologyText(detected.text, detected.file), notes: [] };
    case "pulumi-document": {
      const doc = readPulumiDocument(detected.document, detected.file);
      const region = options.region ?? doc.region;
      try {
        return { kind: doc.kind, ...mapPulumiResources(doc.resources, { ...mapOptions(detected.file), ...(region === undefined ? {} : { region }) }) };
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        const located = error.file === undefined ? error.withFile(detected.file) : error;
        if (located.code !== "DANGLING_REFERENCE" || doc.partial !== true) throw located;
        // The usual cause: a preview lists only what changes unless asked for the rest.
        throw new PlanError(located.code, `${located.problem}; this preview has no unchanged resources: run \`pulumi preview --json --show-sames\`, or pass the live account as the base`, { file: detected.file, ...(located.path === undefined ? {} : { path: located.path }), value: located.value, ...(located.allowed === undefined ? {} : { allowed: located.allowed }) }, { cause: error });
      }
    }
    case "program": {
      const run = await readProgramResources({ ...options, dir: detected.dir, ...(detected.stack === undefined ? {} : { stack: detected.stack }) });
      const region = options.region ?? run.region;
      try {
        return { kind: "program", ...mapPulumiResources(run.resources, { ...mapOptions(detected.dir), ...(region === undefined ? {} : { region }) }) };
      } catch (error) {
        throw error instanceof PlanError && error.file === undefined ? error.withFile(detected.dir) : error;
      }
    }
    case "live": {
      const region = options.live?.region ?? options.region;
      const live = await readLivePlan({ ...options.live, ...(region === undefined ? {} : { region }), ...(detected.endpoint === undefined ? {} : { endpoint: detected.endpoint }) });
      return { kind: "live", ...live };
    }
    default:
      return assertNever(detected);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled plan kind ${JSON.stringify(value)}`);
}
