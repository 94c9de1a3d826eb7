import { analyseRedirects } from '../redirects.ts';
import type { SiteRule } from './types.ts';

/** Observatory redirection-missing / redirection-not-to-https (−20); Django W008. */
export const rule: SiteRule = {
  id: 'https-redirect-missing',
  title: 'Plain HTTP does not redirect to HTTPS',
  scope: 'site',
  defaultSeverity: 'medium',
  lesson: 'https-redirect-missing',
  check({ site }) {
    const r = analyseRedirects(site);
    return r.missing ? [{ evidence: r.missing }] : [];
  },
};
