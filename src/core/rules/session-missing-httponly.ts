import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** Observatory cookies-session-without-httponly-flag (−30); Django W013–W015; OWASP "mandatory". */
export const rule: CookieRule = {
  id: 'session-missing-httponly',
  title: 'Session cookie readable by JavaScript (no HttpOnly)',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-missing-httponly',
  check({ cookie }) {
    if (cookie.classification.role !== 'session' || cookie.obs.httpOnly) return NONE;
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
