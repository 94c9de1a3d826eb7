import { MAX_LIFETIME_SECONDS } from '../observe.ts';
import type { CookieRule } from './types.ts';
import { cookieEvidence, formatDuration, NONE } from './util.ts';

/** RFC 6265bis "Cookie Lifetime Limits": browsers cap Expires/Max-Age at 400 days. */
export const rule: CookieRule = {
  id: 'expiry-over-400-days',
  title: 'Lifetime beyond the 400-day browser cap',
  scope: 'cookie',
  defaultSeverity: 'info',
  lesson: 'expiry-over-400-days',
  check({ cookie }) {
    const r = cookie.obs.requestedLifetimeSeconds;
    if (r === undefined || r === null || r <= MAX_LIFETIME_SECONDS) return NONE;
    return [
      {
        evidence: cookieEvidence(cookie, `asks for ${formatDuration(r)}; browsers keep it 400 days at most`),
      },
    ];
  },
};
