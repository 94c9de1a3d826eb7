import type { RawFinding, SiteRule } from './types.ts';

/** ZAP's default session-token parameter names (HttpSessionsParam) plus common variants. */
const SESSION_PARAMETERS = new Set([
  'asp.net_sessionid',
  'aspsessionid',
  'cfid',
  'cftoken',
  'jsessionid',
  'phpsessid',
  'session_id',
  'sessionid',
  'sessid',
  'sid',
  'siteserver',
  'zenid',
]);

/** ZAP 3-1 ignores short values ("survey?sId=5"): only values longer than 8 characters count. */
const MIN_VALUE_LENGTH = 9;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Returns the URL with every query value replaced by "…" (the session token's and the others', which
 * may be secrets too), or null when it carries no session token.
 */
export function redactSessionUrl(url: string, extraNames: ReadonlySet<string>): string | null {
  let found = false;
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const q = beforeHash.indexOf('?');
  let path = q === -1 ? beforeHash : beforeHash.slice(0, q);
  const query = q === -1 ? null : beforeHash.slice(q + 1);
  // Path parameter: /cart;jsessionid=ABC123… (servlet URL rewriting, ZAP 3-2).
  const lowerPath = path.toLowerCase();
  const at = lowerPath.indexOf(';jsessionid=');
  if (at !== -1) {
    const start = at + ';jsessionid='.length;
    let end = start;
    while (end < path.length && !';/?#'.includes(path[end])) end++;
    if (end - start >= 8) {
      path = `${path.slice(0, start)}…${path.slice(end)}`;
      found = true;
    }
  }
  let newQuery = query;
  if (query !== null && query.length > 0) {
    const parts = query.split('&');
    for (let i = 0; i < parts.length; i++) {
      const eq = parts[i].indexOf('=');
      if (eq === -1) {
        parts[i] = '…';
        continue;
      }
      const key = safeDecode(parts[i].slice(0, eq)).toLowerCase();
      const value = safeDecode(parts[i].slice(eq + 1));
      if ((SESSION_PARAMETERS.has(key) || extraNames.has(key)) && value.length >= MIN_VALUE_LENGTH)
        found = true;
      parts[i] = `${parts[i].slice(0, eq)}=…`;
    }
    newQuery = parts.join('&');
  }
  if (!found) return null;
  return newQuery === null ? path : `${path}?${newQuery}`;
}

/** Session token in a URL: it leaks through history, logs and Referer (ZAP 3, OWASP). */
export const rule: SiteRule = {
  id: 'session-in-url',
  title: 'Session identifier in a URL',
  scope: 'site',
  defaultSeverity: 'medium',
  lesson: 'session-in-url',
  check({ site }) {
    const o = site.observations;
    const sessionNames = new Set(
      site.cookies.filter((c) => c.classification.role === 'session').map((c) => c.obs.name.toLowerCase()),
    );
    const urls = [o.url];
    for (const r of o.responses) urls.push(r.url);
    for (const r of o.redirects) urls.push(r.from, r.to);
    if (o.redirectCheck?.location) urls.push(o.redirectCheck.location);
    const seen = new Set<string>();
    const out: RawFinding[] = [];
    for (const s of o.sessionInUrl) {
      const evidence = `${s.url} (parameter ${s.parameter}, ${s.valueLength} characters)`;
      if (!seen.has(s.url)) out.push({ evidence });
      seen.add(s.url);
    }
    for (const url of urls) {
      const redacted = redactSessionUrl(url, sessionNames);
      if (redacted === null || seen.has(redacted)) continue;
      seen.add(redacted);
      out.push({ evidence: redacted });
    }
    return out;
  },
};
