/** Closed set of outcomes of a traced flow, in the spirit of Batfish's FlowDisposition. */
export const DISPOSITIONS = ["ACCEPTED", "EXITS_NETWORK", "DENIED_EGRESS", "DENIED_INGRESS", "NO_ROUTE"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Success and failure sets are derived once here, never rebuilt from string checks. */
export const SUCCESS_DISPOSITIONS: ReadonlySet<Disposition> = new Set<Disposition>(["ACCEPTED", "EXITS_NETWORK"]);
export const FAILURE_DISPOSITIONS: ReadonlySet<Disposition> = new Set<Disposition>(
  DISPOSITIONS.filter((d) => !SUCCESS_DISPOSITIONS.has(d)),
);

export const isSuccess = (d: Disposition): boolean => SUCCESS_DISPOSITIONS.has(d);
