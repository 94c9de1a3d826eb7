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
        url: `${scrubUrl(url.href)}?${query}`,
        parameter: name,
        valueLength: value.length,
        observedAt: now,
      });
    }
  }
  return found;
}

/**
 * The one URL scrubber: what is stored, shown or written of any URL. User info (`user:pass@`), query
 * and fragment go (they may hold credentials, tokens or form fields), and a session id carried as a
 * path parameter (`;jsessionid=…`) is masked. Works on the string, so a malformed URL is scrubbed too.
 */
export function scrubUrl(rawUrl: string): string {
  const q = rawUrl.search(/[?#]/);
  let bare = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const scheme = bare.indexOf('://');
  if (scheme !== -1) {
    const hostStart = scheme + 3;
    let hostEnd = bare.indexOf('/', hostStart);
    if (hostEnd === -1) hostEnd = bare.length;
    // The last "@" of the authority ends the user info (a password may itself contain "@").
    const at = bare.lastIndexOf('@', hostEnd - 1);
    if (at >= hostStart) bare = bare.slice(0, hostStart) + bare.slice(at + 1);
  }
  if (bare.indexOf(';') === -1) return bare;
  return bare.replace(/;(jsessionid|phpsessid|sid|sessionid)=[^;/]*/gi, ';$1=…');
}

/** The scrubber's earlier name, kept for callers written against it: the same function. */
export const stripQuery = scrubUrl;

/** Where a URL starts in free text, and where it ends (space, quote, angle bracket or backtick). */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** A query whose every value is already masked ("a=…&b=…") says which parameters, nothing more. */
const MASKED_QUERY = /^\?[^=&#]*=…(&[^=&#]*=…)*$/;

/**
 * Free text (a log line, an error message, evidence) with every URL in it scrubbed as scrubUrl does,
 * except that a query whose values are all masked ("?sid=…") is kept: it names the parameter only.
 */
export function scrubText(text: string): string {
  if (text.indexOf('://') === -1) return text;
  return text.replace(URL_IN_TEXT, (url) => {
    const q = url.indexOf('?');
    if (q !== -1 && url.indexOf('#') === -1 && MASKED_QUERY.test(url.slice(q))) {
      return scrubUrl(url.slice(0, q)) + url.slice(q);
    }
    return scrubUrl(url);
  });
}
