import type { CookieRule, RawFinding } from './types.ts';
import { NONE } from './util.ts';

/**
 * Session fixation: the session cookie kept the same value across a login. The background compares
 * keyed hashes taken before and after the login form post; values are never stored.
 */
export const rule: CookieRule = {
  id: 'session-not-rotated-on-login',
  title: 'Session identifier not renewed at login',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-not-rotated-on-login',
  check({ cookie, site }) {
    if (cookie.classification.role !== 'session') return NONE;
    const out: RawFinding[] = [];
    for (const login of site.observations.logins) {
      for (const c of login.cookies) {
        if (c.name !== cookie.obs.name || c.beforeHash === null || c.beforeHash !== c.afterHash) continue;
        out.push({ evidence: `${cookie.obs.name}=… kept the same value across the login at ${login.url}` });
      }
    }
    return out;
  },
};
