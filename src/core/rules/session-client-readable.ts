import { READABLE_FORMATS } from '../value.ts';
import type { CookieRule } from './types.ts';
import { cookieEvidence, NONE } from './util.ts';

const IDENTIFYING =
  /(^|[_\-.])(e?mail|name|user|username|login|uid|userid|user_id|sub|role|roles|admin|is_?admin|perm|perms|permissions|group|groups|phone|address|dob|birth|ssn|account|customer|member)($|[_\-.])/i;

/**
 * RFC 6265bis: "Servers SHOULD encrypt and sign the contents of cookies". A signed-only session
 * (JWT, Flask, cookie-session, Django signed_cookies, Rails signed) is readable by anyone holding
 * the cookie. Low when its key names look identifying, else info.
 */
export const rule: CookieRule = {
  id: 'session-client-readable',
  title: 'Session data readable by the client (signed, not encrypted)',
  scope: 'cookie',
  defaultSeverity: 'low',
  lesson: 'session-client-readable',
  check({ cookie }) {
    const v = cookie.obs.value;
    if (cookie.classification.role !== 'session' || v.format === 'jwt-unsigned') return NONE;
    if (!READABLE_FORMATS.has(v.format)) return NONE;
    const keys = v.payloadKeys ?? [];
    const identifying = keys.filter((k) => IDENTIFYING.test(k));
    const fact =
      keys.length > 0 ? `${v.format} payload with keys: ${keys.join(', ')}` : `${v.format} payload`;
    return [
      {
        evidence: cookieEvidence(cookie, fact),
        ...(identifying.length > 0 ? {} : { severity: 'info' as const }),
      },
    ];
  },
};
