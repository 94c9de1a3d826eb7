import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

/** A JWT with alg "none" or without a signature segment: anyone can forge it (ZAP 120002, badsecrets). */
export const rule: CookieRule = {
  id: 'session-jwt-unsigned',
  title: 'Session JWT is unsigned (alg none)',
  scope: 'cookie',
  defaultSeverity: 'high',
  lesson: 'session-jwt-unsigned',
  check({ cookie }) {
    if (cookie.classification.role !== 'session' || cookie.obs.value.format !== 'jwt-unsigned') return NONE;
    const keys = cookie.obs.value.payloadKeys ?? [];
    return [
      {
        evidence: cookieEvidence(cookie, `unsigned JWT${keys.length ? `; claims: ${keys.join(', ')}` : ''}`),
      },
    ];
  },
};
