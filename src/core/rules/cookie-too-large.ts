import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * RFC 6265bis: name + value over 4096 octets ⇒ the whole line is ignored (low); an attribute value
 * over 1024 octets ⇒ that attribute is ignored (info).
 */
export const rule: CookieRule = {
  id: 'cookie-too-large',
  title: 'Cookie or attribute over the browser size limits',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'cookie-too-large',
  appliesToNameless: true,
  check({ cookie }) {
    const o = cookie.obs;
    if (o.rejected.includes('name-value-too-large')) {
      return [
        { evidence: cookieEvidence(cookie, `name + value is ${o.sizeBytes} bytes (limit 4096): rejected`) },
      ];
    }
    if (o.oversizeAttributes.length > 0) {
      return [
        {
          evidence: cookieEvidence(cookie, `ignored (over 1024 bytes): ${o.oversizeAttributes.join(', ')}`),
          severity: 'info',
        },
      ];
    }
    return NONE;
  },
};
