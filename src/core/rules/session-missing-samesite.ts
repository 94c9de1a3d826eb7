import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * OWASP: session cookies must set SameSite explicitly. Lax-by-default exists only in Chromium, so
 * an omitted attribute is not assumed to be Lax. (An invalid value is samesite-invalid.)
 */
export const rule: CookieRule = {
  id: 'session-missing-samesite',
  title: 'Session cookie without a SameSite attribute',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'session-missing-samesite',
  check({ cookie }) {
    if (cookie.classification.role !== 'session' || cookie.obs.sameSite !== 'unspecified') return NONE;
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
