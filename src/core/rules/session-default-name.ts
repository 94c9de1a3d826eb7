import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** OWASP: default names fingerprint the framework ("change the default session ID name"). Hardening only. */
export const rule: CookieRule = {
  id: 'session-default-name',
  title: 'Session cookie uses a framework default name',
  scope: 'cookie',
  defaultSeverity: 'info',
  lesson: 'session-default-name',
  check({ cookie }) {
    const c = cookie.classification;
    if (c.role !== 'session' || !c.defaultName) return NONE;
    return [
      {
        evidence: cookieEvidence(
          cookie,
          c.framework ? `default of ${c.framework}` : 'well-known default name',
        ),
      },
    ];
  },
};
