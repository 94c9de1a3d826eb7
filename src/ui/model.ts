/**
 * Pure helpers that turn the background's view model into what the popup draws: ordering, filtering,
 * counting, and the wording of attributes and dates. No DOM, no browser API.
 */
import type {
  AuditedCookie,
  CookieRole,
  Finding,
  Framework,
  Grade,
  RejectReason,
  Severity,
  SiteAudit,
} from '../core/index.ts';
import { SEVERITIES } from '../core/index.ts';
import type { TabView } from '../messages.ts';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };
const NO_FINDING_RANK = 4;

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Why the browser refused a cookie, in words (the reason ids stay in the JSON report). */
export const REJECT_REASON_LABELS: Readonly<Record<RejectReason, string>> = {
  'samesite-none-insecure': 'SameSite=None without Secure',
  'prefix-secure-invalid': '__Secure- prefix without Secure',
  'prefix-host-invalid': '__Host- prefix without Secure, with a Domain or without Path=/',
  'prefix-http-invalid': '__Http- prefix without HttpOnly or Secure',
  'name-value-too-large': 'name and value over 4,096 bytes',
  'control-character': 'control character (or a tab) in the name or value',
  'secure-from-insecure-origin': 'Secure cookie set over plain HTTP',
  'domain-mismatch': 'Domain does not match the site',
  'public-suffix-domain': 'Domain is a public suffix',
  'partitioned-insecure': 'Partitioned without Secure',
  'empty-name-and-value': 'empty name and value',
  'nameless-value-with-equals': 'no name, and "=" in the value',
};

export function rejectReasonText(reason: string): string {
  return REJECT_REASON_LABELS[reason as RejectReason] ?? reason;
}

export const ROLE_LABELS: Readonly<Record<CookieRole, string>> = {
  session: 'session',
  csrf: 'CSRF',
  infrastructure: 'infrastructure',
  tracking: 'tracking',
  other: 'other',
};

/** A cookie with its position in the audit (stable identity for expansion state and React keys). */
export interface CookieRow {
  key: string;
  index: number;
  cookie: AuditedCookie;
  worst: Severity | null;
}

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let best = NO_FINDING_RANK;
  for (const f of findings) best = Math.min(best, SEVERITY_RANK[f.severity] ?? NO_FINDING_RANK);
  return best === NO_FINDING_RANK ? null : SEVERITIES[best];
}

export function cookieKey(cookie: AuditedCookie, index: number): string {
  return `${index}\u0000${cookie.name}\u0000${cookie.domain}\u0000${cookie.path}`;
}

export function toRows(cookies: readonly AuditedCookie[]): CookieRow[] {
  return cookies.map((cookie, index) => ({
    key: cookieKey(cookie, index),
    index,
    cookie,
    worst: worstSeverity(cookie.findings),
  }));
}

/** Session cookies first; within each group the worst finding first, then more findings, then by name. */
export function compareRows(a: CookieRow, b: CookieRow): number {
  const sa = a.cookie.role === 'session' ? 0 : 1;
  const sb = b.cookie.role === 'session' ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const wa = a.worst ? SEVERITY_RANK[a.worst] : NO_FINDING_RANK;
  const wb = b.worst ? SEVERITY_RANK[b.worst] : NO_FINDING_RANK;
  if (wa !== wb) return wa - wb;
  if (a.cookie.findings.length !== b.cookie.findings.length) {
    return b.cookie.findings.length - a.cookie.findings.length;
  }
  if (a.cookie.name !== b.cookie.name) return a.cookie.name < b.cookie.name ? -1 : 1;
  return a.index - b.index;
}

export function sortRows(rows: CookieRow[]): CookieRow[] {
  return rows.sort(compareRows);
}

/** 'all' shows every cookie; a severity shows cookies whose worst finding is at least that bad. */
export type SeverityFilter = 'all' | Severity;

export interface Filter {
  text: string;
  severity: SeverityFilter;
}

export const EMPTY_FILTER: Filter = { text: '', severity: 'all' };

function searchableText(c: AuditedCookie): string {
  const parts = [c.name, c.domain, c.path, c.role, c.value.format, c.sameSite];
  if (c.value.payloadKeys) parts.push(...c.value.payloadKeys);
  for (const f of c.findings) parts.push(f.rule, f.message);
  return parts.join('\n').toLowerCase();
}

export function matchesFilter(row: CookieRow, filter: Filter): boolean {
  if (filter.severity !== 'all') {
    if (!row.worst || SEVERITY_RANK[row.worst] > SEVERITY_RANK[filter.severity]) return false;
  }
  const needle = filter.text.trim().toLowerCase();
  if (needle === '') return true;
  return searchableText(row.cookie).includes(needle);
}

export function findingMatchesFilter(finding: Finding, filter: Filter): boolean {
  if (filter.severity !== 'all' && SEVERITY_RANK[finding.severity] > SEVERITY_RANK[filter.severity])
    return false;
  const needle = filter.text.trim().toLowerCase();
  if (needle === '') return true;
  return `${finding.rule}\n${finding.message}\n${finding.evidence}`.toLowerCase().includes(needle);
}

export interface CookieGroups {
  firstParty: CookieRow[];
  thirdParty: CookieRow[];
  total: number;
}

/** Sort and split an audit's cookies; the filter is applied afterwards by the caller (cheap to redo). */
export function groupCookies(audit: SiteAudit | null): CookieGroups {
  const rows = sortRows(toRows(audit?.cookies ?? []));
  return {
    firstParty: rows.filter((r) => !r.cookie.thirdParty),
    thirdParty: rows.filter((r) => r.cookie.thirdParty),
    total: rows.length,
  };
}

export type SeverityCounts = Record<Severity, number>;

export function countFindings(findings: Iterable<Finding>, into?: SeverityCounts): SeverityCounts {
  const counts = into ?? { high: 0, medium: 0, low: 0, info: 0 };
  // Accepted risks are listed but, like the grade, not counted.
  for (const f of findings) if (!f.accepted) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/** Findings of the site itself and of its first-party cookies (third-party ones are counted apart). */
export function siteCounts(audit: SiteAudit, thirdParty = false): SeverityCounts {
  const counts = thirdParty ? countFindings([]) : countFindings(audit.findings);
  for (const c of audit.cookies) if (c.thirdParty === thirdParty) countFindings(c.findings, counts);
  return counts;
}

/** The framework whose fix is shown first: the first detected one, else generic. */
export function primaryFramework(audit: SiteAudit | null): Framework | 'generic' {
  return audit?.frameworks?.[0] ?? 'generic';
}

/** A grade is shown only when the audit saw the page itself and had access to the site. */
export function isGradable(view: TabView): boolean {
  return view.status === 'observed' && view.coverage.hostAccess && view.audit !== null;
}

export type GradeTone = 'good' | 'fair' | 'poor' | 'bad';

export function gradeTone(grade: Grade): GradeTone {
  if (grade.startsWith('A')) return 'good';
  if (grade.startsWith('B')) return 'fair';
  if (grade.startsWith('C')) return 'poor';
  return 'bad';
}

/** Cookie name prefix the browser enforces, with its canonical spelling; matched case-insensitively. */
export function cookiePrefix(name: string): '__Host-Http-' | '__Http-' | '__Host-' | '__Secure-' | null {
  const lower = name.toLowerCase();
  if (lower.startsWith('__host-http-')) return '__Host-Http-';
  if (lower.startsWith('__http-')) return '__Http-';
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower.startsWith('__secure-')) return '__Secure-';
  return null;
}

const SAME_SITE_TEXT: Readonly<Record<AuditedCookie['sameSite'], string>> = {
  strict: 'SameSite=Strict',
  lax: 'SameSite=Lax',
  none: 'SameSite=None',
  unspecified: 'no SameSite',
  invalid: 'SameSite invalid',
};

export function sameSiteText(value: AuditedCookie['sameSite']): string {
  return SAME_SITE_TEXT[value] ?? `SameSite=${value}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600 * 1000],
  ['month', 30 * 24 * 3600 * 1000],
  ['week', 7 * 24 * 3600 * 1000],
  ['day', 24 * 3600 * 1000],
  ['hour', 3600 * 1000],
  ['minute', 60 * 1000],
  ['second', 1000],
];

/** "in 2 weeks", "3 hours ago", "now". */
export function relativeTime(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  const abs = Math.abs(delta);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (abs >= size || unit === 'second') return rtf.format(Math.round(delta / size), unit);
  }
  return 'now';
}

export interface ExpiryText {
  /** Short text for the attribute chip. */
  short: string;
  /** Full text: readable date and relative time. */
  long: string;
  session: boolean;
}

export function describeExpiry(expires: string | null, nowMs: number): ExpiryText {
  if (expires === null) {
    return { short: 'browser session', long: 'Ends with the browser session', session: true };
  }
  const t = Date.parse(expires);
  if (Number.isNaN(t)) return { short: 'unknown expiry', long: `Expires ${expires}`, session: false };
  const date = new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const rel = relativeTime(t, nowMs);
  const past = t <= nowMs;
  return {
    short: past ? `expired ${rel}` : `expires ${rel}`,
    long: `${past ? 'Expired' : 'Expires'} ${date} (${rel})`,
    session: false,
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
