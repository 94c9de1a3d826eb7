import type { SiteObservations } from './types.ts';

/**
 * Observations as they may leave the extension (JSON reports, `merge` input): each login's keyed
 * value hashes become opaque tokens that keep only what the rotation check compares — whether a
 * cookie's value was the same before and after that login — so no value-derived data is written.
 */
export function observationsForExport(sites: readonly SiteObservations[]): SiteObservations[] {
  return sites.map((site) => ({
    ...site,
    logins: site.logins.map((login) => ({
      ...login,
      cookies: login.cookies.map((c) => ({
        name: c.name,
        beforeHash: c.beforeHash === null ? null : 'before',
        afterHash: c.afterHash === null ? null : c.afterHash === c.beforeHash ? 'before' : 'after',
      })),
    })),
  }));
}
