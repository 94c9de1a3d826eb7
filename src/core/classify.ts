/**
 * The cookie classifier: session, csrf, infrastructure, tracking or other, from layered evidence
 * (see docs/rules.md, "How cookies are classified"):
 *
 *  1. known infrastructure names (load balancers, CDNs, bot managers) and known tracking names
 *     (analytics and ads), from the data files: these beat every name heuristic, which is how
 *     `heroku-session-affinity`, `_twitter_sess`, `ai_session` or `_hjSession_*` stay out of the
 *     session rules that MDN Observatory's `sess` substring test puts them in;
 *  2. anti-CSRF names (exact list plus csrf/xsrf/antiforgery tokens);
 *  3. session evidence, scored: a framework default name (+3), a Rails-style `_app_session` name
 *     (+3), a `*_session` / `*-session` name (+2), a session-like name token (sess, sid, auth,
 *     login, token, jwt, remember; +1, two distinct ones +2), and a value shaped like a secret (≥ 64 bits, or
 *     a signed / encrypted / JWT envelope; +1). Two points make a session cookie.
 *
 * The classification never depends on the cookie's attributes (Secure, HttpOnly, SameSite, Domain,
 * lifetime), so hardening a cookie can never change its role, which the scoring relies on.
 */

import { BoundedCache } from './bounded-cache.ts';
import csrfNames from './data/csrf-names.json' with { type: 'json' };
import infrastructureNames from './data/infrastructure-names.json' with { type: 'json' };
import sessionNames from './data/session-names.json' with { type: 'json' };
import trackingNames from './data/tracking-names.json' with { type: 'json' };
import {
  type Classification,
  type ClassifyContext,
  FRAMEWORKS,
  type Framework,
  type ValueInfo,
} from './types.ts';
import { ENVELOPE_FORMATS } from './value.ts';

export interface NameEntry {
  name: string;
  match: 'exact' | 'prefix';
  framework?: string;
  vendor?: string;
  note?: string;
  /** A generic name (sid): recognised as a session cookie, but not a framework fingerprint. */
  generic?: boolean;
}

interface NameList {
  exact: Map<string, NameEntry>;
  exactLower: Map<string, NameEntry>;
  /** Prefix entries indexed by their first three lower-case characters, longest first. */
  prefixes: Map<string, { lower: string; entry: NameEntry }[]>;
}

function buildList(entries: readonly NameEntry[]): NameList {
  const list: NameList = { exact: new Map(), exactLower: new Map(), prefixes: new Map() };
  for (const e of entries) {
    const lower = e.name.toLowerCase();
    if (e.match === 'prefix') {
      const key = lower.slice(0, 3);
      const bucket = list.prefixes.get(key) ?? [];
      bucket.push({ lower, entry: e });
      bucket.sort((a, b) => b.lower.length - a.lower.length);
      list.prefixes.set(key, bucket);
    } else {
      list.exact.set(e.name, e);
      if (!list.exactLower.has(lower)) list.exactLower.set(lower, e);
    }
  }
  return list;
}

const SESSION = buildList(sessionNames as NameEntry[]);
const CSRF = buildList(csrfNames as NameEntry[]);
const INFRASTRUCTURE = buildList(infrastructureNames as NameEntry[]);
const TRACKING = buildList(trackingNames as NameEntry[]);

/** Case-sensitive exact match first (SESSION ≠ session), then case-insensitive, then prefixes. */
function lookup(list: NameList, name: string, lower: string): NameEntry | undefined {
  const hit = list.exact.get(name) ?? list.exactLower.get(lower);
  if (hit) return hit;
  const bucket = list.prefixes.get(lower.slice(0, 3));
  if (bucket)
    for (const p of bucket) if (lower.length > p.lower.length && lower.startsWith(p.lower)) return p.entry;
  return undefined;
}

/** The framework list of types.ts, as a Set for look-ups. */
const FRAMEWORK_SET = new Set<string>(FRAMEWORKS);

function asFramework(x: string | undefined): Framework | undefined {
  return x !== undefined && FRAMEWORK_SET.has(x) ? (x as Framework) : undefined;
}

/** Removes the cookie prefixes (`__Host-`, `__Secure-`, `__Host-Http-`, `__Http-`), case-insensitively. */
export function stripCookiePrefix(name: string): string {
  const lower = name.toLowerCase();
  for (const p of ['__host-http-', '__host-', '__secure-', '__http-']) {
    if (lower.startsWith(p)) return name.slice(p.length);
  }
  return name;
}

/** NextAuth / Auth.js chunk large cookies as `<name>.0`, `<name>.1`, …: one logical cookie. */
export function stripChunkSuffix(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return name;
  for (let i = dot + 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return name;
  }
  return name.slice(0, dot);
}

/** Lower-case name tokens, split on separators and camelCase boundaries. */
export function nameTokens(name: string): string[] {
  const tokens: string[] = [];
  const lower = name.toLowerCase();
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0;
    const up = c >= 0x41 && c <= 0x5a;
    const alnum = up || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!alnum) {
      if (start !== -1) tokens.push(lower.slice(start, i));
      start = -1;
      continue;
    }
    if (start === -1) {
      start = i;
      continue;
    }
    if (up) {
      // camelCase ("sessionId") and acronym ends ("XSRFToken" → xsrf, token).
      const prev = name.charCodeAt(i - 1);
      const next = i + 1 < name.length ? name.charCodeAt(i + 1) : 0;
      const prevLower = prev >= 0x61 && prev <= 0x7a;
      const prevUpper = prev >= 0x41 && prev <= 0x5a;
      const nextLower = next >= 0x61 && next <= 0x7a;
      if (prevLower || (prevUpper && nextLower)) {
        tokens.push(lower.slice(start, i));
        start = i;
      }
    }
  }
  return tokens;
}

const SESSION_TOKENS = new Set([
  'sess',
  'session',
  'sessid',
  'sessionid',
  'sid',
  'ssid',
  'auth',
  'authn',
  'authtoken',
  'login',
  'logged',
  'loggedin',
  'token',
  'jwt',
  'remember',
  'rememberme',
  'access',
  'refresh',
  'identity',
  'sso',
]);

const CSRF_TOKENS = new Set([
  'csrf',
  'xsrf',
  'csrftoken',
  'xsrftoken',
  'antiforgery',
  'anticsrf',
  'requestverificationtoken',
]);

interface NameFacts {
  infrastructure?: NameEntry;
  tracking?: NameEntry;
  csrf?: NameEntry;
  csrfToken: boolean;
  session?: NameEntry;
  railsStyle: boolean;
  sessionSuffix: boolean;
  sessionToken?: string;
  secondSessionToken?: string;
  /** The companion this `.sig` cookie signs. */
  signs?: string;
}

const nameCache = new BoundedCache<string, NameFacts>(8192);

function nameFacts(fullName: string): NameFacts {
  const cached = nameCache.get(fullName);
  if (cached) return cached;
  const base = stripChunkSuffix(stripCookiePrefix(fullName));
  const lower = base.toLowerCase();
  const fullLower = fullName.toLowerCase();
  const facts: NameFacts = { csrfToken: false, railsStyle: false, sessionSuffix: false };
  // Lists are matched on the name as sent and on the name without its prefix/chunk suffix.
  facts.infrastructure = lookup(INFRASTRUCTURE, fullName, fullLower) ?? lookup(INFRASTRUCTURE, base, lower);
  facts.tracking = lookup(TRACKING, fullName, fullLower) ?? lookup(TRACKING, base, lower);
  facts.csrf = lookup(CSRF, fullName, fullLower) ?? lookup(CSRF, base, lower);
  facts.session = lookup(SESSION, fullName, fullLower) ?? lookup(SESSION, base, lower);
  const tokens = nameTokens(base);
  for (const t of tokens) {
    if (CSRF_TOKENS.has(t) || t.startsWith('csrf') || t.startsWith('xsrf')) facts.csrfToken = true;
  }
  if (!facts.csrfToken && lower.includes('csrf')) facts.csrfToken = true;
  // Rails: "_#{app_name}_session".
  facts.railsStyle =
    lower.length > 9 &&
    lower.startsWith('_') &&
    lower.endsWith('_session') &&
    !lower.slice(1, -8).includes('_session');
  facts.sessionSuffix =
    lower.length > 8 &&
    (lower.endsWith('_session') || lower.endsWith('-session') || lower.endsWith('.session'));
  for (const t of tokens) {
    if (SESSION_TOKENS.has(t) || t.includes('sess')) {
      if (facts.sessionToken === undefined) facts.sessionToken = t;
      else if (t !== facts.sessionToken) {
        // Two distinct session words ("auth_token", "remember_token", "access_token") say it twice.
        facts.secondSessionToken = t;
        break;
      }
    }
  }
  if (lower.endsWith('.sig') && base.length > 4) facts.signs = fullName.slice(0, -4);
  nameCache.set(fullName, facts);
  return facts;
}

function secretShaped(value: ValueInfo): boolean {
  if (ENVELOPE_FORMATS.has(value.format) || value.format === 'express-signed') return true;
  if (
    value.format === 'opaque' ||
    value.format === 'hex' ||
    value.format === 'base64' ||
    value.format === 'uuid'
  ) {
    return value.entropyBits >= 64;
  }
  return false;
}

/** The subset of an observation the classifier reads (name and value shape, never attributes). */
export interface ClassifiableCookie {
  name: string;
  nameless?: boolean;
  value: ValueInfo;
}

export function classifyCookie(cookie: ClassifiableCookie, context: ClassifyContext = {}): Classification {
  if (cookie.nameless || cookie.name.length === 0) {
    return { role: 'other', confidence: 'high', reasons: ['nameless cookie (no name=value pair)'] };
  }
  const facts = nameFacts(cookie.name);
  if (facts.infrastructure) {
    return {
      role: 'infrastructure',
      confidence: 'high',
      reasons: [
        `"${facts.infrastructure.name}" is infrastructure: ${facts.infrastructure.vendor ?? 'known name'}`,
      ],
    };
  }
  if (facts.tracking) {
    return {
      role: 'tracking',
      confidence: 'high',
      reasons: [
        `"${facts.tracking.name}" is a known analytics or advertising cookie (${facts.tracking.vendor ?? 'known name'})`,
      ],
    };
  }
  if (facts.csrf) {
    const c: Classification = {
      role: 'csrf',
      confidence: 'high',
      reasons: [
        `"${facts.csrf.name}" is a known anti-CSRF cookie name${facts.csrf.note ? ` (${facts.csrf.note})` : ''}`,
      ],
    };
    const fw = asFramework(facts.csrf.framework);
    if (fw) c.framework = fw;
    return c;
  }
  if (facts.csrfToken) {
    return {
      role: 'csrf',
      confidence: 'medium',
      reasons: ['name contains an anti-CSRF token (csrf, xsrf, antiforgery)'],
    };
  }
  // A cookie-session style signature follows the role of the cookie it signs.
  if (facts.signs !== undefined && !facts.session) {
    const names = context.siteCookieNames;
    if (names?.has(facts.signs)) {
      const signed = classifyCookie(
        { name: facts.signs, value: { length: 0, entropyBits: 0, format: 'empty', redacted: true } },
        {},
      );
      if (signed.role === 'session') {
        return {
          role: 'session',
          confidence: 'medium',
          reasons: [`signature of the session cookie "${facts.signs}"`],
          framework: 'express',
        };
      }
    }
  }

  let score = 0;
  const reasons: string[] = [];
  let framework: Framework | undefined;
  let defaultName = false;
  if (facts.session) {
    score += 3;
    defaultName = facts.session.generic !== true;
    framework = asFramework(facts.session.framework);
    reasons.push(
      `"${facts.session.name}" is a default session cookie name${facts.session.note ? ` (${facts.session.note})` : ''}`,
    );
  } else if (facts.railsStyle) {
    score += 3;
    reasons.push('name follows the Rails session-cookie convention _<app>_session');
  } else if (facts.sessionSuffix) {
    score += 2;
    reasons.push('name ends in "session"');
  }
  if (facts.sessionToken !== undefined && !facts.session) {
    if (facts.secondSessionToken !== undefined && !facts.sessionSuffix && !facts.railsStyle) {
      score += 2;
      reasons.push(
        `name combines the session-like tokens "${facts.sessionToken}" and "${facts.secondSessionToken}"`,
      );
    } else {
      score += 1;
      reasons.push(`name contains the session-like token "${facts.sessionToken}"`);
    }
  }
  if (secretShaped(cookie.value)) {
    score += 1;
    reasons.push(
      ENVELOPE_FORMATS.has(cookie.value.format) || cookie.value.format === 'express-signed'
        ? `value is a ${cookie.value.format} token`
        : `value looks random (about ${cookie.value.entropyBits} bits)`,
    );
  }
  if (score >= 2) {
    const c: Classification = { role: 'session', confidence: score >= 3 ? 'high' : 'medium', reasons };
    const fw = framework ?? frameworkFromValue(cookie.name, cookie.value, context);
    if (fw) c.framework = fw;
    if (defaultName) c.defaultName = true;
    return c;
  }
  return {
    role: 'other',
    confidence: score === 0 ? 'high' : 'medium',
    reasons:
      reasons.length > 0
        ? [...reasons, 'not enough evidence for a session cookie']
        : ['no session, CSRF, tracking or infrastructure evidence'],
  };
}

function frameworkFromValue(name: string, value: ValueInfo, context: ClassifyContext): Framework | undefined {
  switch (value.format) {
    case 'flask-signed':
      return 'flask';
    case 'django-signed':
      return 'django';
    case 'express-signed':
      return 'express';
    case 'rails-encrypted':
    case 'rails-signed':
      return 'rails';
    case 'laravel-encrypted':
      return 'laravel';
    case 'cookie-session':
      return context.siteCookieNames?.has(`${name}.sig`) ? 'express' : undefined;
    default:
      return undefined;
  }
}

/** A cookie as detectFrameworks reads it. */
export interface FingerprintCookie {
  name: string;
  value: ValueInfo;
}

/** Frameworks fingerprinted from cookie names and value formats, in a stable order. */
export function detectFrameworks(cookies: readonly FingerprintCookie[]): Framework[] {
  const found = new Set<Framework>();
  const names = new Set(cookies.map((c) => c.name));
  for (const c of cookies) {
    if (c.name.length === 0) continue;
    const facts = nameFacts(c.name);
    const entry = facts.session ?? facts.csrf;
    const named = asFramework(entry?.framework);
    if (named) found.add(named);
    const fromValue = frameworkFromValue(c.name, c.value, { siteCookieNames: names });
    if (fromValue) found.add(fromValue);
    const base = stripChunkSuffix(stripCookiePrefix(c.name));
    if (base.startsWith('next-auth.') || base.startsWith('authjs.')) found.add('nextauth');
    if (base.startsWith('.AspNetCore.')) found.add('aspnet');
    if (base === 'XSRF-TOKEN') {
      if (c.value.format === 'laravel-encrypted') found.add('laravel');
      else if (c.value.format === 'uuid') found.add('spring');
    }
    if (base === 'session' && names.has('session.sig')) found.add('express');
    if (facts.railsStyle && (c.value.format === 'rails-encrypted' || c.value.format === 'rails-signed'))
      found.add('rails');
    if (facts.sessionSuffix && c.value.format === 'laravel-encrypted') found.add('laravel');
  }
  return FRAMEWORKS.filter((f) => found.has(f));
}
