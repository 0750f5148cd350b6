/**
 * What the program runner (child process) and program-dir.ts (parent) exchange: the request in
 * an environment variable, the answer as one JSON document on file descriptor 3, so whatever
 * the program prints on stdout/stderr cannot corrupt it.
 */

export const RUN_REQUEST_ENV = "ENI_SIM_PROGRAM_RUN";
export const RESULT_FD = 3;

export interface RunRequest {
  readonly dir: string;
  /** Absolute path of the module to load (Pulumi.yaml `main`, else the directory). */
  readonly main: string;
  readonly project: string;
  readonly stack: string;
  /** `alicloud:region` from the config, for data-source mocks (zones are named after it). */
  readonly region: string;
}

export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly id?: string;
  readonly inputs: Record<string, unknown>;
  readonly state: Record<string, unknown>;
}

export type RunResult =
  | { readonly ok: true; readonly resources: readonly CapturedResource[] }
  | { readonly ok: false; readonly message: string; readonly stack?: string };
