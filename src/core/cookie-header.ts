/**
 * The request `Cookie` header, as a browser sends it: `name=value` pairs joined by "; ". A cookie
 * with an empty name travels as its bare value (no "="): such a part is the secret itself, so it is
 * never taken for a name and never returned. Used by the recorder and the HAR importer alike.
 */
export interface CookieHeaderPair {
  name: string;
  value: string;
}

/** At most this many pairs are read from one header (a hostile page can send thousands). */
export const MAX_COOKIE_HEADER_PAIRS = 100;

/**
 * Calls `onPair(name, eq, end)` for each named part of a Cookie header, in order, at most `limit`
 * times: `eq` is the index of its "=", `end` of its ";" (or the header's end).
 */
function scanCookieHeader(
  header: string,
  limit: number,
  onPair: (name: string, eq: number, end: number) => void,
): void {
  let pairs = 0;
  let start = 0;
  const len = header.length;
  while (start < len && pairs < limit) {
    let end = header.indexOf(';', start);
    if (end === -1) end = len;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = header.slice(start, eq).trim();
      if (name.length > 0) {
        pairs++;
        onPair(name, eq, end);
      }
    }
    start = end + 1;
  }
}

/** Named pairs of a Cookie header, in order; parts without "=" or with an empty name are skipped. */
export function parseCookieHeader(header: string, limit = MAX_COOKIE_HEADER_PAIRS): CookieHeaderPair[] {
  const out: CookieHeaderPair[] = [];
  scanCookieHeader(header, limit, (name, eq, end) => {
    out.push({ name, value: header.slice(eq + 1, end).trim() });
  });
  return out;
}

/** Distinct cookie names of a Cookie header (never a nameless cookie's value). */
export function cookieHeaderNames(header: string, limit = MAX_COOKIE_HEADER_PAIRS): string[] {
  // Runs on every plain-HTTP request: names only, no value strings, no pair objects.
  const seen = new Set<string>();
  scanCookieHeader(header, limit, (name) => {
    seen.add(name);
  });
  return [...seen];
}
