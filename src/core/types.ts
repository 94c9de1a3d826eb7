/**
 * The engine's vocabulary. Everything here is plain data (JSON-safe), so the background can keep it
 * in storage.session, the popup can render it and the CLI can print it. No type here ever holds a
 * raw cookie value: values are reduced to a ValueInfo at the moment they are observed.
 */

export type Severity = 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export type CookieRole = 'session' | 'csrf' | 'infrastructure' | 'tracking' | 'other';
export type SameSiteValue = 'strict' | 'lax' | 'none' | 'unspecified' | 'invalid';
export type Scheme = 'http' | 'https';
export type CookieSource = 'header' | 'jar';

export type Framework =
  | 'django'
  | 'flask'
  | 'express'
  | 'php'
  | 'rails'
  | 'laravel'
  | 'spring'
  | 'aspnet'
  | 'nextauth';

export const FRAMEWORKS: readonly Framework[] = [
  'django',
  'flask',
  'express',
  'php',
  'rails',
  'laravel',
  'spring',
  'aspnet',
  'nextauth',
];

/** How each framework is named to people: popup, reports, fix tabs. */
export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  django: 'Django',
  flask: 'Flask',
  express: 'Express',
  php: 'PHP',
  rails: 'Rails',
  laravel: 'Laravel',
  spring: 'Spring',
  aspnet: 'ASP.NET Core',
  nextauth: 'NextAuth.js / Auth.js',
};

/** How a value looks. Open set: the engine may add formats; consumers show unknown ones as text. */
export type ValueFormat =
  | 'empty'
  | 'opaque'
  | 'numeric'
  | 'hex'
  | 'uuid'
  | 'base64'
  | 'jwt'
  | 'jwt-unsigned'
  | 'jwe'
  | 'flask-signed'
  | 'django-signed'
  | 'express-signed'
  | 'cookie-session'
  | 'rails-encrypted'
  | 'laravel-encrypted'
  | 'json'
  | 'text'
  | (string & {});

/** What is kept of a cookie value: its shape, never its content. */
export interface ValueInfo {
  length: number;
  entropyBits: number;
  format: ValueFormat;
  /**
   * Key names of a readable payload (JWT claims, Flask session keys, JSON), never their values, and
   * only names from the engine's list of known claim and session keys: a key that is itself data (an
   * e-mail address used as a key) is only counted in payloadKeyCount.
   */
  payloadKeys?: string[];
  /** How many keys the readable payload has in all (known or not). */
  payloadKeyCount?: number;
  /** Keyed hash of the value (set by the browser adapter; key lives only for the browser session). */
  hash?: string;
  redacted: true;
}

/** Why a browser refuses to store a cookie from a Set-Cookie line (RFC 6265bis storage model). */
export type RejectReason =
  | 'samesite-none-insecure'
  | 'prefix-secure-invalid'
  | 'prefix-host-invalid'
  | 'prefix-http-invalid'
  | 'name-value-too-large'
  | 'control-character'
  | 'secure-from-insecure-origin'
  | 'domain-mismatch'
  | 'public-suffix-domain'
  | 'partitioned-insecure'
  | 'empty-name-and-value'
  /** A nameless cookie whose value contains "=" (Chromium refuses it). */
  | 'nameless-value-with-equals';

/**
 * One sighting of one cookie: a Set-Cookie line or a cookie-jar record. The value is already
 * reduced to ValueInfo.
 */
export interface CookieObservation {
  source: CookieSource;
  name: string;
  /** `Set-Cookie: secure; httponly` and friends: the browser stores a cookie with an empty name. */
  nameless: boolean;
  /** Effective domain: the setting host when host-only, else the Domain attribute (no leading dot). */
  domain: string;
  hostOnly: boolean;
  /** The Domain attribute exactly as sent, when there was one (headers only). */
  domainAttribute?: string;
  path: string;
  /** True when a Path attribute was present (needed for the __Host- prefix rule). */
  pathAttribute?: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSiteValue;
  /** The SameSite attribute text when present and not one of strict/lax/none (headers only). */
  sameSiteRaw?: string;
  /** Expiry in ms since epoch after Max-Age/Expires resolution; null = ends with the browser session. */
  expires: number | null;
  /** The lifetime the site asked for in seconds, before the 400-day cap; null for session cookies. */
  requestedLifetimeSeconds?: number | null;
  /** Max-Age <= 0 or Expires in the past: the site is deleting the cookie. */
  deletion: boolean;
  partitioned: boolean;
  /** Top-level site of a partitioned jar cookie. */
  partitionKey?: string;
  value: ValueInfo;
  /** Where the cookie came from: the response URL for headers, the page URL for jar records. */
  url: string;
  scheme: Scheme;
  /** Host that set it (response host) or the page host for jar records. */
  host: string;
  /** Reasons the browser rejects this Set-Cookie line; empty when it is stored. Headers only. */
  rejected: RejectReason[];
  /** Attribute names whose value exceeded 1024 bytes and were therefore ignored. */
  oversizeAttributes: string[];
  /** Octets of name + value. */
  sizeBytes: number;
  /** The Set-Cookie line (or a jar summary) with the value replaced by "…". */
  evidence: string;
  observedAt: number;
  /** Set by a response from another site than the tab's top-level page. */
  thirdParty: boolean;
  /** Cookie store (incognito, Firefox container) the jar record came from. */
  storeId?: string;
  /**
   * Jar records only: the browser reported `no_restriction` while the adapter said that this browser
   * (older Firefox) uses it for an unset SameSite. A header sighting that says None wins on merge.
   */
  sameSiteAmbiguous?: boolean;
  /**
   * Nameless cookies only: the text read as the value is really an attribute (`Set-Cookie: Secure;
   * HttpOnly` stores a nameless cookie whose value is "Secure"). Holds the canonical attribute name
   * ("Secure", "HttpOnly", "SameSite", …), never a value.
   */
  namelessAttributeLike?: string;
  /** Header sightings: the request that got the response (method, status, main frame or not). */
  request?: SetterRequest;
  /**
   * The earliest sighting of this cookie, kept by a recorder that stores only the latest sighting
   * per cookie (the browser's state), so provenance can still name the first response that set it.
   */
  firstSighting?: FirstSighting;
  /**
   * Headers only, with ObserveContext.browser: the standard (and Chromium) refuses the line, yet that
   * browser stores it; `browserDifference` says how (for "this browser …" in the report).
   */
  browserStores?: boolean;
  /** Headers only, with ObserveContext.browser: the standard stores the line, yet that browser refuses it. */
  browserRefuses?: string;
  /** How that browser differs here, in words that follow "this browser" (for the report). */
  browserDifference?: string;
}

/** What a header sighting knows of the request behind its response. */
export interface SetterRequest {
  method?: string;
  status?: number;
  mainFrame?: boolean;
}

export interface FirstSighting {
  source: CookieSource;
  url: string;
  observedAt: number;
  request?: SetterRequest;
}

/** A cookie-jar record, shaped like WebExtensions' cookies.Cookie (declared here to keep core pure). */
export interface JarCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: 'no_restriction' | 'lax' | 'strict' | 'unspecified' | string;
  session: boolean;
  expirationDate?: number;
  storeId?: string;
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean } | null;
}

export interface HttpResponseObservation {
  url: string;
  status: number;
  /** Strict-Transport-Security header text, null when absent. */
  hsts: string | null;
  mainFrame: boolean;
  observedAt: number;
}

export interface RedirectObservation {
  from: string;
  to: string;
  status: number;
  observedAt: number;
}

/** Result of the user-requested (or CLI) request to http://host/ without following redirects. */
export interface RedirectCheck {
  requestedUrl: string;
  status: number | null;
  location: string | null;
  error?: string;
  observedAt: number;
  /**
   * The browser upgraded the http:// request to https:// itself (HSTS), so it never reached the
   * server: the check could not test the site's own redirect (status is null, error says why).
   */
  browserUpgraded?: 'hsts';
  /** Who made the request: the extension inside the browser, or the CLI from outside it. */
  madeBy?: 'browser' | 'cli';
}

/** A plain-HTTP request that carried cookies (names only). */
export interface ClearTextCookieSend {
  url: string;
  cookieNames: string[];
  observedAt: number;
}

/** A login form post and what happened to each session cookie across it. */
export interface LoginObservation {
  url: string;
  observedAt: number;
  /**
   * Keyed hashes of each cookie's value sent with the login post (before) and held after the login
   * responses (after). beforeHash null: the cookie did not exist before. afterHash equals beforeHash
   * when no login response set the cookie again.
   */
  cookies: { name: string; beforeHash: string | null; afterHash: string | null }[];
}

export interface SessionInUrlObservation {
  /** The URL with the token's value replaced by "…". */
  url: string;
  parameter: string;
  valueLength: number;
  observedAt: number;
}

/** Everything observed for one site (one origin) that the engine judges. */
export interface SiteObservations {
  /** Page audited (the last top-level URL seen for this site). */
  url: string;
  /** scheme://host[:port] */
  origin: string;
  cookies: CookieObservation[];
  responses: HttpResponseObservation[];
  redirects: RedirectObservation[];
  redirectCheck?: RedirectCheck;
  sentInClear: ClearTextCookieSend[];
  logins: LoginObservation[];
  sessionInUrl: SessionInUrlObservation[];
  /** Schemes this site's host was seen over (mixed-http-https). */
  schemesSeen: Scheme[];
}

export interface AuditSettings {
  /** Cookie names (exact, case-sensitive; a trailing * matches a prefix) that get no findings. */
  ignoreNames: string[];
  disabledRules: string[];
  severityOverrides: Record<string, Severity>;
  /** A persistent session cookie living longer than this is flagged (session-long-lived). */
  sessionMaxLifetimeSeconds: number;
  /** Clock used for expiry decisions (ms since epoch). */
  now: number;
  /** Findings the user accepted as known risks: listed, marked, not graded (until they expire). */
  acceptedRisks?: AcceptedRisk[];
}

/**
 * A known risk the user accepted: every finding of `rule` (on cookie `cookie`, on site `site`, when
 * given) is still listed, marked accepted with the reason, but counts neither in the grade nor in a
 * CI gate — until `until` (a date, YYYY-MM-DD, through the end of that day UTC; or an ISO time).
 */
export interface AcceptedRisk {
  rule: string;
  /** Cookie name (exact; a trailing * matches a prefix). Absent: any cookie, and site findings. */
  cookie?: string;
  /** Origin (https://host[:port]) or host name. Absent: every site. */
  site?: string;
  reason: string;
  until?: string;
}

export interface Fix {
  framework: Framework | 'generic';
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  evidence: string;
  fix?: Fix;
  /** An accepted risk covers this finding: it is listed but not graded and does not fail CI. */
  accepted?: { reason: string; until?: string };
  /** Compared with a baseline report: seen there too (unchanged) or not (new). */
  baselineState?: 'new' | 'unchanged';
}

/** Who set a cookie: a response (the request behind it) or a script of the page (no Set-Cookie seen). */
export interface CookieSetter {
  by: 'response' | 'script';
  /** Response URL, or the page the script ran on; never a query string. */
  url: string;
  method?: string;
  status?: number;
  mainFrame?: boolean;
  /** ISO-8601 time of the sighting. */
  at: string;
}

export interface CookieProvenance {
  /** The first response (or page script) that set the cookie. */
  first: CookieSetter;
  /** The latest change, when it is another sighting than the first. */
  last?: CookieSetter;
}

/** What the audit of one site could see, and what it could not. */
export interface SiteCoverage {
  /** Set-Cookie lines seen in response headers. */
  headerCookies: number;
  /** Cookie-jar records read (0 for an offline HAR). */
  jarCookies: number;
  /** Responses kept for the site (main frame, or carrying HSTS). */
  responses: number;
  /** One sentence per blind spot: what this audit could not see and what that means. */
  gaps: string[];
}

export interface AuditedCookie {
  name: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  role: CookieRole;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSiteValue;
  /** ISO-8601, or null when it ends with the browser session. */
  expires: string | null;
  partitioned: boolean;
  /** The partition's top-level site of a partitioned (CHIPS) cookie, when the jar said. */
  partitionKey?: string;
  thirdParty: boolean;
  source: CookieSource[];
  value: ValueInfo;
  findings: Finding[];
  /**
   * Why the cookie standard (RFC 6265bis, and Chromium, whose rules the engine follows) refuses it: it
   * never reaches a Chromium jar.
   */
  rejected?: RejectReason[];
  /**
   * Rejected as above, yet this browser's jar holds the very cookie (same name, scope and attributes,
   * read after the header): a laxer browser (Firefox stores a __Host- cookie without a Path attribute
   * when its default path is /). The findings stand: Chromium-based browsers drop it.
   */
  storedDespiteRejection?: boolean;
  /**
   * Where the auditing browser's own cookie rules differ from Chromium's on this cookie, starting
   * "this browser …" (Firefox: "this browser refuses a cookie without a name (Chromium stores it)").
   */
  browserNote?: string;
  /** What the browser itself said about the cookie's Set-Cookie lines (CLI runs in Chromium). */
  browserVerdict?: BrowserVerdict;
  /** The cookie was being deleted (no findings apply). */
  deletion?: boolean;
  sizeBytes?: number;
  evidence?: string;
  /** How sure the classifier is of `role`. */
  roleConfidence?: RoleConfidence;
  /** Why the classifier chose `role` (names and value shape only, never the value). */
  roleReasons?: string[];
  /** Where the cookie came from: the first response (or page script) that set it, and the last change. */
  provenance?: CookieProvenance;
}

export type Grade = 'A+' | 'A' | 'A-' | 'B+' | 'B' | 'B-' | 'C+' | 'C' | 'C-' | 'D+' | 'D' | 'D-' | 'F';

export interface SiteAudit {
  url: string;
  origin: string;
  grade: Grade;
  score: number;
  frameworks: Framework[];
  /** Site-level findings (HSTS, redirects, mixed schemes, logins…). */
  findings: Finding[];
  cookies: AuditedCookie[];
  /** What the audit could see and could not. */
  coverage?: SiteCoverage;
  /** Accepted risks that would cover a finding here but have expired: they apply no more. */
  expiredAcceptances?: AcceptedRisk[];
}

/** A finding of the baseline report that this run no longer has. */
export interface FixedFinding {
  /** The site's origin in the baseline report. */
  site: string;
  scope: 'site' | 'cookie';
  rule: string;
  severity: Severity;
  message: string;
  cookie?: { name: string; domain: string; path: string };
}

/** Added by `--baseline`: how this run compares with an earlier report. */
export interface BaselineComparison {
  /** What identifies a site across the two runs: its origin, or its host name only. */
  key: 'origin' | 'host';
  /** createdAt and generator version of the baseline report. */
  baselineCreatedAt: string;
  baselineVersion: string;
  counts: { new: number; unchanged: number; fixed: number };
  fixed: FixedFinding[];
}

export interface CookieAuditReport {
  schema: 'cookie-audit-report/1';
  generator: { name: 'cookie-audit'; version: string };
  createdAt: string;
  sites: SiteAudit[];
  /** Present when the run was compared with a baseline report. */
  baseline?: BaselineComparison;
}

/* ---------------------------------------------------------------------------------------------
 * Engine API types (added with the engine; additive only).
 * ------------------------------------------------------------------------------------------- */

/** One cookie-av of a Set-Cookie line, in the order sent. */
export interface ParsedAttribute {
  /** Attribute name as sent (trimmed). */
  name: string;
  /** Lower-cased attribute name, used for matching. */
  key: string;
  /** Attribute value as sent (trimmed); "" when there was no "=". */
  value: string;
  /** True when the cookie-av contained "=". */
  hasValue: boolean;
  /** Why the browser ignores this cookie-av, if it does. */
  ignored?: 'oversize' | 'invalid-value' | 'empty-value' | 'unknown-attribute';
}

/** The raw pieces of a Set-Cookie line, per the RFC 6265bis parsing algorithm (section 5.6). */
export interface ParsedSetCookie {
  name: string;
  /** The raw value. Callers reduce it with analyzeValue and drop it; never store it. */
  value: string;
  /** Empty name ("Set-Cookie: Secure; HttpOnly" or "=value"): the browser stores a nameless cookie. */
  nameless: boolean;
  attributes: ParsedAttribute[];
  secure: boolean;
  httpOnly: boolean;
  partitioned: boolean;
  /** Effective SameSite of the last SameSite attribute; 'unspecified' when there was none. */
  sameSite: SameSiteValue;
  /** Text of the last SameSite attribute when it is not strict/lax/none. */
  sameSiteRaw?: string;
  /** The last usable Domain attribute, lower-cased, leading dot removed. */
  domain?: string;
  /** The last usable Domain attribute as sent. */
  domainAttribute?: string;
  /** The last Path attribute value when it starts with "/"; undefined means the default path. */
  path?: string;
  /** A Path attribute was present (even one the browser replaces with the default path). */
  pathAttribute: boolean;
  /** The last valid Max-Age in seconds. */
  maxAge?: number;
  /** The last parseable Expires, ms since epoch (UTC). */
  expires?: number;
  /** An Expires attribute was present but no cookie-date could be parsed from it (ignored). */
  expiresUnparseable: boolean;
  /** The line contains a control character (%x00-08 / %x0A-1F / %x7F): the browser ignores it. */
  controlCharacter: boolean;
  /** Octets (UTF-8) of name + value. */
  nameValueBytes: number;
  /** Names of attributes ignored because their value exceeded 1024 octets. */
  oversizeAttributes: string[];
}

export interface ObserveContext {
  /** URL of the response (headers) or of the page (jar records). */
  url: string;
  /** Observation time, ms since epoch. */
  now: number;
  thirdParty?: boolean;
  /** Keyed hash for comparing values across a login without keeping them (see keyedHash). */
  hashValue?: (value: string) => string;
  /** Firefox adapter: `no_restriction` in a jar record may mean "unset" (older Firefox). */
  jarNoRestrictionMeansUnset?: boolean;
  /** Headers: the request behind the response (kept as the cookie's provenance). */
  request?: SetterRequest;
  /** The browser whose cookie code to model where browsers differ (default: Chromium, the strictest). */
  browser?: BrowserModel;
}

/** The browser's own verdict on a cookie, beside the engine's (see browser-verdicts.ts). */
export interface BrowserVerdict {
  browser: 'chromium';
  /** The browser stored the latest line it received for this cookie. */
  stored: boolean;
  /** Why it blocked lines (CDP SetCookieBlockedReason). */
  blocked?: string[];
  /** Cookie issues it raised (Audits CookieExclusionReason / CookieWarningReason). */
  issues?: string[];
  /** It stored the cookie only by this exemption (CDP CookieExemptionReason). */
  exempted?: string;
  /** One line for people: "Chromium: ExcludeSameSiteNoneInsecure". */
  text: string;
}

/** A browser whose cookie handling the engine models. */
export type BrowserModel = 'chromium' | 'firefox';

export type RoleConfidence = 'high' | 'medium' | 'low';

export interface Classification {
  role: CookieRole;
  confidence: RoleConfidence;
  /** Human-readable evidence, most decisive first. */
  reasons: string[];
  /** Framework whose default this cookie is, when recognised. */
  framework?: Framework;
  /** The name (prefix removed) is a framework's default session cookie name. */
  defaultName?: boolean;
}

export interface ClassifyContext {
  /** Names of every cookie seen for the site (finds companions such as `session.sig`). */
  siteCookieNames?: ReadonlySet<string>;
}

/** Wording supplied by the lessons: the engine itself only knows each rule's title. */
export interface Wording {
  describe(ruleId: string, framework: Framework | 'generic'): { message?: string; fix?: Fix } | undefined;
}

/** A parsed Strict-Transport-Security header (RFC 6797 section 6.1). */
export interface HstsPolicy {
  /** The browser would honour the header. */
  valid: boolean;
  maxAge: number | null;
  includeSubDomains: boolean;
  preload: boolean;
  /** Why it is invalid or dubious (empty when fine). */
  problems: string[];
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  scope: 'cookie' | 'site';
}
