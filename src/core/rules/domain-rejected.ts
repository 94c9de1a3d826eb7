import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** RFC 6265bis steps 9–10: Domain must domain-match the host and must not be a public suffix. */
export const rule: CookieRule = {
  id: 'domain-rejected',
  title: 'Domain attribute the browser rejects',
  scope: 'cookie',
  defaultSeverity: 'info',
  lesson: 'domain-rejected',
  check({ cookie }) {
    const o = cookie.obs;
    if (o.rejected.includes('public-suffix-domain')) {
      return [{ evidence: cookieEvidence(cookie, `${o.domain} is a public suffix: the cookie is dropped`) }];
    }
    if (o.rejected.includes('domain-mismatch')) {
      return [
        { evidence: cookieEvidence(cookie, `${o.domain} does not cover ${o.host}: the cookie is dropped`) },
      ];
    }
    return NONE;
  },
};
