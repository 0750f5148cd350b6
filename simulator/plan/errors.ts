/**
 * Errors raised while turning a plan source into a Topology. Callers (the CLI, the policy pack)
 * branch on `code`, never on the message; the message is for people and always names the file,
 * the path inside it, the value found and what is allowed.
 */

export type PlanErrorCode =
  | "PLAN_NOT_FOUND"
  | "PLAN_UNREADABLE"
  | "UNKNOWN_PLAN_FORMAT"
  | "INVALID_SYNTAX"
  | "MISSING_FIELD"
  | "UNKNOWN_FIELD"
  | "INVALID_VALUE"
  | "DUPLICATE_ID"
  | "DANGLING_REFERENCE"
  | "IP_OUTSIDE_VSWITCH"
  | "DUPLICATE_IP"
  | "DUPLICATE_PRIMARY"
  | "VSWITCH_FULL"
  | "PROGRAM_FAILED"
  | "PROGRAM_TIMEOUT"
  | "LIVE_READ_FAILED";

export interface PlanErrorDetails {
  /** The plan file, program directory or endpoint the problem is in. */
  readonly file?: string;
  /** 1-based line in `file`, when the format keeps positions (YAML/JSON topology files). */
  readonly line?: number;
  /** Where inside the source, e.g. `networkInterfaces[2].primaryIp` or a Pulumi URN. */
  readonly path?: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** What would have been accepted. */
  readonly allowed?: string;
}

export class PlanError extends Error {
  override readonly name = "PlanError";
  readonly code: PlanErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly path: string | undefined;
  readonly value: unknown;
  readonly allowed: string | undefined;
  /** The problem alone, without location; the message adds file/line/path/value/allowed. */
  readonly problem: string;

  constructor(code: PlanErrorCode, problem: string, details: PlanErrorDetails = {}, options?: { cause?: unknown }) {
    super(formatPlanError(problem, details), options);
    this.code = code;
    this.problem = problem;
    this.file = details.file;
    this.line = details.line;
    this.path = details.path;
    this.value = details.value;
    this.allowed = details.allowed;
  }

  /** The same error located in `file` (adapters learn the file name after the pure core threw). */
  withFile(file: string, line?: number): PlanError {
    return new PlanError(
      this.code,
      this.problem,
      { file, line: line ?? this.line, path: this.path, value: this.value, allowed: this.allowed },
      { cause: this.cause },
    );
  }
}

function formatPlanError(problem: string, d: PlanErrorDetails): string {
  const where = d.file === undefined ? "" : d.line === undefined ? `${d.file}: ` : `${d.file}:${d.line}: `;
  const path = d.path === undefined ? "" : `${d.path}: `;
  const value = "value" in d ? ` (got ${describeValue(d.value)})` : "";
  const allowed = d.allowed === undefined ? "" : `; allowed: ${d.allowed}`;
  return `${where}${path}${problem}${value}${allowed}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
