import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * Observatory cookies-anticsrf-without-samesite-flag (−20), extended to xsrf/antiforgery names.
 * A missing HttpOnly on a CSRF cookie is deliberately NOT a finding: Django, Laravel, Spring and
 * the double-submit pattern leave it readable on purpose.
 */
export const rule: CookieRule = {
  id: 'csrf-missing-samesite',
  title: 'Anti-CSRF cookie without a SameSite attribute',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'csrf-missing-samesite',
  check({ cookie }) {
    if (cookie.classification.role !== 'csrf' || cookie.obs.sameSite !== 'unspecified') return NONE;
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
