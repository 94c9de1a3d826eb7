import type {
  AuditSettings,
  CookieObservation,
  HttpResponseObservation,
  SiteAudit,
  SiteObservations,
} from '../../src/core/index.ts';
import { auditSite, emptySiteObservations, observeSetCookie } from '../../src/core/index.ts';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** A site with the given Set-Cookie lines observed on `url` (one main-frame response). */
export function siteFrom(
  lines: string[],
  opts: {
    url?: string;
    hsts?: string | null;
    extra?: Partial<SiteObservations>;
    cookies?: CookieObservation[];
    responses?: HttpResponseObservation[];
  } = {},
): SiteObservations {
  const url = opts.url ?? 'https://app.example.com/';
  const u = new URL(url);
  const cookies = lines.map((l, i) => observeSetCookie(l, { url, now: NOW + i }));
  return emptySiteObservations(url, {
    origin: u.origin,
    cookies: [...cookies, ...(opts.cookies ?? [])],
    responses: opts.responses ?? [
      { url, status: 200, hsts: opts.hsts ?? null, mainFrame: true, observedAt: NOW },
    ],
    schemesSeen: [u.protocol === 'https:' ? 'https' : 'http'],
    ...opts.extra,
  });
}

export function audit(
  lines: string[],
  opts: Parameters<typeof siteFrom>[1] = {},
  settings: Partial<AuditSettings> = {},
): SiteAudit {
  return auditSite(siteFrom(lines, opts), { now: NOW + 1000, ...settings });
}

/** Rule ids reported for the cookie named `name` (all cookies when omitted). */
export function rulesFor(a: SiteAudit, name?: string): string[] {
  return a.cookies
    .filter((c) => name === undefined || c.name === name)
    .flatMap((c) => c.findings.map((f) => f.rule));
}

export function siteRules(a: SiteAudit): string[] {
  return a.findings.map((f) => f.rule);
}

/** Findings of one rule (cookie and site level) for the given lines. */
export function findingsOf(
  rule: string,
  lines: string[],
  opts: Parameters<typeof siteFrom>[1] = {},
  settings: Partial<AuditSettings> = {},
) {
  const a = audit(lines, opts, settings);
  return [...a.findings, ...a.cookies.flatMap((c) => c.findings)].filter((f) => f.rule === rule);
}

export const HSTS_2Y = 'max-age=63072000; includeSubDomains; preload';

export { LOOPBACK_NOTE as LOOPBACK } from '../../src/core/index.ts';

/** A session cookie value with plenty of entropy (Django-style). */
export const SID = 'k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8';
