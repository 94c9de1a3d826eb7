import { urlInfo } from '../domain.ts';
import type { SiteRule } from './types.ts';
import { NONE } from './util.ts';

/**
 * The same host served content over both http:// and https:// (not merely a redirect from http),
 * so any cookie without Secure travels in clear text on the http side.
 */
export const rule: SiteRule = {
  id: 'mixed-http-https',
  title: 'Site served over both HTTP and HTTPS',
  scope: 'site',
  defaultSeverity: 'low',
  lesson: 'mixed-http-https',
  check({ site }) {
    const o = site.observations;
    if (!o.schemesSeen.includes('http') || !o.schemesSeen.includes('https')) return NONE;
    const httpResponses = o.responses.filter((r) => {
      const u = urlInfo(r.url);
      return u.scheme === 'http' && u.host === site.host;
    });
    const content = httpResponses.find((r) => r.status < 300 || r.status >= 400);
    if (httpResponses.length > 0 && !content) return NONE;
    const httpRedirects = o.redirects.filter(
      (r) => urlInfo(r.from).scheme === 'http' && urlInfo(r.from).host === site.host,
    );
    if (!content && httpRedirects.length > 0) return NONE;
    const where = content
      ? `${content.url} answered ${content.status} over http://`
      : `${site.host} was seen over http:// and https://`;
    return [{ evidence: where }];
  },
};
