/**
 * Session tokens carried in URLs (`;jsessionid=…`, `?sid=…`): they leak through history, logs and
 * the Referer header. Pure: works on URL strings only, and returns the URL with the value masked.
 */
import type { SessionInUrlObservation } from './types.ts';

/** Query parameters that carry session identifiers (ZAP's default token list plus common names). */
const SESSION_PARAMETERS = new Set([
  'jsessionid',
  'phpsessid',
  'sid',
  'sessid',
  'sessionid',
  'session_id',
  'session',
  'aspsessionid',
  'asp.net_sessionid',
  'cfid',
  'cftoken',
  'zenid',
  'siteserver',
  'viewstate',
  'auth_token',
  'access_token',
]);

/** ZAP ignores short values (`survey?sId=5`): only a value longer than this counts as a token. */
const MIN_TOKEN_LENGTH = 9;

export function findSessionTokensInUrl(rawUrl: string, now: number): SessionInUrlObservation[] {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const found: SessionInUrlObservation[] = [];
  const pathMatch = /;jsessionid=([^;?#/]*)/i.exec(url.pathname);
  if (pathMatch && pathMatch[1].length >= 8) {
    const masked = `${url.origin}${url.pathname.replace(pathMatch[0], ';jsessionid=…')}`;
    found.push({ url: masked, parameter: ';jsessionid', valueLength: pathMatch[1].length, observedAt: now });
  }
  for (const [name, value] of url.searchParams) {
    if (value.length >= MIN_TOKEN_LENGTH && SESSION_PARAMETERS.has(name.toLowerCase())) {
      const query = [...url.searchParams.keys()].map((key) => `${key}=…`).join('&');
      found.push({
        url: `${stripQuery(url.href)}?${query}`,
        parameter: name,
        valueLength: value.length,
        observedAt: now,
      });
    }
  }
  return found;
}

/**
 * What observations keep of a URL: no query and no fragment (they may hold secrets), and a session id
 * carried as a path parameter (`;jsessionid=…`) masked.
 */
export function stripQuery(rawUrl: string): string {
  const q = rawUrl.search(/[?#]/);
  const bare = q === -1 ? rawUrl : rawUrl.slice(0, q);
  return bare.replace(/;(jsessionid|phpsessid|sid|sessionid)=[^;/]*/gi, ';$1=…');
}
