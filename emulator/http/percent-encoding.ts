/**
 * RFC 3986 percent-encoding as Alibaba Cloud's signers use it: everything but
 * `A-Z a-z 0-9 - _ . ~` is encoded, so `!'()*` (left alone by encodeURIComponent) are too.
 */
const EXTRA_RESERVED = /[!'()*]/g;

const encodeExtra = (c: string): string => "%" + c.charCodeAt(0).toString(16).toUpperCase();

/** Characters that never need encoding; most keys and values hit this fast path. */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(EXTRA_RESERVED, encodeExtra);
}

/**
 * Decodes one query-string component. `+` means a space (form encoding, which legacy clients
 * use); a malformed escape is returned as an error value instead of throwing, so the caller can
 * name the parameter.
 */
export function decodeComponent(raw: string): string | undefined {
  if (raw.indexOf("%") < 0 && raw.indexOf("+") < 0) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}
