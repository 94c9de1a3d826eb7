import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * ZAP 10054-2: a session cookie sent on cross-site requests. Legitimate for embeds and SSO, hence
 * low. Fires whether or not the cookie is Secure (a missing Secure is samesite-none-insecure), so
 * that adding Secure can never create a finding.
 */
export const rule: CookieRule = {
  id: 'session-samesite-none',
  title: 'Session cookie sent on cross-site requests (SameSite=None)',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'session-samesite-none',
  check({ cookie }) {
    if (cookie.classification.role !== 'session' || cookie.obs.sameSite !== 'none') return NONE;
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
