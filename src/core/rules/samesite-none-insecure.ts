import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * RFC 6265bis storage step 19; Chrome ≥ 80 and Firefox ≥ 131 reject the cookie
 * (SameSiteNoneInsecure); Safari stores it and sends it cross-site in clear text.
 */
export const rule: CookieRule = {
  id: 'samesite-none-insecure',
  title: 'SameSite=None without Secure',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'samesite-none-insecure',
  check({ cookie }) {
    if (cookie.obs.sameSite !== 'none' || cookie.obs.secure) return NONE;
    return [{ evidence: cookieEvidence(cookie, 'rejected by Chromium and Firefox; stored by Safari') }];
  },
};
