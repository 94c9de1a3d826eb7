/** Small helpers shared by the rule files (not a rule). */
import { hasHostPrefix, hasHttpPrefix, hasSecurePrefix } from '../observe.ts';
import type { Severity } from '../types.ts';
import type { AuditCookie, RawFinding, SiteFacts } from './types.ts';

export { hasHostPrefix, hasHttpPrefix, hasSecurePrefix };

/** The shared "nothing found" result (frozen: the engine only reads it). */
export const NONE: readonly RawFinding[] = Object.freeze([]);

/** The cookie lives on an HTTPS site: the site is https, or an https response set it. */
export function onHttps(cookie: AuditCookie, site: SiteFacts): boolean {
  return site.scheme === 'https' || cookie.setOverHttps;
}

/** One step down the severity scale (the HSTS softening). */
export function softer(severity: Severity): Severity {
  if (severity === 'high') return 'medium';
  if (severity === 'medium') return 'low';
  return 'info';
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** Evidence of a cookie: its Set-Cookie line (value replaced by "…") plus an optional fact. */
export function cookieEvidence(cookie: AuditCookie, fact?: string): string {
  return fact ? `${cookie.obs.evidence} — ${fact}` : cookie.obs.evidence;
}

/** The HSTS softening fact for evidence. */
export function hstsFact(site: SiteFacts): string {
  return `softened: the site sends Strict-Transport-Security max-age=${site.hsts?.policy?.maxAge ?? 0}`;
}
