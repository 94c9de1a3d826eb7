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
import { Acceptances } from './accepted-risks.ts';
import { classifyCookie, detectFrameworks } from './classify.ts';
import { urlInfo } from './domain.ts';
import { HSTS_SIX_MONTHS, parseHsts } from './hsts.ts';
import { refusedByBrowser } from './observe.ts';
import { RULES } from './rules/index.ts';
import type {
  AuditCookie,
  CookieRule,
  RawFinding,
  Rule,
  SiteFacts,
  SiteHsts,
  SiteRule,
} from './rules/types.ts';
import { computeScore, gradeForScore, type ScoredFinding } from './scoring.ts';
import type {
  AuditedCookie,
  AuditSettings,
  CookieObservation,
  CookieProvenance,
  CookieSetter,
  CookieSource,
  Finding,
  FirstSighting,
  Framework,
  HttpResponseObservation,
  Severity,
  SiteAudit,
  SiteCoverage,
  SiteObservations,
  ValueInfo,
  Wording,
} from './types.ts';
import { scrubText, scrubUrl } from './url-tokens.ts';

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
  storedDespiteRejection: boolean;
}

type MergeResult = Omit<AuditCookie, 'classification'> & {
  deletion: boolean;
  storedDespiteRejection: boolean;
};

/** Rejections that depend on the cookie's own attributes only, not on where it was set from. */
const ATTRIBUTE_REJECTIONS: ReadonlySet<string> = new Set([
  'prefix-secure-invalid',
  'prefix-host-invalid',
  'prefix-http-invalid',
  'samesite-none-insecure',
  'partitioned-insecure',
]);

/**
 * The browser's jar shows, at or after the rejected header, a cookie with the same key and the same
 * security attributes. With attribute-only reasons an older accepted copy cannot explain it (it would
 * have been refused the same way), so this browser stored what the standard refuses.
 */
function storedDespite(header: CookieObservation, live: readonly CookieObservation[]): boolean {
  if (header.rejected.length === 0) return false;
  for (const r of header.rejected) if (!ATTRIBUTE_REJECTIONS.has(r)) return false;
  for (const s of live) {
    if (
      s.source === 'jar' &&
      s.observedAt >= header.observedAt &&
      s.secure === header.secure &&
      s.httpOnly === header.httpOnly &&
      s.hostOnly === header.hostOnly &&
      s.partitioned === header.partitioned
    ) {
      return true;
    }
  }
  return false;
}

function isLive(s: CookieObservation, now: number): boolean {
  return !s.deletion && !(s.expires !== null && s.expires <= now);
}

function byObservedAt(a: CookieObservation, b: CookieObservation): number {
  return a.observedAt - b.observedAt;
}

/** The common case, one sighting: no copy, no sorting. */
function single(s: CookieObservation, now: number): MergeResult {
  const live = isLive(s, now);
  const header = s.source === 'header';
  const r: MergeResult = {
    obs: s,
    sightings: live ? [s] : [],
    sources: header ? HEADER_ONLY : JAR_ONLY,
    setOverHttp: header && s.scheme === 'http',
    setOverHttps: header && s.scheme === 'https',
    headerSeen: header,
    deletion: !live,
    storedDespiteRejection: live && header && s.rejected.length > 0 && s.browserStores === true,
  };
  if (header && s.scheme === 'http') r.httpSetUrl = s.url;
  return r;
}

const HEADER_ONLY: CookieSource[] = ['header'];
const JAR_ONLY: CookieSource[] = ['jar'];
const BOTH: CookieSource[] = ['header', 'jar'];

/** A line the browser refused changes nothing: drop such sightings when an accepted one exists. */
function withoutRefusedLines(sightings: CookieObservation[]): CookieObservation[] {
  let refused = 0;
  let accepted = false;
  for (const s of sightings) {
    if (s.source !== 'header') continue;
    if (refusedByBrowser(s)) refused++;
    else accepted = true;
  }
  if (refused === 0 || !accepted) return sightings;
  return sightings.filter((s) => s.source !== 'header' || !refusedByBrowser(s));
}

function merge(all: CookieObservation[], now: number): MergeResult {
  if (all.length === 1) return single(all[0], now);
  const sightings = withoutRefusedLines(all);
  if (sightings.length === 1) return single(sightings[0], now);
  sightings.sort(byObservedAt);
  const live: CookieObservation[] = [];
  for (const s of sightings) if (isLive(s, now)) live.push(s);
  const deletion = live.length === 0;
  const pool = deletion ? sightings : live;
  const latest = pool[pool.length - 1];
  let latestHeader: CookieObservation | undefined;
  let jar = false;
  let setOverHttp = false;
  let setOverHttps = false;
  let httpSetUrl: string | undefined;
  for (const s of pool) {
    if (s.source === 'header') {
      latestHeader = s;
      if (s.scheme === 'http') {
        setOverHttp = true;
        httpSetUrl ??= s.url;
      } else setOverHttps = true;
    } else jar = true;
  }
  const sources = latestHeader ? (jar ? BOTH : HEADER_ONLY) : JAR_ONLY;
  let obs = latest;
  if (latestHeader && latestHeader !== latest) {
    obs = {
      ...latest,
      rejected: latestHeader.rejected,
      oversizeAttributes: latestHeader.oversizeAttributes,
      evidence: latestHeader.evidence,
      requestedLifetimeSeconds: latestHeader.requestedLifetimeSeconds,
    };
    if (latestHeader.pathAttribute !== undefined) obs.pathAttribute = latestHeader.pathAttribute;
    if (latestHeader.domainAttribute !== undefined) obs.domainAttribute = latestHeader.domainAttribute;
    if (latestHeader.namelessAttributeLike !== undefined)
      obs.namelessAttributeLike = latestHeader.namelessAttributeLike;
    if (latestHeader.browserDifference !== undefined) obs.browserDifference = latestHeader.browserDifference;
    if (latestHeader.browserStores) obs.browserStores = true;
    if (obs.sameSite === 'unspecified' && latestHeader.sameSite === 'invalid') {
      obs.sameSite = 'invalid';
      if (latestHeader.sameSiteRaw !== undefined) obs.sameSiteRaw = latestHeader.sameSiteRaw;
    }
    if (obs.sameSiteAmbiguous && latestHeader.sameSite === 'none') {
      obs.sameSite = 'none';
      obs.sameSiteAmbiguous = false;
    }
  }
  const r: MergeResult = {
    obs,
    sightings: live,
    sources,
    setOverHttp,
    setOverHttps,
    headerSeen: latestHeader !== undefined,
    deletion,
    storedDespiteRejection:
      latestHeader !== undefined &&
      !deletion &&
      (latestHeader.browserStores === true || storedDespite(latestHeader, live)),
  };
  if (httpSetUrl !== undefined) r.httpSetUrl = httpSetUrl;
  return r;
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

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Date#toISOString for years 0–9999 without allocating a Date (civil-from-days, H. Hinnant). */
export function isoString(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  if (ms < -62167219200000 || ms > 253402300799999) {
    const d = new Date(ms);
    return Number.isFinite(d.getTime()) ? d.toISOString() : null;
  }
  const days = Math.floor(ms / 86400000);
  let rem = ms - days * 86400000;
  const hh = Math.floor(rem / 3600000);
  rem -= hh * 3600000;
  const mi = Math.floor(rem / 60000);
  rem -= mi * 60000;
  const ss = Math.floor(rem / 1000);
  const milli = rem - ss * 1000;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const yyyy = y < 10 ? `000${y}` : y < 100 ? `00${y}` : y < 1000 ? `0${y}` : `${y}`;
  const mmm = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${yyyy}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mi)}:${pad2(ss)}.${mmm}Z`;
}

function worstRank(findings: readonly Finding[]): number {
  let r = 4;
  for (const f of findings) {
    const k = SEVERITY_RANK[f.severity];
    if (k < r) r = k;
  }
  return r;
}

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}

interface Listed {
  out: AuditedCookie;
  session: number;
  worst: number;
  thirdParty: boolean;
}

function byListing(a: Listed, b: Listed): number {
  if (a.session !== b.session) return a.session - b.session;
  if (a.worst !== b.worst) return a.worst - b.worst;
  if (a.thirdParty !== b.thirdParty) return a.thirdParty ? 1 : -1;
  return a.out.name < b.out.name ? -1 : a.out.name > b.out.name ? 1 : 0;
}

const COOKIE_RULES: readonly CookieRule[] = RULES.filter((r): r is CookieRule => r.scope === 'cookie');
const SITE_RULES: readonly SiteRule[] = RULES.filter((r): r is SiteRule => r.scope === 'site');

/** How findings are worded for one audit. */
interface Voice {
  wording: Wording | undefined;
  loopback: boolean;
  overrides: Record<string, Severity>;
}

function makeFinding(v: Voice, rule: Rule, raw: RawFinding, framework: Framework | 'generic'): Finding {
  const words = v.wording?.describe(rule.id, framework);
  const base = words?.message || rule.title;
  const f: Finding = {
    rule: rule.id,
    severity: v.overrides[rule.id] ?? raw.severity ?? rule.defaultSeverity,
    message: v.loopback ? base + LOOPBACK_NOTE : base,
    // Evidence may quote a URL from the observations: whatever fed the engine, it leaves scrubbed.
    evidence: scrubText(raw.evidence),
  };
  if (words?.fix) f.fix = words.fix;
  return f;
}

function hardenedCookie(m: Merged): boolean {
  const c = m.cookie.obs;
  const ss = c.sameSite === 'strict' || c.sameSite === 'lax' || (c.sameSite === 'none' && c.secure);
  return c.secure && ss && (m.cookie.classification.role !== 'session' || c.httpOnly);
}

type Sighting = CookieObservation | FirstSighting;

function setterOf(s: Sighting): CookieSetter {
  const at = isoString(s.observedAt) ?? new Date(0).toISOString();
  const url = scrubUrl(s.url);
  if (s.source === 'jar') return { by: 'script', url, at };
  const r = s.request;
  const out: CookieSetter = { by: 'response', url, at };
  if (r?.method) out.method = r.method;
  if (r?.status !== undefined) out.status = r.status;
  if (r?.mainFrame !== undefined) out.mainFrame = r.mainFrame;
  return out;
}

/**
 * Where a cookie came from: the first response that set it, or — when no Set-Cookie of it was ever
 * seen, only jar records — a script of the page; and the latest response that changed it.
 */
function provenanceOf(g: readonly CookieObservation[]): CookieProvenance {
  let firstHeader: Sighting | undefined;
  let firstAny: Sighting | undefined;
  let lastHeader: CookieObservation | undefined;
  for (const s of g) {
    for (const c of s.firstSighting ? [s.firstSighting, s] : [s]) {
      if (firstAny === undefined || c.observedAt < firstAny.observedAt) firstAny = c;
      if (c.source === 'header' && (firstHeader === undefined || c.observedAt < firstHeader.observedAt))
        firstHeader = c;
    }
    if (s.source === 'header' && (lastHeader === undefined || s.observedAt >= lastHeader.observedAt))
      lastHeader = s;
  }
  if (firstHeader === undefined) return { first: setterOf(firstAny ?? g[0]) };
  const out: CookieProvenance = { first: setterOf(firstHeader) };
  if (
    lastHeader !== undefined &&
    (lastHeader.observedAt !== firstHeader.observedAt || lastHeader.url !== firstHeader.url)
  ) {
    out.last = setterOf(lastHeader);
  }
  return out;
}

/** What the observations cover, and one sentence per blind spot. */
function coverageOf(o: SiteObservations, hasSessionCookie: boolean): SiteCoverage {
  let headerCookies = 0;
  let jarCookies = 0;
  for (const c of o.cookies) {
    if (c.source === 'header') headerCookies++;
    else jarCookies++;
  }
  const gaps: string[] = [];
  if (o.responses.length === 0) {
    gaps.push('No response of this site was seen: HSTS and redirects could not be judged.');
  }
  if (jarCookies === 0 && headerCookies > 0) {
    gaps.push(
      'The cookie jar was not read (an offline HAR holds headers only): cookies set by page scripts are not seen.',
    );
  }
  if (headerCookies === 0 && jarCookies > 0) {
    gaps.push(
      'No Set-Cookie header was seen: attributes come from the cookie jar only, so a refused or rewritten line cannot be shown.',
    );
  }
  if (!o.redirectCheck) {
    gaps.push('The HTTP→HTTPS redirect was not checked (no request to http:// was made).');
  }
  if (o.logins.length === 0 && hasSessionCookie) {
    gaps.push('No login was observed: session-ID rotation at login was not checked.');
  }
  return { headerCookies, jarCookies, responses: o.responses.length, gaps };
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
  const names = new Set<string>();
  for (const c of o.cookies) {
    names.add(c.name);
    const k = mergeKey(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const classifyContext = { siteCookieNames: names };
  const merged: Merged[] = [];
  const liveCookies: AuditCookie[] = [];
  const fingerprint: { name: string; value: CookieObservation['value'] }[] = [];
  const provenance = new Map<AuditCookie, CookieProvenance>();
  for (const g of groups.values()) {
    const m = merge(g, now) as MergeResult & { classification?: AuditCookie['classification'] };
    m.classification = classifyCookie(m.obs, classifyContext);
    const cookie = m as AuditCookie;
    provenance.set(cookie, provenanceOf(g));
    merged.push({
      cookie,
      deletion: m.deletion,
      storedDespiteRejection: m.storedDespiteRejection,
      ignored: s.ignoreNames.length > 0 && isIgnored(m.obs.name, s.ignoreNames),
    });
    if (!m.deletion) {
      liveCookies.push(cookie);
      if (!m.obs.thirdParty) fingerprint.push({ name: m.obs.name, value: m.obs.value });
    }
  }
  const frameworks = detectFrameworks(fingerprint);

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

  const disabled = s.disabledRules.length > 0 ? new Set(s.disabledRules) : null;
  const siteFramework: Framework | 'generic' = frameworks[0] ?? 'generic';
  const voice: Voice = { wording, loopback: facts.loopback, overrides: s.severityOverrides };
  // Acceptances end by the real clock (a HAR's capture time would keep an expired one alive).
  const accepted =
    s.acceptedRisks && s.acceptedRisks.length > 0
      ? new Acceptances(s.acceptedRisks, facts.origin, s.now > 0 ? s.now : Date.now())
      : null;
  const accept = (f: Finding, cookie: string | null): boolean => {
    const risk = accepted?.find(f.rule, cookie);
    if (!risk) return false;
    f.accepted =
      risk.until === undefined ? { reason: risk.reason } : { reason: risk.reason, until: risk.until };
    return true;
  };
  const counted: ScoredFinding[] = [];
  const listed: Listed[] = [];
  for (const m of merged) {
    const c = m.cookie;
    let findings: Finding[] = NO_FINDINGS;
    if (!m.deletion && !m.ignored) {
      const framework = c.classification.framework ?? siteFramework;
      const ctx = { cookie: c, site: facts };
      const nameless = c.obs.nameless;
      for (const rule of COOKIE_RULES) {
        if (nameless && !rule.appliesToNameless) continue;
        if (disabled?.has(rule.id)) continue;
        const raws = rule.check(ctx);
        if (raws.length === 0) continue;
        if (findings === NO_FINDINGS) findings = [];
        for (const raw of raws) findings.push(makeFinding(voice, rule, raw, framework));
      }
      if (findings.length > 1) findings.sort(bySeverity);
      for (const f of findings) if (!accept(f, c.obs.name) && !c.obs.thirdParty) counted.push(f);
    }
    if (findings === NO_FINDINGS) findings = [];
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
      expires: obs.expires === null ? null : isoString(obs.expires),
      partitioned: obs.partitioned,
      thirdParty: obs.thirdParty,
      source: c.sources === BOTH ? ['header', 'jar'] : c.sources === HEADER_ONLY ? ['header'] : ['jar'],
      value: publicValueInfo(obs.value),
      findings,
      sizeBytes: obs.sizeBytes,
      evidence: obs.evidence,
      roleConfidence: c.classification.confidence,
      roleReasons: c.classification.reasons,
    };
    if (obs.partitionKey) out.partitionKey = obs.partitionKey;
    const from = provenance.get(c);
    if (from) out.provenance = from;
    if (obs.rejected.length > 0) out.rejected = obs.rejected;
    if (m.storedDespiteRejection) out.storedDespiteRejection = true;
    if (obs.browserDifference !== undefined) out.browserNote = `this browser ${obs.browserDifference}`;
    if (m.deletion) out.deletion = true;
    listed.push({
      out,
      session: c.classification.role === 'session' ? 0 : 1,
      worst: worstRank(findings),
      thirdParty: obs.thirdParty,
    });
  }

  const siteFindings: Finding[] = [];
  const siteCtx = { site: facts };
  for (const rule of SITE_RULES) {
    if (disabled?.has(rule.id)) continue;
    for (const raw of rule.check(siteCtx)) siteFindings.push(makeFinding(voice, rule, raw, siteFramework));
  }
  if (siteFindings.length > 1) siteFindings.sort(bySeverity);
  for (const f of siteFindings) if (!accept(f, null)) counted.push(f);

  // Observatory's "cookies-secure-with-httponly-sessions-and-samesite" bonus condition. Vacuously
  // true without cookies, so that deleting or expiring a cookie can never cost the bonus.
  let hardened = true;
  for (const m of merged) {
    if (m.deletion || m.ignored || m.cookie.obs.thirdParty) continue;
    if (!hardenedCookie(m)) {
      hardened = false;
      break;
    }
  }
  const score = computeScore(counted, hardened);

  listed.sort(byListing);
  const cookies: AuditedCookie[] = new Array(listed.length);
  for (let i = 0; i < listed.length; i++) cookies[i] = listed[i].out;
  const audit: SiteAudit = {
    url: scrubUrl(facts.url),
    origin: facts.origin,
    grade: gradeForScore(score),
    score,
    frameworks,
    findings: siteFindings,
    cookies,
    coverage: coverageOf(
      o,
      liveCookies.some((c) => c.classification.role === 'session' && !c.obs.thirdParty),
    ),
  };
  if (accepted && accepted.expiredHits.size > 0) audit.expiredAcceptances = [...accepted.expiredHits];
  return audit;
}

/**
 * What an audit says of a value: length, entropy, format and payload key names. The keyed hash stays
 * with the observations (it only compares a value across a login) and never reaches an audit, a
 * report or an export.
 */
function publicValueInfo(v: ValueInfo): ValueInfo {
  const out: ValueInfo = { length: v.length, entropyBits: v.entropyBits, format: v.format, redacted: true };
  if (v.payloadKeys) out.payloadKeys = v.payloadKeys;
  if (v.payloadKeyCount !== undefined) out.payloadKeyCount = v.payloadKeyCount;
  return out;
}

/** Shared marker for "no findings yet" (never returned: replaced by a fresh array). */
const NO_FINDINGS: Finding[] = [];
