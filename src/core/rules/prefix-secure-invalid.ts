import type { CookieRule } from './types.ts';
import { cookieEvidence, hasSecurePrefix, NONE } from './util.ts';

/** RFC 6265bis steps 13, 20 and 22: a `__Secure-` cookie (any letter case) must be Secure, from a secure origin. */
export const rule: CookieRule = {
  id: 'prefix-secure-invalid',
  title: '__Secure- prefix rules broken (cookie rejected)',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'prefix-secure-invalid',
  appliesToNameless: true,
  check({ cookie }) {
    const o = cookie.obs;
    if (o.rejected.includes('prefix-secure-invalid')) {
      return [
        {
          evidence: cookieEvidence(
            cookie,
            o.nameless ? 'nameless cookie whose value starts with __Secure-' : 'no Secure attribute',
          ),
        },
      ];
    }
    if (hasSecurePrefix(o.name) && o.rejected.includes('secure-from-insecure-origin')) {
      return [{ evidence: cookieEvidence(cookie, 'set from an insecure (http://) origin') }];
    }
    return NONE;
  },
};
