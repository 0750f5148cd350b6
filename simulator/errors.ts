/**
 * Typed errors of the simulator core, API and CLI. Each has a stable `code`; callers branch on
 * the class or the code, never on the message. The CLI maps every one of them to exit code 2
 * (bad input or usage): a verdict of "drops traffic" is a result, not an error.
 */

export type ModelErrorCode =
  | "INVALID_IP"
  | "INVALID_CIDR"
  | "INVALID_MAC"
  | "DUPLICATE_ID"
  | "UNKNOWN_REFERENCE"
  | "DUPLICATE_ADDRESS"
  | "INVALID_TOPOLOGY";

export type UsageErrorCode = "MISSING_OPTION" | "INVALID_OPTION" | "CONFLICTING_OPTIONS" | "UNSUPPORTED_COMMAND";

export abstract class SimulatorError extends Error {
  abstract readonly code: string;
}

/** The topology handed to the evaluator is inconsistent (a bad address, a dangling id). */
export class ModelError extends SimulatorError {
  override readonly name = "ModelError";
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The caller asked for something the API or CLI cannot do with these options. */
export class UsageError extends SimulatorError {
  override readonly name = "UsageError";
  constructor(
    readonly code: UsageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * True for errors that describe bad input rather than a bug: ours, and the typed errors of the
 * traffic/plan/report parts and Node's file-system errors, which all carry a string `code`.
 */
export function isInputError(err: unknown): err is Error & { code: string } {
  if (err instanceof SimulatorError) return true;
  return err instanceof Error && typeof (err as { code?: unknown }).code === "string";
}
