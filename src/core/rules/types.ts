/**
 * The rule contract. A rule only detects: it returns evidence (and, where the catalog says so, an
 * adjusted severity such as the HSTS softening). Wording comes from the lessons, points from
 * src/core/scoring.ts.
 */
import type {
  AuditSettings,
  Classification,
  CookieObservation,
  CookieSource,
  HstsPolicy,
  Scheme,
  Severity,
  SiteObservations,
} from '../types.ts';

/** One merged cookie as the rules see it. */
export interface AuditCookie {
  /** Merged state: latest attributes, header raw details. */
  obs: CookieObservation;
  /** Every live (non-deletion) sighting, oldest first. */
  sightings: CookieObservation[];
  sources: CookieSource[];
  classification: Classification;
  /** A header sighting came from an http:// response. */
  setOverHttp: boolean;
  /** A header sighting came from an https:// response. */
  setOverHttps: boolean;
  /** The URL of the first http:// response that set it (for evidence). */
  httpSetUrl?: string;
  /** A Set-Cookie header for it was seen (not only the jar). */
  headerSeen: boolean;
}

export interface SiteHsts {
  /** The header text of the response judged, or null when that response had none. */
  header: string | null;
  policy: HstsPolicy | null;
  /** The https response the header was read from. */
  url: string;
}

export interface SiteFacts {
  url: string;
  origin: string;
  host: string;
  scheme: Scheme;
  /** localhost / loopback: findings note that they matter in production. */
  loopback: boolean;
  /** HSTS of the latest https main-frame response on the site's host; null when none was seen. */
  hsts: SiteHsts | null;
  /** A valid HSTS policy of at least six months (15552000 s) protects the host. */
  hstsProtects: boolean;
  settings: AuditSettings;
  observations: SiteObservations;
  /** Every merged cookie of the site (first- and third-party). */
  cookies: AuditCookie[];
}

export interface RawFinding {
  /** What was seen: the Set-Cookie line with the value replaced by "…", a header, a URL. */
  evidence: string;
  /** Severity for this occurrence when it differs from the rule's default (e.g. HSTS softening). */
  severity?: Severity;
}

interface RuleBase {
  /** Stable public id (reports, ignore lists and CI configs use it). */
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** Key of the lesson entry in src/lessons/lessons.json (the rule id). */
  lesson: string;
}

export interface CookieRule extends RuleBase {
  scope: 'cookie';
  /** Also runs for nameless cookies (most attribute rules do not: the header is malformed). */
  appliesToNameless?: boolean;
  check(ctx: { cookie: AuditCookie; site: SiteFacts }): readonly RawFinding[];
}

export interface SiteRule extends RuleBase {
  scope: 'site';
  check(ctx: { site: SiteFacts }): readonly RawFinding[];
}

export type Rule = CookieRule | SiteRule;
