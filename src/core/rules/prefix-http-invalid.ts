import type { CookieRule } from './types.ts';
import { cookieEvidence, hasHostPrefix, hasHttpPrefix, NONE } from './util.ts';

/**
 * draft-ietf-httpbis-layered-cookies: `__Http-` and `__Host-Http-` cookies must be Secure and
 * HttpOnly (Chrome 140, Firefox 143 reject them otherwise). The `__Host-` part of `__Host-Http-`
 * (no Domain, Path=/) is prefix-host-invalid's to report.
 */
export const rule: CookieRule = {
  id: 'prefix-http-invalid',
  title: '__Http- prefix rules broken (cookie rejected)',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'prefix-http-invalid',
  appliesToNameless: true,
  check({ cookie }) {
    const o = cookie.obs;
    const broken: string[] = [];
    if (o.rejected.includes('prefix-http-invalid')) {
      if (o.nameless) broken.push('nameless cookie whose value starts with an __Http- prefix');
      else {
        if (!o.httpOnly) broken.push('no HttpOnly attribute');
        // For __Host-Http- a missing Secure is already a broken __Host- prefix.
        if (!o.secure && !hasHostPrefix(o.name)) broken.push('no Secure attribute');
      }
    }
    if (
      hasHttpPrefix(o.name) &&
      !hasHostPrefix(o.name) &&
      o.rejected.includes('secure-from-insecure-origin')
    ) {
      broken.push('set from an insecure (http://) origin');
    }
    if (broken.length === 0) return NONE;
    return [{ evidence: cookieEvidence(cookie, broken.join('; ')) }];
  },
};
