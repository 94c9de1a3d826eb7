/**
 * The cookie inventory as CSV, for spreadsheets: one row per cookie, RFC 4180 (CRLF line ends,
 * every field quoted, quotes doubled). A cell that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so a hostile cookie
 * name cannot become a formula. Values never appear: only their length and format.
 */
import type { AuditedCookie, CookieAuditReport, CookieSetter, Finding, Severity } from './types.ts';

export const CSV_COLUMNS = [
  'site',
  'name',
  'domain',
  'host_only',
  'path',
  'role',
  'secure',
  'http_only',
  'same_site',
  'expires',
  'partitioned',
  'third_party',
  'source',
  'set_by',
  'last_changed_by',
  'value_length',
  'value_format',
  'finding_ids',
  'highest_severity',
  'accepted_ids',
  'new_ids',
] as const;

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/** Neutralises spreadsheet formulas (OWASP "CSV injection"): a leading = + - @ TAB CR gets a '. */
export function csvSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(text: string): string {
  return `"${csvSafe(text).replace(/"/g, '""')}"`;
}

/** "POST https://a.example/login → 302 (main frame) at 2026-…" or "page script on https://…". */
export function setterText(s: CookieSetter): string {
  if (s.by === 'script') return `page script on ${s.url} at ${s.at}`;
  const parts = [s.method ?? 'response', s.url];
  if (s.status !== undefined) parts.push(`→ ${s.status}`);
  if (s.mainFrame !== undefined) parts.push(s.mainFrame ? '(main frame)' : '(subresource)');
  parts.push(`at ${s.at}`);
  return parts.join(' ');
}

function highest(findings: readonly Finding[]): string {
  let best: Severity | null = null;
  for (const f of findings)
    if (!f.accepted && (best === null || RANK[f.severity] > RANK[best])) best = f.severity;
  return best ?? '';
}

function row(site: string, c: AuditedCookie): string[] {
  return [
    site,
    c.name,
    c.domain,
    String(c.hostOnly),
    c.path,
    c.role,
    String(c.secure),
    String(c.httpOnly),
    c.sameSite,
    c.expires ?? 'session',
    String(c.partitioned),
    String(c.thirdParty),
    c.source.join('+'),
    c.provenance ? setterText(c.provenance.first) : '',
    c.provenance?.last ? setterText(c.provenance.last) : '',
    String(c.value.length),
    c.value.format,
    c.findings.map((f) => f.rule).join(' '),
    highest(c.findings),
    c.findings
      .filter((f) => f.accepted)
      .map((f) => f.rule)
      .join(' '),
    c.findings
      .filter((f) => f.baselineState === 'new')
      .map((f) => f.rule)
      .join(' '),
  ];
}

export function formatCsv(report: CookieAuditReport): string {
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const site of report.sites) {
    for (const c of site.cookies) lines.push(row(site.origin, c).map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
