import { siteOf } from '../domain.ts';
import { COOKIES_AFTER_EVICTION, MAX_COOKIES_PER_DOMAIN } from '../jar-model.ts';
import type { CookieRule, SiteFacts } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** Live cookies per registrable domain, counted once per audit. */
const counts = new WeakMap<SiteFacts, Map<string, number>>();

function cookiesPerDomain(site: SiteFacts): Map<string, number> {
  let m = counts.get(site);
  if (!m) {
    m = new Map();
    for (const c of site.cookies) {
      if (c.obs.rejected.length > 0) continue;
      const key = siteOf(c.obs.domain);
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    counts.set(site, m);
  }
  return m;
}

/**
 * Chromium and Firefox keep at most 180 cookies per registrable domain: the cookie that makes it
 * 181 evicts the least recently used down to 150, cookies without Secure first (measured by the
 * differential test). A session cookie among more than 180 may be evicted, logging the user out;
 * one without Secure goes first (medium), a Secure one only when too few insecure ones are left (low).
 */
export const rule: CookieRule = {
  id: 'session-eviction-risk',
  title: 'Session cookie may be evicted: over 180 cookies for its domain',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'session-eviction-risk',
  check({ cookie, site }) {
    if (cookie.classification.role !== 'session' || cookie.obs.rejected.length > 0) return NONE;
    const domain = siteOf(cookie.obs.domain);
    const n = cookiesPerDomain(site).get(domain) ?? 0;
    if (n <= MAX_COOKIES_PER_DOMAIN) return NONE;
    const evidence = cookieEvidence(
      cookie,
      `${n} cookies for ${domain}: the browser keeps ${MAX_COOKIES_PER_DOMAIN} and evicts the least recently used down to ${COOKIES_AFTER_EVICTION}, ${cookie.obs.secure ? 'insecure ones first, then Secure ones like this' : 'cookies without Secure, like this one, first'}`,
    );
    return [cookie.obs.secure ? { evidence, severity: 'low' } : { evidence }];
  },
};
