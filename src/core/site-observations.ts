/** A site's observations, empty: the one place their lists are spelled out. */
import type { SiteObservations } from './types.ts';

/**
 * Nothing seen yet for the site of `url` (its origin is derived unless given). `fields` fills in what
 * was seen; anything left out starts empty.
 */
export function emptySiteObservations(url: string, fields: Partial<SiteObservations> = {}): SiteObservations {
  return {
    url,
    origin: fields.origin ?? new URL(url).origin,
    cookies: [],
    responses: [],
    redirects: [],
    sentInClear: [],
    logins: [],
    sessionInUrl: [],
    schemesSeen: [],
    ...fields,
  };
}
