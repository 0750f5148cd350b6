/**
 * The one model every plan adapter produces (topology file, Pulumi program, preview JSON, stack
 * export, live account). Evaluation reads nothing else. Addresses stay as dotted strings here;
 * the evaluator indexes them as uint32 once.
 */

/** What the instance's OS does with packets that are not for it. */
export type ForwardingMode = "none" | "snat" | "route";
export const FORWARDING_MODES: readonly ForwardingMode[] = ["none", "snat", "route"];

export type NextHopType = "NetworkInterface" | "Instance" | "Local" | "Internet" | "Other";

export interface NextHop {
  readonly type: NextHopType;
  /** ENI or instance id for NetworkInterface/Instance; the cloud's id for others, if any. */
  readonly id?: string;
}

export interface Route {
  /** IPv4 CIDR, e.g. `0.0.0.0/0`. */
  readonly destination: string;
  readonly nextHop: NextHop;
}

export interface RouteTable {
  readonly id: string;
  readonly routes: readonly Route[];
}

export interface VSwitch {
  readonly id: string;
  readonly cidr: string;
  readonly routeTable?: string;
  readonly zone?: string;
  readonly vpc?: string;
}

export interface MetadataOptions {
  readonly httpEndpoint?: "enabled" | "disabled";
  readonly httpTokens?: "optional" | "required";
  readonly httpPutResponseHopLimit?: number;
}

export interface Instance {
  readonly id: string;
  readonly forwarding: ForwardingMode;
  readonly metadataOptions?: MetadataOptions;
  /** Instance name and tags: hints for classifying why it forwards (vpn, load-balancer, ...). */
  readonly name?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * True when the OS sends each reply out of the ENI that owns its source address (policy-based
   * routing). Without it, a multi-ENI Linux host sends everything not on a connected subnet out
   * of its primary ENI, which the check on that ENI drops (seed 001, multi-ENI scenario).
   */
  readonly policyRouting?: boolean;
}

/** The model of an ENI: defined once, here. */
export interface NetworkInterface {
  readonly id: string;
  readonly vswitch: string;
  readonly instance?: string;
  readonly primaryIp: string;
  readonly secondaryIps: readonly string[];
  /** `00:16:3e:xx:xx:xx`; needed to attribute captured frames to this ENI. */
  readonly mac?: string;
  /**
   * `undefined` means the plan leaves it to the cloud; the evaluator then uses the topology's
   * `sourceDestCheckDefault` (the account's mode), because that is what the cloud will do.
   */
  readonly sourceDestCheck?: boolean;
  /** Where this model came from (a Pulumi URN, a file and line), for messages. */
  readonly origin?: string;
  /** The instance's primary ENI (eth0). When no ENI of an instance says so, the first listed is. */
  readonly primary?: boolean;
  readonly name?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Topology {
  readonly region: string;
  /** The account's default for new ENIs (the 2025 announcement): true = enabled-by-default. */
  readonly sourceDestCheckDefault?: boolean;
  readonly vswitches: readonly VSwitch[];
  readonly routeTables: readonly RouteTable[];
  readonly instances: readonly Instance[];
  readonly networkInterfaces: readonly NetworkInterface[];
}
