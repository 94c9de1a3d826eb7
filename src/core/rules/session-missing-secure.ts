import type { CookieRule } from './types.ts';
import { cookieEvidence, hstsFact, NONE, onHttps } from './util.ts';

/** Observatory cookies-session-without-secure-flag (−40; −10 when HSTS ≥ 6 months); Django W010–W012. */
export const rule: CookieRule = {
  id: 'session-missing-secure',
  title: 'Session cookie without Secure',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-missing-secure',
  check({ cookie, site }) {
    if (cookie.classification.role !== 'session' || cookie.obs.secure || !onHttps(cookie, site)) return NONE;
    if (site.hstsProtects) return [{ evidence: cookieEvidence(cookie, hstsFact(site)), severity: 'medium' }];
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
