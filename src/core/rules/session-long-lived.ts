import type { CookieRule } from './types.ts';
import { cookieEvidence, formatDuration, NONE } from './util.ts';

/**
 * OWASP prefers non-persistent session cookies; a stolen persistent cookie keeps working. The
 * threshold is the setting sessionMaxLifetimeSeconds (12 hours by default).
 */
export const rule: CookieRule = {
  id: 'session-long-lived',
  title: 'Session cookie persists for a long time',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'session-long-lived',
  check({ cookie, site }) {
    if (cookie.classification.role !== 'session' || cookie.obs.expires === null) return NONE;
    const lifetime = (cookie.obs.expires - cookie.obs.observedAt) / 1000;
    const limit = site.settings.sessionMaxLifetimeSeconds;
    if (lifetime <= limit) return NONE;
    return [
      {
        evidence: cookieEvidence(
          cookie,
          `lifetime ${formatDuration(lifetime)}, limit ${formatDuration(limit)}`,
        ),
      },
    ];
  },
};
