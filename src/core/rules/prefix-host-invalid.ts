import type { CookieRule } from './types.ts';
import { cookieEvidence, hasHostPrefix, NONE } from './util.ts';

/** RFC 6265bis step 21: `__Host-` needs Secure, no Domain, and Path=/ (matched case-insensitively). */
export const rule: CookieRule = {
  id: 'prefix-host-invalid',
  title: '__Host- prefix rules broken (cookie rejected)',
  scope: 'cookie',
  defaultSeverity: 'medium',
  lesson: 'prefix-host-invalid',
  appliesToNameless: true,
  check({ cookie }) {
    const o = cookie.obs;
    const broken: string[] = [];
    if (o.rejected.includes('prefix-host-invalid')) {
      if (o.nameless) broken.push('nameless cookie whose value starts with __Host-');
      else {
        if (!o.secure) broken.push('no Secure attribute');
        if (!o.hostOnly) broken.push('has a Domain attribute');
        if (o.pathAttribute === false) broken.push('no Path attribute');
        else if (o.path !== '/') broken.push(`Path is ${o.path}, not /`);
      }
    }
    if (hasHostPrefix(o.name) && o.rejected.includes('secure-from-insecure-origin')) {
      broken.push('set from an insecure (http://) origin');
    }
    if (broken.length === 0) return NONE;
    return [{ evidence: cookieEvidence(cookie, broken.join('; ')) }];
  },
};
