/**
 * What a browser's cookie jar holds after one response's Set-Cookie lines, as the engine models
 * it: each line is observed (parse + storage model), refused lines change nothing, a later line
 * with the same (name, domain, path, partition) replaces the earlier cookie, a deletion removes it,
 * and the per-domain limit evicts the oldest cookies. The differential test compares this with the
 * real jar of Chromium and Firefox, case by case.
 */
import { siteOf } from './domain.ts';
import { observeSetCookie, refusedByBrowser } from './observe.ts';
import { utf8Length } from './parse.ts';
import type { BrowserModel, CookieObservation } from './types.ts';

/** A stored cookie: the fields a browser's jar reports, the value reduced to its length. */
export interface ModelledCookie {
  name: string;
  /** UTF-8 octets of the value. */
  valueLength: number;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none' | 'unspecified';
  /** ms since epoch, null for a session cookie. */
  expires: number | null;
  partitioned: boolean;
}

/** Chromium (kDomainMaxCookies) and Firefox (network.cookie.maxPerHost) keep at most this many per domain. */
export const MAX_COOKIES_PER_DOMAIN = 180;
/** After an overflow both evict down to this many (Chromium kDomainPurgeCookies = 30; Firefox quotaPerHost). */
export const COOKIES_AFTER_EVICTION = 150;

/**
 * A first-party response: a Partitioned cookie's partition is the site itself, and Chromium lets a
 * later line replace the cookie whether or not either is Partitioned (measured), so the partition
 * is not part of the key here.
 */
function keyOf(o: { name: string; domain: string; path: string }): string {
  return `${o.name}\u0000${o.domain}\u0000${o.path}`;
}

/** Whether the modelled browser stores the line (see observeSetCookie and refusedByBrowser). */
export function storedBy(o: CookieObservation): boolean {
  return !refusedByBrowser(o);
}

/**
 * Evicts the oldest cookies of an overfull domain (registrable domain): when a new cookie makes it
 * more than 180, down to 150, insecure cookies before Secure ones, each group oldest first. All
 * cookies here were just set, so "least recently used" is insertion order. Firefox differs when
 * there are fewer insecure cookies than it must evict: it drops them all and then as many Secure
 * ones as it had to evict in total (measured: 32 gone, where Chromium drops 31).
 */
function evict(jar: Map<string, ModelledCookie>, site: string, browser: BrowserModel): void {
  let count = 0;
  for (const c of jar.values()) if (siteOf(c.domain) === site) count++;
  if (count <= MAX_COOKIES_PER_DOMAIN) return;
  const entries = [...jar.entries()].filter(([, c]) => siteOf(c.domain) === site);
  let excess = entries.length - COOKIES_AFTER_EVICTION;
  if (browser === 'firefox') {
    const insecure = entries.filter(([, c]) => !c.secure);
    if (insecure.length < excess) {
      for (const [k] of insecure) jar.delete(k);
      for (const [k] of entries.filter(([, c]) => c.secure).slice(0, excess)) jar.delete(k);
      return;
    }
  }
  for (const secure of [false, true]) {
    for (const [k, c] of entries) {
      if (excess === 0) return;
      if (c.secure === secure) {
        jar.delete(k);
        excess--;
      }
    }
  }
}

/** The jar after `lines` (one response to `url` at `now`), as `browser` would hold it. */
export function modelJar(
  lines: readonly string[],
  url: string,
  now: number,
  browser: BrowserModel = 'chromium',
): ModelledCookie[] {
  const jar = new Map<string, ModelledCookie>();
  for (const line of lines) {
    const o = observeSetCookie(line, { url, now, browser });
    if (!storedBy(o)) continue;
    const k = keyOf(o);
    jar.delete(k);
    if (o.deletion) continue;
    jar.set(k, {
      name: o.name,
      valueLength: o.sizeBytes - utf8Length(o.name),
      domain: o.domain,
      hostOnly: o.hostOnly,
      path: o.path,
      secure: o.secure,
      httpOnly: o.httpOnly,
      sameSite: o.sameSite === 'invalid' ? 'unspecified' : o.sameSite,
      expires: o.expires,
      partitioned: o.partitioned,
    });
    evict(jar, siteOf(o.domain), browser);
  }
  return [...jar.values()];
}
