import { HSTS_SIX_MONTHS } from '../hsts.ts';
import type { SiteRule } from './types.ts';
import { formatDuration, NONE } from './util.ts';

/** Observatory hsts-implemented-max-age-less-than-six-months (−10): below 15552000 s. */
export const rule: SiteRule = {
  id: 'hsts-short',
  title: 'Strict-Transport-Security max-age under six months',
  scope: 'site',
  defaultSeverity: 'low',
  lesson: 'hsts-short',
  check({ site }) {
    const p = site.hsts?.policy;
    if (
      site.scheme !== 'https' ||
      !p?.valid ||
      p.maxAge === null ||
      p.maxAge <= 0 ||
      p.maxAge >= HSTS_SIX_MONTHS
    ) {
      return NONE;
    }
    return [{ evidence: `Strict-Transport-Security: ${site.hsts?.header} — ${formatDuration(p.maxAge)}` }];
  },
};
