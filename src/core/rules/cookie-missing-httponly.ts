import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/**
 * ZAP 10010 flags every cookie; many need JavaScript access, so this is info, for "other" cookies
 * set by a header only (a cookie seen only in the jar was most likely written by JavaScript, where
 * HttpOnly is impossible). CSRF, tracking and infrastructure cookies are never flagged.
 */
export const rule: CookieRule = {
  id: 'cookie-missing-httponly',
  title: 'Cookie readable by JavaScript (no HttpOnly)',
  scope: 'cookie',
  defaultSeverity: 'info',
  lesson: 'cookie-missing-httponly',
  check({ cookie }) {
    if (cookie.classification.role !== 'other' || cookie.obs.httpOnly || !cookie.headerSeen) return NONE;
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
