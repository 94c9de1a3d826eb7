import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * `Set-Cookie: Secure; HttpOnly` has no name=value: RFC 6265bis stores a nameless cookie whose
 * value is "Secure" (so Secure does NOT apply) with the remaining attributes. Reported as one
 * malformed header instead of three missing-attribute alerts (ZAP zaproxy#8613, Observatory #215).
 */
export const rule: CookieRule = {
  id: 'nameless-cookie',
  title: 'Set-Cookie without a name (nameless cookie)',
  scope: 'cookie',
  defaultSeverity: 'info',
  lesson: 'nameless-cookie',
  appliesToNameless: true,
  check({ cookie }) {
    const o = cookie.obs;
    if (!o.nameless) return NONE;
    const like = o.namelessAttributeLike;
    return [
      {
        evidence: cookieEvidence(
          cookie,
          like
            ? `"${like}" is read as the value of a nameless cookie, so ${like} is not applied`
            : 'no "=" in the first item',
        ),
      },
    ];
  },
};
