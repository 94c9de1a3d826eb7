/**
 * Offline audits: a HAR 1.2 export becomes SiteObservations, page by page, with no browser.
 * Every response's Set-Cookie and Strict-Transport-Security headers are read; redirects come from
 * 3xx entries with a Location header (or HAR's redirectURL); plain-HTTP requests that carried
 * cookies become `sentInClear` (names only).
 *
 * Chrome's DevTools strips Set-Cookie / Cookie from HAR exports by default ("sanitized"). A HAR
 * where requests exist but no cookie header or cookie array survives gets a clear warning instead
 * of passing for a site without cookies.
 *
 * Observation times come from each entry's startedDateTime (opts.now only when it is missing), so
 * expiry is judged at capture time. Audit the result without settings.now: auditSite then takes the
 * latest observation as "now", and an old HAR does not see its cookies as long expired.
 */
import { cookieHeaderNames } from './cookie-header.ts';
import { siteOf, urlInfo } from './domain.ts';
import { observeSetCookie } from './observe.ts';
import type {
  ClearTextCookieSend,
  CookieObservation,
  HttpResponseObservation,
  RedirectObservation,
  Scheme,
  SessionInUrlObservation,
  SiteObservations,
} from './types.ts';
import { findSessionTokensInUrl, scrubUrl } from './url-tokens.ts';

export interface HarOptions {
  /** Fallback observation time when an entry has no parseable startedDateTime. */
  now: number;
  hashValue?: (value: string) => string;
}

interface HarHeader {
  name: string;
  value: string;
}

interface HarCookie {
  name?: unknown;
  value?: unknown;
  path?: unknown;
  domain?: unknown;
  expires?: unknown;
  httpOnly?: unknown;
  secure?: unknown;
  sameSite?: unknown;
}

interface HarEntry {
  pageref?: string;
  startedDateTime?: string;
  request: { url: string; method?: string; headers: HarHeader[]; cookies: HarCookie[] };
  response: {
    status: number;
    headers: HarHeader[];
    cookies: HarCookie[];
    redirectURL?: string;
    content?: { mimeType?: string };
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function headersOf(x: unknown): HarHeader[] {
  if (!Array.isArray(x)) return [];
  const out: HarHeader[] = [];
  for (const h of x) {
    if (isObject(h) && typeof h.name === 'string' && typeof h.value === 'string')
      out.push({ name: h.name, value: h.value });
  }
  return out;
}

function cookiesOf(x: unknown): HarCookie[] {
  return Array.isArray(x) ? x.filter(isObject) : [];
}

function readEntry(x: unknown): HarEntry | null {
  if (!isObject(x) || !isObject(x.request) || !isObject(x.response)) return null;
  const req = x.request;
  const res = x.response;
  if (typeof req.url !== 'string') return null;
  const content = isObject(res.content) ? res.content : undefined;
  return {
    ...(typeof x.pageref === 'string' ? { pageref: x.pageref } : {}),
    ...(typeof x.startedDateTime === 'string' ? { startedDateTime: x.startedDateTime } : {}),
    request: {
      url: req.url,
      ...(typeof req.method === 'string' && /^[A-Za-z]{1,16}$/.test(req.method)
        ? { method: req.method }
        : {}),
      headers: headersOf(req.headers),
      cookies: cookiesOf(req.cookies),
    },
    response: {
      status: typeof res.status === 'number' ? res.status : 0,
      headers: headersOf(res.headers),
      cookies: cookiesOf(res.cookies),
      ...(typeof res.redirectURL === 'string' && res.redirectURL ? { redirectURL: res.redirectURL } : {}),
      ...(content && typeof content.mimeType === 'string' ? { content: { mimeType: content.mimeType } } : {}),
    },
  };
}

function headerValues(headers: readonly HarHeader[], name: string): string[] {
  const out: string[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() === name) {
      // Some exporters (and Firefox) join several Set-Cookie values with newlines.
      for (const line of h.value.split('\n')) if (line.trim().length > 0) out.push(line);
    }
  }
  return out;
}

/** Rebuilds a Set-Cookie line from a HAR cookie object (when an exporter kept only the array). */
function lineFromHarCookie(c: HarCookie): string | null {
  if (typeof c.name !== 'string') return null;
  let line = `${c.name}=${typeof c.value === 'string' ? c.value : ''}`;
  if (typeof c.path === 'string' && c.path) line += `; Path=${c.path}`;
  if (typeof c.domain === 'string' && c.domain) line += `; Domain=${c.domain}`;
  if (typeof c.expires === 'string' && c.expires) {
    const t = Date.parse(c.expires);
    if (Number.isFinite(t)) line += `; Expires=${new Date(t).toUTCString()}`;
  }
  if (c.secure === true) line += '; Secure';
  if (c.httpOnly === true) line += '; HttpOnly';
  if (typeof c.sameSite === 'string' && c.sameSite) line += `; SameSite=${c.sameSite}`;
  return line;
}

function isDocument(e: HarEntry): boolean {
  const mime = e.response.content?.mimeType?.toLowerCase() ?? '';
  return mime.startsWith('text/html') || mime.startsWith('application/xhtml');
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function locationOf(e: HarEntry): string | null {
  const loc = headerValues(e.response.headers, 'location')[0] ?? e.response.redirectURL ?? null;
  if (!loc) return null;
  try {
    return new URL(loc, e.request.url).href;
  } catch {
    return null;
  }
}

function hasSanitizedMarker(x: unknown, depth = 0): boolean {
  if (!isObject(x) || depth > 2) return false;
  for (const [k, v] of Object.entries(x)) {
    if (/sanitiz/i.test(k) && v !== false && v !== null && v !== undefined) return true;
  }
  return false;
}

/** Converts a HAR export to one SiteObservations per page (top-level document). Never throws. */
export function harToSiteObservations(
  har: unknown,
  opts: HarOptions,
): { sites: SiteObservations[]; warnings: string[] } {
  const warnings: string[] = [];
  if (!isObject(har) || !isObject(har.log) || !Array.isArray(har.log.entries)) {
    return { sites: [], warnings: ['Not a HAR file: expected an object with log.entries.'] };
  }
  const log = har.log;
  const entries: HarEntry[] = [];
  let skipped = 0;
  for (const raw of log.entries as unknown[]) {
    const e = readEntry(raw);
    if (e) entries.push(e);
    else skipped++;
  }
  if (skipped > 0) warnings.push(`${skipped} HAR entries were malformed and skipped.`);
  if (entries.length === 0) {
    warnings.push('The HAR file has no requests.');
    return { sites: [], warnings };
  }

  // Sanitized exports: requests exist but no cookie data survived anywhere.
  let setCookieLines = 0;
  let cookieArrays = 0;
  let cookieHeaders = 0;
  for (const e of entries) {
    setCookieLines += headerValues(e.response.headers, 'set-cookie').length;
    cookieArrays += e.response.cookies.length + e.request.cookies.length;
    cookieHeaders += headerValues(e.request.headers, 'cookie').length;
  }
  const marker =
    hasSanitizedMarker(log) ||
    (log.entries as unknown[]).some(
      (x) =>
        hasSanitizedMarker(x) ||
        (isObject(x) && (hasSanitizedMarker(x.request) || hasSanitizedMarker(x.response))),
    );
  if (marker || (setCookieLines === 0 && cookieArrays === 0 && cookieHeaders === 0)) {
    warnings.push(
      marker
        ? 'This HAR was exported sanitized: cookie headers were removed, so the audit cannot see the cookies. In Chrome DevTools, export with "Export HAR (with sensitive data)".'
        : `This HAR looks sanitized: ${entries.length} requests but not a single Set-Cookie or Cookie header or cookie entry. Chrome strips them by default; re-export with "Export HAR (with sensitive data)". If the site really sets no cookies, ignore this warning.`,
    );
  }

  // Group entries by page: HAR pages when present, else by top-level document navigation.
  const groups: { key: string; entries: HarEntry[] }[] = [];
  const byKey = new Map<string, HarEntry[]>();
  const add = (key: string, e: HarEntry): void => {
    let g = byKey.get(key);
    if (!g) {
      g = [];
      byKey.set(key, g);
      groups.push({ key, entries: g });
    }
    g.push(e);
  };
  const hasPages = entries.some((e) => e.pageref !== undefined);
  let currentKey: string | null = null;
  let pendingRedirectTo: string | null = null;
  for (const e of entries) {
    if (hasPages && e.pageref !== undefined) {
      add(`page:${e.pageref}`, e);
      continue;
    }
    // Without pages: a document response that does not continue a redirect chain starts a page.
    const continuing = pendingRedirectTo !== null && e.request.url === pendingRedirectTo;
    if (currentKey === null || (isDocument(e) && !continuing))
      currentKey = `nav:${groups.length}:${e.request.url}`;
    add(currentKey, e);
    if (isRedirect(e.response.status)) pendingRedirectTo = locationOf(e);
    else if (continuing) pendingRedirectTo = null;
  }

  const sites: SiteObservations[] = [];
  for (const g of groups) {
    const site = buildSite(g.entries, opts);
    if (site) sites.push(site);
  }
  shareSchemesPerHost(sites);
  return { sites, warnings };
}

/**
 * A host seen over http:// on one page and https:// on another is one host, as in the extension
 * (which shares the schemes among every site record of a host): each page of that host gets the
 * union, so mixed-http-https sees both.
 */
function shareSchemesPerHost(sites: SiteObservations[]): void {
  const byHost = new Map<string, Set<Scheme>>();
  for (const site of sites) {
    const host = urlInfo(site.url).host;
    let set = byHost.get(host);
    if (!set) {
      set = new Set();
      byHost.set(host, set);
    }
    for (const scheme of site.schemesSeen) set.add(scheme);
  }
  for (const site of sites) {
    const union = byHost.get(urlInfo(site.url).host);
    if (union && union.size !== site.schemesSeen.length) site.schemesSeen = [...union].sort();
  }
}

function entryTime(e: HarEntry, fallback: number): number {
  const t = e.startedDateTime ? Date.parse(e.startedDateTime) : Number.NaN;
  return Number.isFinite(t) ? t : fallback;
}

function buildSite(entries: HarEntry[], opts: HarOptions): SiteObservations | null {
  // The page audited: follow the first entry's redirect chain to the document it lands on.
  const first = entries.find(isDocument) ?? entries[0];
  let pageUrl = first.request.url;
  const byUrl = new Map<string, HarEntry>();
  for (const e of entries) if (!byUrl.has(e.request.url)) byUrl.set(e.request.url, e);
  const visited = new Set<string>();
  let cur = byUrl.get(pageUrl);
  while (cur && isRedirect(cur.response.status) && !visited.has(cur.request.url)) {
    visited.add(cur.request.url);
    const to = locationOf(cur);
    if (!to) break;
    pageUrl = to;
    cur = byUrl.get(to);
  }
  const page = urlInfo(pageUrl);
  if (!page.host) return null;
  const pageSite = siteOf(page.host);
  const navigation = new Set<string>([first.request.url, ...visited, pageUrl]);

  const cookies: CookieObservation[] = [];
  const responses: HttpResponseObservation[] = [];
  const redirects: RedirectObservation[] = [];
  const sentInClear: ClearTextCookieSend[] = [];
  const sessionInUrl: SessionInUrlObservation[] = [];
  const schemes = new Set<Scheme>();
  for (const e of entries) {
    const u = urlInfo(e.request.url);
    const at = entryTime(e, opts.now);
    const thirdParty = siteOf(u.host) !== pageSite;
    if (u.host === page.host) schemes.add(u.scheme);
    const lines = headerValues(e.response.headers, 'set-cookie');
    if (lines.length === 0) {
      for (const c of e.response.cookies) {
        const line = lineFromHarCookie(c);
        if (line) lines.push(line);
      }
    }
    // Observations keep URLs without query or fragment, and with session ids in paths masked.
    const safeUrl = scrubUrl(e.request.url);
    for (const line of lines) {
      cookies.push(
        observeSetCookie(line, {
          url: safeUrl,
          now: at,
          thirdParty,
          request: {
            ...(e.request.method ? { method: e.request.method.toUpperCase() } : {}),
            status: e.response.status,
            mainFrame: navigation.has(e.request.url),
          },
          ...(opts.hashValue ? { hashValue: opts.hashValue } : {}),
        }),
      );
    }
    const sts = headerValues(e.response.headers, 'strict-transport-security');
    responses.push({
      url: safeUrl,
      status: e.response.status,
      hsts: sts.length === 0 ? null : sts.join(', '),
      mainFrame: navigation.has(e.request.url),
      observedAt: at,
    });
    if (isRedirect(e.response.status)) {
      const to = locationOf(e);
      if (to) redirects.push({ from: safeUrl, to: scrubUrl(to), status: e.response.status, observedAt: at });
    }
    if (u.scheme === 'http') {
      const names = new Set<string>();
      for (const h of headerValues(e.request.headers, 'cookie'))
        for (const n of cookieHeaderNames(h)) names.add(n);
      for (const c of e.request.cookies) if (typeof c.name === 'string' && c.name) names.add(c.name);
      if (names.size > 0) sentInClear.push({ url: safeUrl, cookieNames: [...names], observedAt: at });
    }
    if (navigation.has(e.request.url)) {
      for (const token of findSessionTokensInUrl(e.request.url, at)) {
        if (!sessionInUrl.some((t) => t.url === token.url && t.parameter === token.parameter))
          sessionInUrl.push(token);
      }
    }
  }
  return {
    url: scrubUrl(pageUrl),
    origin: page.origin,
    cookies,
    responses,
    redirects,
    sentInClear,
    logins: [],
    sessionInUrl,
    schemesSeen: [...schemes].sort(),
  };
}
