/**
 * Observations: a Set-Cookie line or a cookie-jar record, reduced to a CookieObservation. This is
 * where the RFC 6265bis storage model runs (domain, path, expiry, prefixes, the browser's reasons to
 * refuse a cookie) and where the value is reduced to a ValueInfo and dropped.
 */
import { defaultPath, domainMatch, suffixInfo, urlInfo } from './domain.ts';
import { type ParsedLine, parseLine, utf8Length } from './parse.ts';
import type { CookieObservation, JarCookie, ObserveContext, ParsedSetCookie, RejectReason } from './types.ts';
import { analyzeValue } from './value.ts';

/** RFC 6265bis "Cookie Lifetime Limits": 400 days. */
export const MAX_LIFETIME_SECONDS = 400 * 24 * 60 * 60;

const MAX_EVIDENCE_NAME = 80;
const MAX_EVIDENCE_ATTR = 100;
const MAX_EVIDENCE_ATTRS = 24;

const ATTRIBUTE_NAMES: Record<string, string> = {
  secure: 'Secure',
  httponly: 'HttpOnly',
  partitioned: 'Partitioned',
  samesite: 'SameSite',
};

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

function startsWithCi(s: string, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** `__Secure-` prefix, matched case-insensitively as browsers do. */
export function hasSecurePrefix(name: string): boolean {
  return startsWithCi(name, '__secure-');
}

/** `__Host-` prefix (includes `__Host-Http-`), matched case-insensitively. */
export function hasHostPrefix(name: string): boolean {
  return startsWithCi(name, '__host-');
}

/**
 * `__Http-` or `__Host-Http-` prefix (draft-ietf-httpbis-layered-cookies; Chrome 140, Firefox 143),
 * matched case-insensitively as Chromium does.
 */
export function hasHttpPrefix(name: string): boolean {
  return startsWithCi(name, '__http-') || startsWithCi(name, '__host-http-');
}

/** Attributes the storage model reads, by lower-case name; only these reach evidence. */
const KNOWN_ATTRIBUTES: Record<string, 'flag' | 'value'> = {
  secure: 'flag',
  httponly: 'flag',
  partitioned: 'flag',
  domain: 'value',
  path: 'value',
  expires: 'value',
  'max-age': 'value',
  samesite: 'value',
};

/**
 * The Set-Cookie line with the value replaced by "…", clipped to a readable length. Only the
 * attributes the audit understands are shown, flags without any value: anything else may be the
 * rest of a value (a quoted value with a ";" in it), so it is only counted.
 */
export function setCookieEvidence(p: ParsedSetCookie, attributeLike?: string): string {
  let head: string;
  if (p.nameless) head = attributeLike ?? (p.value.length === 0 ? '' : '…');
  else head = `${clip(p.name, MAX_EVIDENCE_NAME)}=${p.value.length === 0 ? '' : '…'}`;
  let out = `Set-Cookie: ${head}`;
  let shown = 0;
  let unknown = 0;
  let more = 0;
  for (const a of p.attributes) {
    const kind = KNOWN_ATTRIBUTES[a.key];
    if (kind === undefined) {
      unknown++;
      continue;
    }
    if (shown >= MAX_EVIDENCE_ATTRS) {
      more++;
      continue;
    }
    shown++;
    out += kind === 'value' && a.hasValue ? `; ${a.name}=${clip(a.value, MAX_EVIDENCE_ATTR)}` : `; ${a.name}`;
  }
  if (more > 0) out += `; …(${more} more attributes)`;
  if (unknown > 0) out += `; …(${unknown} other ${unknown === 1 ? 'attribute' : 'attributes'} not shown)`;
  return out;
}

function resolveExpiry(
  p: { maxAge?: number; expires?: number },
  now: number,
): { expires: number | null; requested: number | null; deletion: boolean } {
  if (p.maxAge !== undefined) {
    // "If a cookie has both the Max-Age and the Expires attribute, the Max-Age attribute has
    // precedence." Max-Age <= 0 means the earliest representable time: deletion.
    if (p.maxAge <= 0) return { expires: 0, requested: p.maxAge, deletion: true };
    const capped = Math.min(p.maxAge, MAX_LIFETIME_SECONDS);
    return { expires: now + capped * 1000, requested: p.maxAge, deletion: false };
  }
  if (p.expires !== undefined) {
    const requested = Math.round((p.expires - now) / 1000);
    if (p.expires <= now) return { expires: p.expires, requested, deletion: true };
    const capped = Math.min(p.expires, now + MAX_LIFETIME_SECONDS * 1000);
    return { expires: capped, requested, deletion: false };
  }
  return { expires: null, requested: null, deletion: false };
}

/** Evidence from the line itself when it is of a sane size; otherwise rebuilt and clipped. */
function lineEvidence(p: ParsedLine, attributeLike: string | undefined): string {
  const restLength = p.line.length - p.pairEnd;
  if (p.name.length <= MAX_EVIDENCE_NAME && restLength <= 400 && p.opaqueAttributes === 0) {
    let head: string;
    if (p.nameless) head = attributeLike ?? (p.value.length === 0 ? '' : '…');
    else head = p.value.length === 0 ? `${p.name}=` : `${p.name}=…`;
    let end = p.line.length;
    while (end > p.pairEnd && (p.line.charCodeAt(end - 1) === 0x20 || p.line.charCodeAt(end - 1) === 0x09))
      end--;
    return `Set-Cookie: ${head}${p.line.slice(p.pairEnd, end)}`;
  }
  return setCookieEvidence(parseLine(p.line, true), attributeLike);
}

/**
 * Whether the browser the observation was made for refuses the line: it never reaches the jar.
 * (Headers only; `rejected` is the standard's verdict, browserStores / browserRefuses where the
 * observed browser differs from it.)
 */
export function refusedByBrowser(o: CookieObservation): boolean {
  if (o.browserRefuses !== undefined) return true;
  return o.rejected.length > 0 && o.browserStores !== true;
}

/**
 * Whether a new header sighting of a cookie replaces the one held: a line the browser refuses
 * changes nothing in its jar, so it never replaces a sighting the browser accepted.
 */
export function replacesSighting(held: CookieObservation, next: CookieObservation): boolean {
  return !(
    next.source === 'header' &&
    refusedByBrowser(next) &&
    !(held.source === 'header' && refusedByBrowser(held))
  );
}

/** Parses a Set-Cookie line seen in a response to `ctx.url` and applies the storage model. */
export function observeSetCookie(line: string, ctx: ObserveContext): CookieObservation {
  const firefox = ctx.browser === 'firefox';
  const p = parseLine(line, false, firefox);
  const u = urlInfo(ctx.url);
  const rejected: RejectReason[] = [];
  if (p.controlCharacter) rejected.push('control-character');
  if (p.nameValueBytes > 4096) rejected.push('name-value-too-large');
  if (p.name.length === 0 && p.value.length === 0) rejected.push('empty-name-and-value');

  // A nameless cookie whose value holds "=" would be sent as "a=b" and read back as a cookie named
  // "a": Chromium refuses it. HTAB inside the name or value (not around it) is refused as well.
  if (p.nameless && p.value.indexOf('=') !== -1) rejected.push('nameless-value-with-equals');
  else if (!p.controlCharacter && p.tabInNameValue) rejected.push('control-character');

  let domain = u.host;
  let hostOnly = true;
  if (p.domain !== undefined) {
    const attr = p.domain;
    const hostSuffix = suffixInfo(u.host);
    if (attr === u.host) {
      // Identical to the host. IP hosts and hosts without a registrable domain (a public suffix,
      // "localhost") stay host-only; otherwise it is a domain cookie that subdomains also receive.
      // A TLD missing from the Public Suffix List (.test, .internal, .local) counts as a public
      // suffix, so staging.test is a registrable domain (the PSL's default rule, as in Chromium).
      if (!hostSuffix.isIp && hostSuffix.registrable !== null) hostOnly = false;
    } else if (attr.length === 0 || !domainMatch(u.host, attr) || hostSuffix.isIp) {
      rejected.push('domain-mismatch');
      domain = attr;
      hostOnly = false;
    } else if (suffixInfo(attr).registrable === null) {
      // Step 9: a public suffix (or a parent of a host without a registrable domain, such as
      // app.localhost → localhost) cannot be a cookie's Domain.
      rejected.push('public-suffix-domain');
      domain = attr;
      hostOnly = false;
    } else {
      domain = attr;
      hostOnly = false;
    }
  }

  const path = p.path ?? defaultPath(u.path);
  const { expires, requested, deletion } = resolveExpiry(p, ctx.now);

  if (p.secure && u.scheme === 'http' && !u.loopback) rejected.push('secure-from-insecure-origin');
  if (p.sameSite === 'none' && !p.secure) rejected.push('samesite-none-insecure');
  const prefixSubject = p.nameless ? p.value : p.name;
  if (hasSecurePrefix(prefixSubject) && (p.nameless || !p.secure)) rejected.push('prefix-secure-invalid');
  if (
    hasHostPrefix(prefixSubject) &&
    (p.nameless || !p.secure || p.domain !== undefined || !p.pathAttribute || path !== '/')
  ) {
    rejected.push('prefix-host-invalid');
  }
  // Both need Secure and HttpOnly; a nameless cookie may not pose as one (checked in Chromium 156).
  if (hasHttpPrefix(prefixSubject) && (p.nameless || !p.secure || !p.httpOnly)) {
    rejected.push('prefix-http-invalid');
  }
  if (p.partitioned && !p.secure) rejected.push('partitioned-insecure');
  const firefoxDifference = firefox ? firefoxOutcome(p, rejected, path, ctx.thirdParty === true) : null;

  let attributeLike: string | undefined;
  if (p.nameless) attributeLike = ATTRIBUTE_NAMES[p.value.toLowerCase()];

  const value = analyzeValue(p.value);
  if (ctx.hashValue) value.hash = ctx.hashValue(p.value);

  const obs: CookieObservation = {
    source: 'header',
    name: p.name,
    nameless: p.nameless,
    domain,
    hostOnly,
    path,
    pathAttribute: p.pathAttribute,
    secure: p.secure,
    httpOnly: p.httpOnly,
    sameSite: p.sameSite,
    expires,
    requestedLifetimeSeconds: requested,
    deletion,
    partitioned: p.partitioned,
    value,
    url: ctx.url,
    scheme: u.scheme,
    host: u.host,
    rejected,
    oversizeAttributes: p.oversizeAttributes,
    sizeBytes: p.nameValueBytes,
    evidence: lineEvidence(p, attributeLike),
    observedAt: ctx.now,
    thirdParty: ctx.thirdParty === true,
  };
  if (p.domainAttribute !== undefined) obs.domainAttribute = p.domainAttribute;
  if (p.sameSiteRaw !== undefined) obs.sameSiteRaw = p.sameSiteRaw;
  if (attributeLike !== undefined) obs.namelessAttributeLike = attributeLike;
  if (ctx.request) obs.request = ctx.request;
  if (firefoxDifference) {
    if (firefoxDifference.stores) obs.browserStores = true;
    if (firefoxDifference.refuses) obs.browserRefuses = firefoxDifference.refuses;
    if (firefoxDifference.unpartitioned) obs.partitioned = false;
    obs.browserDifference = firefoxDifference.text;
  }
  return obs;
}

/** Reasons Firefox does not apply, each with the case that shows it (differential test). */
const FIREFOX_WAIVES: ReadonlySet<RejectReason> = new Set(['prefix-host-invalid', 'control-character']);

/**
 * Where Firefox 153 parts from Chromium on a line (measured by the differential test): it stores a
 * __Host- cookie without a Path attribute when its path is "/" anyway, and a tab inside the name or
 * value; it refuses a cookie without a name; it keeps a Partitioned cookie a site sets for itself
 * unpartitioned.
 */
function firefoxOutcome(
  p: ParsedLine,
  rejected: readonly RejectReason[],
  path: string,
  thirdParty: boolean,
): { stores?: boolean; refuses?: string; unpartitioned?: boolean; text: string } | null {
  if (rejected.length === 0 && p.name.length === 0) {
    return { refuses: 'empty-name', text: 'refuses a cookie without a name (Chromium stores it)' };
  }
  if (rejected.length > 0) {
    for (const r of rejected) if (!FIREFOX_WAIVES.has(r)) return null;
    if (rejected.includes('prefix-host-invalid') && !(p.secure && p.domain === undefined && path === '/'))
      return null;
    if (rejected.includes('control-character') && (p.controlCharacter || p.name.length === 0)) return null;
    return {
      stores: true,
      text: rejected.includes('prefix-host-invalid')
        ? 'stores this __Host- cookie without a Path attribute, since its path is / anyway (Chromium refuses it)'
        : 'stores a tab inside the name or value (Chromium refuses it)',
    };
  }
  if (p.partitioned && !thirdParty) {
    return {
      unpartitioned: true,
      text: 'keeps this Partitioned cookie unpartitioned, since the site set it for itself',
    };
  }
  return null;
}

function jarEvidence(c: JarCookie, domain: string, sameSite: string, expires: number | null): string {
  let out = `cookie jar: ${clip(c.name, MAX_EVIDENCE_NAME)}=${c.value.length === 0 ? '' : '…'}`;
  if (!c.hostOnly) out += `; Domain=${domain}`;
  out += `; Path=${clip(c.path, MAX_EVIDENCE_ATTR)}`;
  if (expires !== null) out += `; Expires=${new Date(expires).toISOString()}`;
  if (c.secure) out += '; Secure';
  if (c.httpOnly) out += '; HttpOnly';
  if (sameSite !== 'unspecified') out += `; SameSite=${sameSite}`;
  if (c.partitionKey?.topLevelSite) out += `; Partitioned (${c.partitionKey.topLevelSite})`;
  return out;
}

/** Reads a cookies.Cookie-shaped record (the browser's cookie jar) into an observation. */
export function observeJarCookie(cookie: JarCookie, ctx: ObserveContext): CookieObservation {
  const u = urlInfo(ctx.url);
  const name = typeof cookie.name === 'string' ? cookie.name : '';
  const rawValue = typeof cookie.value === 'string' ? cookie.value : '';
  let domain = (cookie.domain ?? '').toLowerCase();
  if (domain.charCodeAt(0) === 0x2e) domain = domain.slice(1);
  let sameSite: CookieObservation['sameSite'];
  let ambiguous = false;
  switch (cookie.sameSite) {
    case 'strict':
      sameSite = 'strict';
      break;
    case 'lax':
      sameSite = 'lax';
      break;
    case 'no_restriction':
      if (ctx.jarNoRestrictionMeansUnset) {
        sameSite = 'unspecified';
        ambiguous = true;
      } else sameSite = 'none';
      break;
    default:
      sameSite = 'unspecified';
  }
  const expires =
    cookie.session || typeof cookie.expirationDate !== 'number'
      ? null
      : Math.round(cookie.expirationDate * 1000);
  const deletion = expires !== null && expires <= ctx.now;
  const value = analyzeValue(rawValue);
  if (ctx.hashValue) value.hash = ctx.hashValue(rawValue);
  const topLevelSite = cookie.partitionKey?.topLevelSite;
  const obs: CookieObservation = {
    source: 'jar',
    name,
    nameless: name.length === 0,
    domain,
    hostOnly: cookie.hostOnly === true,
    path: cookie.path || '/',
    secure: cookie.secure === true,
    httpOnly: cookie.httpOnly === true,
    sameSite,
    expires,
    requestedLifetimeSeconds: expires === null ? null : Math.round((expires - ctx.now) / 1000),
    deletion,
    partitioned: typeof topLevelSite === 'string' && topLevelSite.length > 0,
    value,
    url: ctx.url,
    scheme: u.scheme,
    host: u.host,
    rejected: [],
    oversizeAttributes: [],
    sizeBytes: utf8Length(name) + utf8Length(rawValue),
    evidence: jarEvidence(cookie, domain, sameSite, expires),
    observedAt: ctx.now,
    thirdParty: ctx.thirdParty === true,
  };
  if (topLevelSite) obs.partitionKey = topLevelSite;
  if (cookie.storeId !== undefined) obs.storeId = cookie.storeId;
  if (ambiguous) obs.sameSiteAmbiguous = true;
  return obs;
}
