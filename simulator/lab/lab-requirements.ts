/**
 * What the lab needs from the machine: root (namespaces and nftables need CAP_SYS_ADMIN and
 * CAP_NET_ADMIN) and the tools it drives. Checked before anything is made, so a missing tool
 * is named up front instead of failing halfway through `up`.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { LabError } from "./errors";

/** Tools every lab command drives; python3 only sends icmp probes. */
export const LAB_TOOLS = ["ip", "nft", "sysctl"] as const;

export function findOnPath(tool: string, pathVariable: string | undefined = process.env["PATH"]): string | undefined {
  for (const dir of (pathVariable ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}

export interface LabRequirementStatus {
  readonly root: boolean;
  readonly missing: readonly string[];
}

export function labRequirementStatus(tools: readonly string[] = LAB_TOOLS): LabRequirementStatus {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return { root, missing: tools.filter((t) => findOnPath(t) === undefined) };
}

/** Why the lab cannot run here, or undefined: tests use it to skip with a reason. */
export function labUnavailableReason(tools: readonly string[] = LAB_TOOLS): string | undefined {
  const status = labRequirementStatus(tools);
  const reasons: string[] = [];
  if (!status.root) reasons.push("not root (network namespaces and nftables need root)");
  if (status.missing.length > 0) reasons.push(`missing on PATH: ${status.missing.join(", ")} (install iproute2, nftables and procps)`);
  return reasons.length === 0 ? undefined : reasons.join("; ");
}

/** The error for a machine in this state, or undefined when the lab can run. Pure. */
export function requirementError(status: LabRequirementStatus, tools: readonly string[] = LAB_TOOLS): LabError | undefined {
  if (!status.root) return new LabError("NOT_ROOT", "eni-sim lab needs root: it creates network namespaces and nftables rules (run it with sudo)");
  if (status.missing.length > 0) {
    return new LabError("MISSING_TOOL", `eni-sim lab needs ${status.missing.join(", ")} on PATH (${tools.join(", ")} are required: install iproute2, nftables and procps)`);
  }
  return undefined;
}

export function assertLabRequirements(tools: readonly string[] = LAB_TOOLS): void {
  const error = requirementError(labRequirementStatus(tools), tools);
  if (error) throw error;
}
