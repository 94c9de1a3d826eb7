import type { CookieRule } from './types.ts';
import { cookieEvidence, hstsFact, NONE, onHttps } from './util.ts';

/** Django W016: a CSRF token sniffed on the wire defeats the protection. */
export const rule: CookieRule = {
  id: 'csrf-missing-secure',
  title: 'Anti-CSRF cookie without Secure',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'csrf-missing-secure',
  check({ cookie, site }) {
    if (cookie.classification.role !== 'csrf' || cookie.obs.secure || !onHttps(cookie, site)) return NONE;
    if (site.hstsProtects) return [{ evidence: cookieEvidence(cookie, hstsFact(site)), severity: 'low' }];
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
