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

/** What the hot path records; rendering (dates, param objects) waits until someone reads the log. */
interface RawEntry {
  seq: number;
  startedAt: number;
  product: string | null;
  action: string | null;
  status: number;
  code: string | null;
  durationMs: number;
  fault: string | null;
  params: RawParams;
}

/** A bounded ring of recent API calls, so tests can count calls without unbounded memory. */
export class RequestLog {
  private readonly entries: RawEntry[] = [];
  private next = 0;
  private seq = 0;

  constructor(private readonly capacity = 10_000) {}

  record(startedAt: number, durationMs: number, status: number, code: string | null, call: CallFacts): void {
    const full: RawEntry = {
      seq: ++this.seq, startedAt, durationMs, status, code,
      product: call.product, action: call.action, fault: call.fault, params: call.params,
    };
    if (this.entries.length < this.capacity) {
      this.entries.push(full);
      return;
    }
    this.entries[this.next] = full;
    this.next = (this.next + 1) % this.capacity;
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
  }

  /** Oldest first, optionally only one action. */
  list(action?: string): RequestLogEntry[] {
    const ordered = [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.filter((e) => action === undefined || e.action === action).map(render);
  }
}

function render(e: RawEntry): RequestLogEntry {
  return {
    seq: e.seq,
    time: new Date(e.startedAt).toISOString(),
    product: e.product,
    action: e.action,
    status: e.status,
    code: e.code,
    durationMs: Math.round(e.durationMs * 1000) / 1000,
    fault: e.fault,
    params: Object.fromEntries(e.params),
  };
}
