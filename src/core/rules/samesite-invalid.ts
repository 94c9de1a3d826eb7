import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * Observatory cookies-samesite-flag-invalid (−20), ZAP 10054-3: a SameSite value other than
 * Strict, Lax or None (or an empty one) is ignored, leaving the browser default. Only a raw header
 * shows it: the jar reports such a cookie as "unspecified".
 */
export const rule: CookieRule = {
  id: 'samesite-invalid',
  title: 'SameSite attribute with an invalid value',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'samesite-invalid',
  check({ cookie }) {
    if (cookie.obs.sameSite !== 'invalid') return NONE;
    const raw = cookie.obs.sameSiteRaw ?? '';
    return [
      {
        evidence: cookieEvidence(
          cookie,
          raw.length === 0 ? 'SameSite has no value' : `SameSite=${raw} is not Strict, Lax or None`,
        ),
      },
    ];
  },
};
