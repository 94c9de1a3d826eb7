import type { CookieRule } from './types.ts';
import { cookieEvidence, hasHostPrefix, hasHttpPrefix, hasSecurePrefix, NONE } from './util.ts';

/**
 * MDN and OWASP recommend `__Host-` (or at least `__Secure-`) for session cookies. Hardening only.
 * `__Http-` promises at least what `__Secure-` does (Secure, plus HttpOnly), so it counts too.
 */
export const rule: CookieRule = {
  id: 'session-no-prefix',
  title: 'Session cookie without a __Host- or __Secure- prefix',
  scope: 'cookie',
  defaultSeverity: 'info',
  lesson: 'session-no-prefix',
  check({ cookie }) {
    const name = cookie.obs.name;
    if (
      cookie.classification.role !== 'session' ||
      hasHostPrefix(name) ||
      hasSecurePrefix(name) ||
      hasHttpPrefix(name)
    ) {
      return NONE;
    }
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
