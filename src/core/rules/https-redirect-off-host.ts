import { analyseRedirects } from '../redirects.ts';
import type { SiteRule } from './types.ts';

/**
 * Observatory redirection-off-host-from-http (−5); hstspreload www_first: the http→https hop
 * changes host, so the original host never receives its HSTS header.
 */
export const rule: SiteRule = {
  id: 'https-redirect-off-host',
  title: 'HTTP to HTTPS redirect changes host',
  scope: 'site',
  defaultSeverity: 'low',
  lesson: 'https-redirect-off-host',
  check({ site }) {
    const r = analyseRedirects(site);
    return r.offHost ? [{ evidence: r.offHost }] : [];
  },
};
