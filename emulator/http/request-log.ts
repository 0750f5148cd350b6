import type { RawParams } from "../actions/action";

/** One API call as the control endpoint reports it. */
export interface RequestLogEntry {
  readonly seq: number;
  /** ISO-8601 time the request arrived. */
  readonly time: string;
  readonly product: string | null;
  readonly action: string | null;
  readonly status: number;
  /** The error Code, or null on success. */
  readonly code: string | null;
  readonly durationMs: number;
  /** The fault injected into this call, if any (e.g. "throttle"). */
  readonly fault: string | null;
  readonly params: Readonly<Record<string, string>>;
}

/** What the API handler knows about a call when it ends. */
export interface CallFacts {
  readonly product: string | null;
  readonly action: string | null;
  readonly fault: string | null;
  readonly params: RawParams;
}

/**
 * A bounded ring of recent API calls, so tests can count calls without unbounded memory.
 * Kept as parallel arrays (one per field) rather than an object per call: the numbers sit
 * unboxed in double/small-integer arrays and the rest are references the call already holds
 * (constant names, the shared parameter map), so recording allocates nothing. An object per
 * call lived long enough to be promoted and then cost the old-generation collector on every
 * cycle. Rendering (dates, param objects) waits until someone reads the log.
 */
export class RequestLog {
  private readonly seqs: number[] = [];
  private readonly startedAts: number[] = [];
  private readonly durations: number[] = [];
  private readonly statuses: number[] = [];
  private readonly codes: (string | null)[] = [];
  private readonly products: (string | null)[] = [];
  private readonly actions: (string | null)[] = [];
  private readonly faults: (string | null)[] = [];
  private readonly params: RawParams[] = [];
  /** The slot the next call overwrites once the ring is full (the oldest entry). */
  private next = 0;
  private seq = 0;

  constructor(private readonly capacity = 10_000) {}

  record(startedAt: number, durationMs: number, status: number, code: string | null, call: CallFacts): void {
    const full = this.seqs.length >= this.capacity;
    const at = full ? this.next : this.seqs.length;
    if (full) this.next = (this.next + 1) % this.capacity;
    this.seqs[at] = ++this.seq;
    this.startedAts[at] = startedAt;
    this.durations[at] = durationMs;
    this.statuses[at] = status;
    this.codes[at] = code;
    this.products[at] = call.product;
    this.actions[at] = call.action;
    this.faults[at] = call.fault;
    this.params[at] = call.params;
  }

  clear(): void {
    for (const column of [this.seqs, this.startedAts, this.durations, this.statuses, this.codes, this.products, this.actions, this.faults, this.params]) {
      column.length = 0;
    }
    this.next = 0;
  }

  /** Oldest first, optionally only one action. */
  list(action?: string): RequestLogEntry[] {
    const held = this.seqs.length;
    const out: RequestLogEntry[] = [];
    for (let k = 0; k < held; k++) {
      const i = (this.next + k) % held;
      if (action === undefined || this.actions[i] === action) out.push(this.render(i));
    }
    return out;
  }

  private render(i: number): RequestLogEntry {
    return {
      seq: this.seqs[i]!,
      time: new Date(this.startedAts[i]!).toISOString(),
      product: this.products[i] ?? null,
      action: this.actions[i] ?? null,
      status: this.statuses[i]!,
      code: this.codes[i] ?? null,
      durationMs: Math.round(this.durations[i]! * 1000) / 1000,
      fault: this.faults[i] ?? null,
      params: Object.fromEntries(this.params[i]!),
    };
  }
}
