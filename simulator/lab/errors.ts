/**
 * Typed errors of `eni-sim lab`. Each has a stable `code`; the CLI maps every one to exit code 2
 * (the lab could not be built or driven), never to 1, which is reserved for "traffic dropped".
 */

export type LabErrorCode =
  /** Not root: network namespaces and nftables need CAP_NET_ADMIN/CAP_SYS_ADMIN. */
  | "NOT_ROOT"
  /** `ip`, `nft`, `sysctl` or (for icmp flows) `python3` is not on PATH. */
  | "MISSING_TOOL"
  | "INVALID_LAB_NAME"
  /** `up` for a name whose state file or namespaces already exist. */
  | "LAB_EXISTS"
  /** `run`, `exec` or `down` for a name that is not up. */
  | "LAB_NOT_FOUND"
  | "BAD_STATE_FILE"
  /** The plan cannot be built in namespaces (no free gateway address, a /31 vSwitch, ...). */
  | "UNSUPPORTED_TOPOLOGY"
  /** A declared flow uses an address the lab reserves for itself (a gateway, the uplink). */
  | "ADDRESS_CONFLICT"
  | "UNKNOWN_INSTANCE"
  /** `lab run` was given traffic that is not declared flows (captures, flow logs). */
  | "NOT_DECLARED_FLOWS"
  /** A command the lab ran (ip, nft, sysctl, a probe) failed or timed out. */
  | "COMMAND_FAILED";

export class LabError extends Error {
  override readonly name = "LabError";
  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
}
