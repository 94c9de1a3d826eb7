import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * ZAP 90033, OWASP: a Domain attribute sends the cookie to every subdomain (and lets any subdomain
 * overwrite it). Even Domain equal to the host makes it a domain cookie. Low for session and CSRF
 * cookies, info otherwise.
 */
export const rule: CookieRule = {
  id: 'domain-too-broad',
  title: 'Cookie shared with every subdomain (Domain attribute)',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'domain-too-broad',
  check({ cookie }) {
    const o = cookie.obs;
    if (o.hostOnly || o.rejected.includes('domain-mismatch') || o.rejected.includes('public-suffix-domain'))
      return NONE;
    const role = cookie.classification.role;
    const fact =
      o.domain === o.host
        ? `Domain=${o.domain} equals the host, yet every subdomain of ${o.domain} receives it too`
        : `every subdomain of ${o.domain} receives it, not only ${o.host}`;
    return [
      {
        evidence: cookieEvidence(cookie, fact),
        ...(role === 'session' || role === 'csrf' ? {} : { severity: 'info' as const }),
      },
    ];
  },
};
