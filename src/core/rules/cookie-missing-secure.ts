import type { Severity } from '../types.ts';
import type { CookieRule } from './types.ts';
import { cookieEvidence, hstsFact, NONE, onHttps, softer } from './util.ts';

const BY_ROLE: Record<string, Severity> = { other: 'medium', tracking: 'low', infrastructure: 'info' };

/**
 * RFC 6265bis: "servers SHOULD set the Secure attribute for every cookie" (Observatory −20, −5 with
 * HSTS). Session and CSRF cookies have their own rules. Tracking cookies are low; infrastructure
 * cookies (load-balancer affinity and the like) are reported as info only.
 */
export const rule: CookieRule = {
  id: 'cookie-missing-secure',
  title: 'Cookie without Secure on an HTTPS site',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'cookie-missing-secure',
  check({ cookie, site }) {
    const base = BY_ROLE[cookie.classification.role];
    if (base === undefined || cookie.obs.secure || !onHttps(cookie, site)) return NONE;
    if (site.hstsProtects)
      return [{ evidence: cookieEvidence(cookie, hstsFact(site)), severity: softer(base) }];
    return [{ evidence: cookieEvidence(cookie), severity: base }];
  },
};
