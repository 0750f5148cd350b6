import type { RawParams } from "../actions/action";
import { parseParamString } from "./query-string";
import type { ParamPairs } from "./query-string";

/**
 * One query string, parsed. Frozen (the array and each pair): it is shared by every call that
 * sends the same text, and consumers may memoize what they derive from it (see
 * RequestAuthenticator's canonical queries), which is only sound because it cannot change.
 */
export interface ParsedQuery {
  readonly pairs: ParamPairs;
  /** The keys of `pairs`, for the duplicate check of a form body against the query. */
  readonly keys: ReadonlySet<string>;
  /** The action's parameters when there is no form body: `pairs` minus the protocol's own. */
  readonly params: RawParams;
}

/**
 * Parsed query strings by their text. Clients repeat the same query on every call of a poll
 * (only the signature headers change), and parsing it again each time was a visible part of a
 * cached describe's cost. Parsing is a pure function of the text, so an entry is never stale;
 * a malformed text throws and is not kept. Bounded: past `maxEntries` it starts afresh, and
 * texts longer than `maxTextLength` are parsed but not kept.
 */
export class QueryCache {
  private readonly entries = new Map<string, ParsedQuery>();

  constructor(
    /** False for protocol parameters (Signature, Timestamp, ...), which actions never see. */
    private readonly isActionParam: (key: string) => boolean,
    private readonly maxEntries = 512,
    private readonly maxTextLength = 2048,
  ) {}

  parse(text: string): ParsedQuery {
    const known = this.entries.get(text);
    if (known !== undefined) return known;
    const pairs: ParamPairs = [];
    const keys = new Set<string>();
    parseParamString(text, pairs, keys);
    const params = new Map<string, string>();
    for (const pair of pairs) {
      Object.freeze(pair);
      if (this.isActionParam(pair[0])) params.set(pair[0], pair[1]);
    }
    const parsed: ParsedQuery = { pairs: Object.freeze(pairs) as ParamPairs, keys, params };
    if (text.length <= this.maxTextLength) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(text, parsed);
    }
    return parsed;
  }
}
