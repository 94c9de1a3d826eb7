import type { SiteRule } from './types.ts';
import { NONE } from './util.ts';

/** ZAP 10035-2: max-age=0 tells the browser to forget HSTS for the host. */
export const rule: SiteRule = {
  id: 'hsts-disabled',
  title: 'Strict-Transport-Security disabled (max-age=0)',
  scope: 'site',
  defaultSeverity: 'medium',
  lesson: 'hsts-disabled',
  check({ site }) {
    const p = site.hsts?.policy;
    if (site.scheme !== 'https' || !p?.valid || p.maxAge !== 0) return NONE;
    return [{ evidence: `Strict-Transport-Security: ${site.hsts?.header}` }];
  },
};
