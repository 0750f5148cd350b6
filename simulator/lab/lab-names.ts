/**
 * Every name the lab gives to a kernel object, derived deterministically from the lab name and
 * ordinals in the plan. Interface names live inside the lab's own namespaces, so they never meet
 * the host's and stay far below IFNAMSIZ (15); plan ids (which can be long or hold any
 * character) never reach the kernel, and the state file maps names back to ids.
 */
import { LabError } from "./errors";

/** `es-<lab>-vpc` must stay a short, shell-safe file name under /run/netns. */
export const LAB_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,23}$/;

/** Linux IFNAMSIZ minus the terminating NUL. */
export const MAX_IFNAME_LENGTH = 15;

export function validateLabName(name: unknown): string {
  if (typeof name !== "string" || !LAB_NAME_PATTERN.test(name)) {
    throw new LabError("INVALID_LAB_NAME", `lab name ${JSON.stringify(name)} is not allowed: use 1-24 characters a-z, 0-9 and '-', starting with a letter or digit`);
  }
  return name;
}

const prefix = (lab: string): string => `es-${lab}`;

export const vpcNamespace = (lab: string): string => `${prefix(lab)}-vpc`;
export const internetNamespace = (lab: string): string => `${prefix(lab)}-net`;
/** One namespace per host: an instance, or an ENI attached to none (it still receives). */
export const hostNamespace = (lab: string, hostOrdinal: number): string => `${prefix(lab)}-h${hostOrdinal}`;
/** True for every namespace name a lab of this name could own: `down` after a crash relies on it. */
export const isLabNamespace = (lab: string, namespace: string): boolean =>
  namespace === vpcNamespace(lab) || namespace === internetNamespace(lab) || new RegExp(`^${prefix(lab)}-h[0-9]+$`).test(namespace);

/** The bridge standing for a vSwitch, inside the vpc namespace. */
export const bridgeName = (vswitchOrdinal: number): string => `br${vswitchOrdinal}`;
/** An ENI's bridge port (the vpc end of its veth pair): where the check is enforced. */
export const portName = (eniOrdinal: number): string => `p${eniOrdinal}`;
/** The ENI inside its instance: eth0 for the primary, eth1... as the cloud's images name them. */
export const ethName = (positionOnHost: number): string => `eth${positionOnHost}`;
export const UPLINK_VPC = "up0";
export const UPLINK_INTERNET = "wan0";

/** nftables names in the vpc namespace: one counter and one conversation set per ENI and direction. */
export const CHECK_TABLE = "enisim_check";
export const checkCounterName = (eniOrdinal: number, direction: "egress" | "ingress"): string => `e${eniOrdinal}_${direction}`;
export const checkSetName = (eniOrdinal: number, direction: "egress" | "ingress"): string => `e${eniOrdinal}_${direction}_seen`;
/** nftables names in every host namespace and the internet one: what arrived there. */
export const ARRIVAL_TABLE = "enisim_probe";
export const ARRIVAL_CHAIN = "arrive";
export const ARRIVAL_COUNTER = "arrived";
/** The source addresses arriving packets carried (after any NAT on the way). */
export const ARRIVAL_SOURCES = "arrived_from";
/** In a host whose instance does NAT: forwarded packets are marked, then masqueraded. */
export const SNAT_TABLE = "enisim_snat";
export const SNAT_MARK = "0x5e";

/** Route tables in the vpc namespace: one per plan route table, and one for vSwitches naming none. */
export const SYSTEM_TABLE_NUMBER = 999;
export const routeTableNumber = (tableOrdinal: number): number => 1000 + tableOrdinal;
/** Policy routing inside an instance: one table per ENI, chosen by source address. */
export const hostTableNumber = (positionOnHost: number): number => 100 + positionOnHost;
