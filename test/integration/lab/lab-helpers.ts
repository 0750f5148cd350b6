/**
 * Shared by the lab's integration suites: why they skip, unique lab names, a state dir per file,
 * and teardown of every lab a test brought up (even when the test failed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processRunner } from "../../../simulator/lab/command-runner";
import { LabError } from "../../../simulator/lab/errors";
import { labDown, labUp, listNamespaces } from "../../../simulator/lab/lab-lifecycle";
import { labRun } from "../../../simulator/lab/lab-run";
import type { LabReport } from "../../../simulator/lab/lab-report";
import { labUnavailableReason } from "../../../simulator/lab/lab-requirements";
import { parseTopologyText } from "../../../simulator/plan";
import type { Topology } from "../../../simulator/model/topology";

/** Why the lab cannot run here (not root, ip/nft/sysctl missing), or undefined. */
export const LAB_SKIP_REASON = labUnavailableReason();
export const suiteName = (name: string): string => (LAB_SKIP_REASON === undefined ? name : `${name} (skipped: ${LAB_SKIP_REASON})`);

export const EXAMPLES_DIR = join(__dirname, "..", "..", "..", "examples");

export function exampleTopology(name: string): Topology {
  const file = join(EXAMPLES_DIR, name, "topology.yaml");
  return parseTopologyText(readFileSync(file, "utf8"), file);
}

export class LabFixture {
  readonly stateDir = mkdtempSync(join(tmpdir(), "eni-sim-lab-it-"));
  private readonly labs = new Set<string>();
  private serial = 0;
  /** Short, unique per process and call: parallel suites never share a name. */
  constructor(private readonly prefix: string) {}

  name(): string {
    this.serial++;
    const name = `${this.prefix}${process.pid.toString(36)}-${this.serial}`;
    this.labs.add(name);
    return name;
  }

  file(name: string, text: string): string {
    const path = join(this.stateDir, name);
    writeFileSync(path, text);
    return path;
  }

  async up(plan: Topology | string): Promise<string> {
    const lab = this.name();
    await labUp({ lab, plan, stateDir: this.stateDir });
    return lab;
  }

  async run(lab: string, traffic: string): Promise<LabReport> {
    return (await labRun({ lab, traffic, stateDir: this.stateDir })).report;
  }

  /** Downs every lab this fixture named; a lab that is not up is fine. */
  async teardown(): Promise<void> {
    for (const lab of this.labs) {
      await labDown({ lab, stateDir: this.stateDir }).catch((e: unknown) => {
        if (!(e instanceof LabError && e.code === "LAB_NOT_FOUND")) throw e;
      });
    }
    this.labs.clear();
  }

  remove(): void {
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

export async function labNamespaces(lab: string): Promise<string[]> {
  return (await listNamespaces(processRunner)).filter((n) => n.startsWith(`es-${lab}-`));
}

/** name → [kernel, model] for every flow. */
export const verdicts = (report: LabReport): Record<string, [string, string]> => Object.fromEntries(report.lab.flows.map((f) => [f.name, [f.kernel, f.model]]));
