import type { SiteRule } from './types.ts';
import { NONE } from './util.ts';

/** Observatory hsts-not-implemented (−20), ZAP 10035-1, Django W004. */
export const rule: SiteRule = {
  id: 'hsts-missing',
  title: 'No Strict-Transport-Security header',
  scope: 'site',
  defaultSeverity: 'medium',
  lesson: 'hsts-missing',
  check({ site }) {
    if (site.scheme !== 'https' || site.hsts === null || site.hsts.header !== null) return NONE;
    return [{ evidence: `${site.hsts.url}: no Strict-Transport-Security header` }];
  },
};
