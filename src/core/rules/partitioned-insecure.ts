import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** CHIPS: "User agent must reject any cookie set with Partitioned that does not also include Secure". */
export const rule: CookieRule = {
  id: 'partitioned-insecure',
  title: 'Partitioned cookie without Secure (cookie rejected)',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'partitioned-insecure',
  check({ cookie }) {
    if (!cookie.obs.partitioned || cookie.obs.secure) return NONE;
    return [{ evidence: cookieEvidence(cookie) }];
  },
};
