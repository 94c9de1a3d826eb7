import type { SiteRule } from './types.ts';
import { NONE } from './util.ts';

/**
 * Django W005, preload requirement: without includeSubDomains an attacker can use an http://
 * subdomain to read or plant cookies scoped to the parent domain. Low when the site sets domain
 * cookies, info otherwise.
 */
export const rule: SiteRule = {
  id: 'hsts-no-subdomains',
  title: 'Strict-Transport-Security without includeSubDomains',
  scope: 'site',
  defaultSeverity: 'info',
  lesson: 'hsts-no-subdomains',
  check({ site }) {
    const p = site.hsts?.policy;
    if (site.scheme !== 'https' || !p?.valid || !p.maxAge || p.includeSubDomains) return NONE;
    // A domain cookie the browser accepts scope-wise (other rejections do not change its scope).
    const domainCookie = site.cookies.find(
      (c) =>
        !c.obs.thirdParty &&
        !c.obs.hostOnly &&
        !c.obs.rejected.includes('domain-mismatch') &&
        !c.obs.rejected.includes('public-suffix-domain'),
    );
    const evidence = `Strict-Transport-Security: ${site.hsts?.header}`;
    if (domainCookie) {
      return [
        {
          evidence: `${evidence} — while ${domainCookie.obs.name} is scoped to ${domainCookie.obs.domain}`,
          severity: 'low',
        },
      ];
    }
    return [{ evidence }];
  },
};
