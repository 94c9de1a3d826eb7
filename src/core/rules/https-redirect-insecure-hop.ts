import { analyseRedirects } from '../redirects.ts';
import type { SiteRule } from './types.ts';

/** Observatory redirection-not-to-https-on-initial-redirection (−10); hstspreload first_redirect.insecure. */
export const rule: SiteRule = {
  id: 'https-redirect-insecure-hop',
  title: 'First redirect from HTTP goes to another HTTP URL',
  scope: 'site',
  defaultSeverity: 'low',
  lesson: 'https-redirect-insecure-hop',
  check({ site }) {
    const r = analyseRedirects(site);
    return r.insecureHop ? [{ evidence: r.insecureHop }] : [];
  },
};
