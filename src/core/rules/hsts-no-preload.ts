import type { SiteRule } from './types.ts';
import { NONE } from './util.ts';

/** Django W021: without preload the very first visit can still be downgraded. Never penalised. */
export const rule: SiteRule = {
  id: 'hsts-no-preload',
  title: 'Strict-Transport-Security without preload',
  scope: 'site',
  defaultSeverity: 'info',
  lesson: 'hsts-no-preload',
  check({ site }) {
    const p = site.hsts?.policy;
    if (site.scheme !== 'https' || !p?.valid || !p.maxAge || p.preload) return NONE;
    return [{ evidence: `Strict-Transport-Security: ${site.hsts?.header}` }];
  },
};
