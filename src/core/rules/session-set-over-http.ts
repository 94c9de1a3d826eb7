import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** Observatory counts "set over HTTP" with the missing Secure flag (−40): anyone on the path reads it. */
export const rule: CookieRule = {
  id: 'session-set-over-http',
  title: 'Session cookie set over plain HTTP',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-set-over-http',
  check({ cookie }) {
    if (cookie.classification.role !== 'session' || !cookie.setOverHttp) return NONE;
    return [{ evidence: cookieEvidence(cookie, `set by ${cookie.httpSetUrl ?? 'an http:// response'}`) }];
  },
};
