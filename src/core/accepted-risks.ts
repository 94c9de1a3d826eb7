/**
 * Accepted risks: findings a user knows of and accepted, with a reason and an optional end date.
 * They stay in every report, marked accepted, but count neither in the grade nor in a CI gate; once
 * `until` has passed they apply no more and the report says so. Pure.
 */
import type { AcceptedRisk } from './types.ts';

/** End of an acceptance in ms: a date (YYYY-MM-DD) lasts through that day (UTC). NaN: not a date. */
export function acceptanceEnd(until: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(until)) {
    const start = Date.parse(`${until}T00:00:00Z`);
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== until) return Number.NaN;
    return start + 86_400_000 - 1;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(until))
    return Number.NaN;
  return Date.parse(until);
}

export function isExpired(risk: AcceptedRisk, now: number): boolean {
  if (risk.until === undefined) return false;
  const end = acceptanceEnd(risk.until);
  return Number.isNaN(end) || end < now;
}

function nameMatches(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** A risk's `site` is an origin (scheme://host[:port]) or a bare host name. */
export function siteMatches(pattern: string, origin: string): boolean {
  if (pattern.includes('://')) return pattern.replace(/\/+$/, '').toLowerCase() === origin.toLowerCase();
  const host = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(origin)?.[1] ?? '';
  return host.toLowerCase() === pattern.toLowerCase();
}

/** Whether `risk` covers a finding of `rule` on `cookie` (null: a site finding) at `origin`. */
export function riskCovers(risk: AcceptedRisk, rule: string, cookie: string | null, origin: string): boolean {
  if (risk.rule !== rule) return false;
  if (risk.site !== undefined && !siteMatches(risk.site, origin)) return false;
  if (risk.cookie !== undefined) return cookie !== null && nameMatches(cookie, risk.cookie);
  return true;
}

/**
 * The risks for one site, split into those in force and those expired (which only produce a
 * warning when they would have covered a finding).
 */
export class Acceptances {
  private readonly active: AcceptedRisk[] = [];
  private readonly expired: AcceptedRisk[] = [];
  readonly expiredHits = new Set<AcceptedRisk>();

  constructor(
    risks: readonly AcceptedRisk[],
    private readonly origin: string,
    now: number,
  ) {
    for (const r of risks) {
      if (r.site !== undefined && !siteMatches(r.site, origin)) continue;
      (isExpired(r, now) ? this.expired : this.active).push(r);
    }
  }

  get empty(): boolean {
    return this.active.length === 0 && this.expired.length === 0;
  }

  /** The acceptance in force for this finding, if any (the first that matches). */
  find(rule: string, cookie: string | null): AcceptedRisk | undefined {
    for (const r of this.active) if (riskCovers(r, rule, cookie, this.origin)) return r;
    for (const r of this.expired) if (riskCovers(r, rule, cookie, this.origin)) this.expiredHits.add(r);
    return undefined;
  }
}
