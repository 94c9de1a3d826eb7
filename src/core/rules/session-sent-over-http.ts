import { domainMatch, urlInfo } from '../domain.ts';
import type { CookieRule, RawFinding } from './types.ts';
import { NONE } from './util.ts';

/** The browser sent the session cookie in a plain-HTTP request (observed by the background). */
export const rule: CookieRule = {
  id: 'session-sent-over-http',
  title: 'Session cookie sent over plain HTTP',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-sent-over-http',
  check({ cookie, site }) {
    if (cookie.classification.role !== 'session') return NONE;
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const send of site.observations.sentInClear) {
      if (!send.cookieNames.includes(cookie.obs.name)) continue;
      const u = urlInfo(send.url);
      const matches = cookie.obs.hostOnly
        ? u.host === cookie.obs.domain
        : domainMatch(u.host, cookie.obs.domain);
      if (!matches || seen.has(u.origin)) continue;
      seen.add(u.origin);
      out.push({ evidence: `Cookie: ${cookie.obs.name}=… sent to ${send.url}` });
    }
    return out;
  },
};
