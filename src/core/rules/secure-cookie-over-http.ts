import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * RFC 6265bis step 13: a Secure cookie from an insecure origin is ignored. Chromium treats loopback
 * as trustworthy and stores it there; in production over http:// it is dropped.
 */
export const rule: CookieRule = {
  id: 'secure-cookie-over-http',
  title: 'Secure cookie set over plain HTTP (cookie dropped)',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'secure-cookie-over-http',
  check({ cookie }) {
    if (!cookie.obs.secure || !cookie.setOverHttp) return NONE;
    const stored = !cookie.obs.rejected.includes('secure-from-insecure-origin');
    return [
      {
        evidence: cookieEvidence(
          cookie,
          `set by ${cookie.httpSetUrl ?? 'an http:// response'}${stored ? '; stored only because loopback counts as secure' : '; the browser ignores it'}`,
        ),
      },
    ];
  },
};
