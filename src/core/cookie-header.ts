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

/** Named pairs of a Cookie header, in order; parts without "=" or with an empty name are skipped. */
export function parseCookieHeader(header: string, limit = MAX_COOKIE_HEADER_PAIRS): CookieHeaderPair[] {
  const out: CookieHeaderPair[] = [];
  let start = 0;
  const len = header.length;
  while (start < len && out.length < limit) {
    let end = header.indexOf(';', start);
    if (end === -1) end = len;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = header.slice(start, eq).trim();
      if (name.length > 0) out.push({ name, value: header.slice(eq + 1, end).trim() });
    }
    start = end + 1;
  }
  return out;
}

/** Distinct cookie names of a Cookie header (never a nameless cookie's value). */
export function cookieHeaderNames(header: string, limit = MAX_COOKIE_HEADER_PAIRS): string[] {
  // Runs on every plain-HTTP request: names only, no value strings, no pair objects.
  const seen = new Set<string>();
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
        seen.add(name);
      }
    }
    start = end + 1;
  }
  return [...seen];
}
