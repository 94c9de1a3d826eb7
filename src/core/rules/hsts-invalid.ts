import type { SiteRule } from './types.ts';
import { NONE } from './util.ts';

/** Observatory hsts-header-invalid (−20), ZAP 10035-3/5/7/8: browsers ignore a malformed header. */
export const rule: SiteRule = {
  id: 'hsts-invalid',
  title: 'Strict-Transport-Security header is invalid (ignored)',
  scope: 'site',
  defaultSeverity: 'medium',
  lesson: 'hsts-invalid',
  check({ site }) {
    const h = site.hsts;
    if (site.scheme !== 'https' || h === null || h.header === null || h.policy === null || h.policy.valid)
      return NONE;
    return [
      { evidence: `Strict-Transport-Security: ${h.header.slice(0, 200)} — ${h.policy.problems.join('; ')}` },
    ];
  },
};
