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
    if (cookie.classification.role !== 'session' || cookie.obs.secure) return NONE;
    // Any scheme: on a plain-HTTP site the missing flag is half of the fix (the other half, HTTPS, is
    // session-set-over-http's finding), and lesson 000's bare `sessionid=…; Path=/` is exactly this.
    if (!onHttps(cookie, site)) return [{ evidence: cookieEvidence(cookie, `no Secure, on ${site.origin}`) }];
    if (site.hstsProtects) return [{ evidence: cookieEvidence(cookie, hstsFact(site)), severity: 'medium' }];
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
