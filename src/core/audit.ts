/**
 * auditSite: merges a site's observations into one cookie per (name, domain, path, partition),
 * classifies each, runs every rule, and grades the site. Pure: the clock comes from settings.now or
 * the observations themselves.
 *
 * Merge policy (docs/scoring.md, "What is audited"):
 *  - header and jar sightings of the same cookie become one cookie whose `source` lists both;
 *  - the latest live sighting decides the attributes; the latest header sighting decides the raw
 *    details only a header shows (SameSite text, Domain attribute, Path attribute, rejection
 *    reasons, oversize attributes, requested lifetime, evidence). A jar "unspecified" SameSite
 *    yields to a header's invalid value, and an ambiguous Firefox `no_restriction` to a header None;
 *  - deletion sightings (Max-Age ≤ 0, past Expires) are dropped when the cookie has any live
 *    sighting; a cookie seen only being deleted is listed with `deletion: true` and no findings;
 *    a cookie whose expiry has passed by `now` is treated the same way;
 *  - cookies on the ignore list are listed with no findings; neither they, deletion cookies nor
 *    third-party cookies count in the score.
 */
import { classifyCookie, detectFrameworks } from './classify.ts';
import { urlInfo } from './domain.ts';
import { HSTS_SIX_MONTHS, parseHsts } from './hsts.ts';
import { RULES } from './rules/index.ts';
import type { AuditCookie, SiteFacts, SiteHsts } from './rules/types.ts';
import { computeScore, gradeForScore, type ScoredFinding } from './scoring.ts';
import type {
  AuditedCookie,
  AuditSettings,
  CookieObservation,
  CookieSource,
  Finding,
  Framework,
  HttpResponseObservation,
  Severity,
  SiteAudit,
  SiteObservations,
  Wording,
} from './types.ts';

export const DEFAULT_SETTINGS: Readonly<AuditSettings> = Object.freeze({
  // Empty: infrastructure cookies are recognised by the classifier (role "infrastructure") and get
  // no session rules, so they need no ignore list; users add their own names.
  ignoreNames: [],
  disabledRules: [],
  severityOverrides: {},
  sessionMaxLifetimeSeconds: 43200,
  // 0 = use the latest observation time.
  now: 0,
});

export const LOOPBACK_NOTE = ' (on localhost; this matters in production)';

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

/** Exact, case-sensitive names; a trailing "*" matches a prefix. */
export function isIgnored(name: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p.endsWith('*')) {
      if (name.startsWith(p.slice(0, -1))) return true;
    } else if (p === name) return true;
  }
  return false;
}

function normaliseObservations(o: SiteObservations): SiteObservations {
  return {
    url: typeof o.url === 'string' ? o.url : '',
    origin: typeof o.origin === 'string' ? o.origin : '',
    cookies: Array.isArray(o.cookies) ? o.cookies : [],
    responses: Array.isArray(o.responses) ? o.responses : [],
    redirects: Array.isArray(o.redirects) ? o.redirects : [],
    ...(o.redirectCheck ? { redirectCheck: o.redirectCheck } : {}),
    sentInClear: Array.isArray(o.sentInClear) ? o.sentInClear : [],
    logins: Array.isArray(o.logins) ? o.logins : [],
    sessionInUrl: Array.isArray(o.sessionInUrl) ? o.sessionInUrl : [],
    schemesSeen: Array.isArray(o.schemesSeen) ? o.schemesSeen : [],
  };
}

/**
 * One cookie per (name, domain, path, partition). Third-party sightings are kept apart from
 * first-party ones (they are reported in their own bucket and never scored), so that a third-party
 * sighting can never change how a first-party cookie is judged.
 */
function mergeKey(o: CookieObservation): string {
  return `${o.name}\u0000${o.domain}\u0000${o.path}\u0000${o.partitioned ? 'p' : ''}\u0000${o.thirdParty ? '3' : ''}`;
}

interface Merged {
  cookie: AuditCookie;
  /** Only deletion (or expired) sightings. */
  deletion: boolean;
  ignored: boolean;
}

function merge(
  sightings: CookieObservation[],
  now: number,
): Omit<AuditCookie, 'classification'> & { deletion: boolean } {
  sightings.sort((a, b) => a.observedAt - b.observedAt);
  const live = sightings.filter((s) => !s.deletion && !(s.expires !== null && s.expires <= now));
  const deletion = live.length === 0;
  const pool = deletion ? sightings : live;
  const latest = pool[pool.length - 1];
  let latestHeader: CookieObservation | undefined;
  const sources: CookieSource[] = [];
  let setOverHttp = false;
  let setOverHttps = false;
  let httpSetUrl: string | undefined;
  for (const s of pool) {
    if (!sources.includes(s.source)) sources.push(s.source);
    if (s.source === 'header') {
      latestHeader = s;
      if (s.scheme === 'http') {
        setOverHttp = true;
        httpSetUrl ??= s.url;
      } else setOverHttps = true;
    }
  }
  sources.sort((a, b) => (a === b ? 0 : a === 'header' ? -1 : 1));
  const obs: CookieObservation = { ...latest };
  if (latestHeader && latestHeader !== latest) {
    obs.rejected = latestHeader.rejected;
    obs.oversizeAttributes = latestHeader.oversizeAttributes;
    obs.evidence = latestHeader.evidence;
    obs.requestedLifetimeSeconds = latestHeader.requestedLifetimeSeconds;
    obs.pathAttribute = latestHeader.pathAttribute;
    if (latestHeader.domainAttribute !== undefined) obs.domainAttribute = latestHeader.domainAttribute;
    if (latestHeader.namelessAttributeLike !== undefined)
      obs.namelessAttributeLike = latestHeader.namelessAttributeLike;
    if (obs.sameSite === 'unspecified' && latestHeader.sameSite === 'invalid') {
      obs.sameSite = 'invalid';
      if (latestHeader.sameSiteRaw !== undefined) obs.sameSiteRaw = latestHeader.sameSiteRaw;
    }
    if (obs.sameSiteAmbiguous && latestHeader.sameSite === 'none') {
      obs.sameSite = 'none';
      delete obs.sameSiteAmbiguous;
    }
  }
  return {
    obs,
    sightings: live,
    sources,
    setOverHttp,
    setOverHttps,
    ...(httpSetUrl !== undefined ? { httpSetUrl } : {}),
    headerSeen: latestHeader !== undefined,
    deletion,
  };
}

function pickHsts(responses: readonly HttpResponseObservation[], host: string): SiteHsts | null {
  let best: HttpResponseObservation | null = null;
  for (const r of responses) {
    const u = urlInfo(r.url);
    if (u.scheme !== 'https' || u.host !== host) continue;
    if (
      best === null ||
      (r.mainFrame && !best.mainFrame) ||
      (r.mainFrame === best.mainFrame && r.observedAt >= best.observedAt)
    ) {
      best = r;
    }
  }
  if (best === null) return null;
  const header = typeof best.hsts === 'string' ? best.hsts : null;
  return { header, policy: header === null ? null : parseHsts(header), url: best.url };
}

function isoOrNull(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

function worstRank(findings: readonly Finding[]): number {
  let r = 4;
  for (const f of findings) r = Math.min(r, SEVERITY_RANK[f.severity]);
  return r;
}

export function auditSite(
  input: SiteObservations,
  settings: Partial<AuditSettings> = {},
  wording?: Wording,
): SiteAudit {
  const s: AuditSettings = { ...DEFAULT_SETTINGS, ...settings };
  const o = normaliseObservations(input);
  const site = urlInfo(o.url || `${o.origin}/`);
  const originInfo = o.origin ? urlInfo(`${o.origin}/`) : site;
  let now = Math.max(s.now, 0);
  if (now === 0) for (const c of o.cookies) if (c.observedAt > now) now = c.observedAt;
  if (now === 0) now = Date.now();
  const settingsWithNow: AuditSettings = { ...s, now };

  // Group sightings into cookies.
  const groups = new Map<string, CookieObservation[]>();
  for (const c of o.cookies) {
    const k = mergeKey(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const names = new Set<string>();
  for (const c of o.cookies) names.add(c.name);
  const merged: Merged[] = [];
  for (const g of groups.values()) {
    const m = merge(g, now);
    const classification = classifyCookie(m.obs, { siteCookieNames: names });
    merged.push({
      cookie: { ...m, classification },
      deletion: m.deletion,
      ignored: isIgnored(m.obs.name, s.ignoreNames),
    });
  }
  const liveCookies = merged.filter((m) => !m.deletion).map((m) => m.cookie);
  const firstPartyLive = liveCookies.filter((c) => !c.obs.thirdParty);
  const frameworks = detectFrameworks(firstPartyLive.map((c) => ({ name: c.obs.name, value: c.obs.value })));

  const hsts = pickHsts(o.responses, originInfo.host);
  const facts: SiteFacts = {
    url: o.url || `${o.origin}/`,
    origin: o.origin || site.origin,
    host: originInfo.host,
    scheme: originInfo.scheme,
    loopback: originInfo.loopback,
    hsts,
    hstsProtects: !!hsts?.policy?.valid && (hsts.policy.maxAge ?? 0) >= HSTS_SIX_MONTHS,
    settings: settingsWithNow,
    observations: o,
    cookies: liveCookies,
  };

  const disabled = new Set(s.disabledRules);
  const siteFramework: Framework | 'generic' = frameworks[0] ?? 'generic';
  const makeFinding = (
    ruleId: string,
    title: string,
    severity: Severity,
    evidence: string,
    framework: Framework | 'generic',
  ): Finding => {
    const words = wording?.describe(ruleId, framework);
    let message = words?.message || title;
    if (facts.loopback) message += LOOPBACK_NOTE;
    const f: Finding = { rule: ruleId, severity: s.severityOverrides[ruleId] ?? severity, message, evidence };
    if (words?.fix) f.fix = words.fix;
    return f;
  };

  const counted: ScoredFinding[] = [];
  const audited: { out: AuditedCookie; role: string; thirdParty: boolean }[] = [];
  for (const m of merged) {
    const c = m.cookie;
    const findings: Finding[] = [];
    if (!m.deletion && !m.ignored) {
      const framework = c.classification.framework ?? siteFramework;
      for (const rule of RULES) {
        if (rule.scope !== 'cookie' || disabled.has(rule.id)) continue;
        if (c.obs.nameless && !rule.appliesToNameless) continue;
        for (const raw of rule.check({ cookie: c, site: facts })) {
          findings.push(
            makeFinding(rule.id, rule.title, raw.severity ?? rule.defaultSeverity, raw.evidence, framework),
          );
        }
      }
      findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
      if (!c.obs.thirdParty) for (const f of findings) counted.push(f);
    }
    const obs = c.obs;
    const out: AuditedCookie = {
      name: obs.name,
      domain: obs.domain,
      hostOnly: obs.hostOnly,
      path: obs.path,
      role: c.classification.role,
      secure: obs.secure,
      httpOnly: obs.httpOnly,
      sameSite: obs.sameSite,
      expires: isoOrNull(obs.expires),
      partitioned: obs.partitioned,
      thirdParty: obs.thirdParty,
      source: c.sources,
      value: obs.value,
      findings,
      sizeBytes: obs.sizeBytes,
      evidence: obs.evidence,
      roleConfidence: c.classification.confidence,
      roleReasons: c.classification.reasons,
    };
    if (obs.rejected.length > 0) out.rejected = obs.rejected;
    if (m.deletion) out.deletion = true;
    audited.push({ out, role: c.classification.role, thirdParty: obs.thirdParty });
  }

  const siteFindings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope !== 'site' || disabled.has(rule.id)) continue;
    for (const raw of rule.check({ site: facts })) {
      siteFindings.push(
        makeFinding(rule.id, rule.title, raw.severity ?? rule.defaultSeverity, raw.evidence, siteFramework),
      );
    }
  }
  siteFindings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  for (const f of siteFindings) counted.push(f);

  // Observatory's "cookies-secure-with-httponly-sessions-and-samesite" bonus condition.
  const scoredCookies = merged.filter((m) => !m.deletion && !m.ignored && !m.cookie.obs.thirdParty);
  // Vacuously true without cookies, so that deleting or expiring a cookie can never cost the bonus.
  const hardened = scoredCookies.every((m) => {
    const c = m.cookie.obs;
    const ss = c.sameSite === 'strict' || c.sameSite === 'lax' || (c.sameSite === 'none' && c.secure);
    return c.secure && ss && (m.cookie.classification.role !== 'session' || c.httpOnly);
  });
  const score = computeScore(counted, hardened);

  audited.sort((a, b) => {
    const sa = a.role === 'session' ? 0 : 1;
    const sb = b.role === 'session' ? 0 : 1;
    if (sa !== sb) return sa - sb;
    const wa = worstRank(a.out.findings);
    const wb = worstRank(b.out.findings);
    if (wa !== wb) return wa - wb;
    if (a.thirdParty !== b.thirdParty) return a.thirdParty ? 1 : -1;
    return a.out.name < b.out.name ? -1 : a.out.name > b.out.name ? 1 : 0;
  });

  return {
    url: facts.url,
    origin: facts.origin,
    grade: gradeForScore(score),
    score,
    frameworks,
    findings: siteFindings,
    cookies: audited.map((a) => a.out),
  };
}
