import { invalidParameter } from "../errors";
import type { ParamReader } from "./params";

/** The two paging styles of the APIs: page numbers, or an opaque NextToken. */
export type PageRequest =
  | { readonly mode: "page"; readonly pageNumber: number; readonly pageSize: number }
  | { readonly mode: "token"; readonly offset: number; readonly maxResults: number };

export interface PagingRules {
  readonly maxPageSize: number;
  readonly defaultPageSize: number;
  /** Whether the action takes MaxResults/NextToken. */
  readonly token: boolean;
  /** The size parameter of token paging: MaxResults (default), MaxResult on VPC, null when there is none. */
  readonly tokenSizeName?: string | null;
  readonly pageNumbers?: boolean;
}

const TOKEN_PREFIX = "emu1:";

export function encodeNextToken(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`).toString("base64url");
}

function decodeNextToken(token: string): number | undefined {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(TOKEN_PREFIX)) return undefined;
  const rest = text.slice(TOKEN_PREFIX.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

export function readPaging(r: ParamReader, rules: PagingRules): PageRequest {
  const sizeName = rules.tokenSizeName === undefined ? "MaxResults" : rules.tokenSizeName;
  const usePages = rules.pageNumbers ?? true;
  const pageNumber = usePages ? r.int("PageNumber", 1, 1_000_000) : undefined;
  const pageSize = usePages ? r.int("PageSize", 1, rules.maxPageSize) : undefined;
  const maxResults = rules.token && sizeName !== null ? r.int(sizeName, 1, rules.maxPageSize) : undefined;
  const tokenText = rules.token ? r.str("NextToken") : undefined;
  const tokenMode = maxResults !== undefined || (tokenText !== undefined && tokenText !== "");
  if (tokenMode && (pageNumber !== undefined || pageSize !== undefined)) {
    throw invalidParameter(pageNumber !== undefined ? "PageNumber" : "PageSize", String(pageNumber ?? pageSize), `no page numbers together with ${sizeName ?? "NextToken"}/NextToken`);
  }
  if (tokenMode || (!usePages && rules.token)) {
    let offset = 0;
    if (tokenText !== undefined && tokenText !== "") {
      const decoded = decodeNextToken(tokenText);
      if (decoded === undefined) throw invalidParameter("NextToken", tokenText, "a NextToken returned by a previous call");
      offset = decoded;
    }
    return { mode: "token", offset, maxResults: maxResults ?? rules.defaultPageSize };
  }
  return { mode: "page", pageNumber: pageNumber ?? 1, pageSize: pageSize ?? rules.defaultPageSize };
}

/** The slice of the full result a request asks for. */
export function pageWindow(request: PageRequest): { offset: number; limit: number } {
  switch (request.mode) {
    case "page":
      return { offset: (request.pageNumber - 1) * request.pageSize, limit: request.pageSize };
    case "token":
      return { offset: request.offset, limit: request.maxResults };
    default: {
      const unreachable: never = request;
      throw new Error(`unknown paging mode ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The paging fields of a response (TotalCount in both styles). */
export function pageFields(request: PageRequest, total: number): Record<string, unknown> {
  if (request.mode === "page") return { PageNumber: request.pageNumber, PageSize: request.pageSize, TotalCount: total };
  const end = request.offset + request.maxResults;
  return { NextToken: end < total ? encodeNextToken(end) : "", TotalCount: total };
}

/** Slices `items` and returns the paging fields of the response. */
export function takePage<T>(items: readonly T[], request: PageRequest): { items: T[]; fields: Record<string, unknown> } {
  const { offset, limit } = pageWindow(request);
  return { items: items.slice(offset, offset + limit), fields: pageFields(request, items.length) };
}
