/** Typed errors of the report renderers; callers branch on `code`, never on the message. */
export type ReportErrorCode = "REPORT_BAD_OPTION";

export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ReportError";
  }
}

/** A renderer option outside its allowed range (names the option, the value and what is allowed). */
export class ReportOptionError extends ReportError {
  constructor(option: string, value: unknown, allowed: string) {
    super("REPORT_BAD_OPTION", `report option ${option}=${JSON.stringify(value)} is invalid: expected ${allowed}`);
    this.name = "ReportOptionError";
  }
}
