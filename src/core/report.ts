/**
 * Report helpers: the `cookie-audit-report/1` JSON document and a plain-text rendering of it.
 * Neither ever contains a cookie value (values are already reduced to ValueInfo).
 */
import { setterText } from './report-csv.ts';
import type {
  AcceptedRisk,
  AuditedCookie,
  BaselineComparison,
  CookieAuditReport,
  Finding,
  FixedFinding,
  SiteAudit,
} from './types.ts';

export const REPORT_SCHEMA = 'cookie-audit-report/1' as const;

export function buildReport(
  sites: SiteAudit[],
  opts: { version: string; createdAt: string },
): CookieAuditReport {
  return {
    schema: REPORT_SCHEMA,
    generator: { name: 'cookie-audit', version: opts.version },
    createdAt: opts.createdAt,
    sites,
  };
}

function attributes(c: AuditedCookie): string {
  const parts: string[] = [];
  parts.push(c.hostOnly ? `host-only ${c.domain}` : `Domain=${c.domain}`);
  parts.push(`Path=${c.path}`);
  parts.push(c.secure ? 'Secure' : 'no Secure');
  parts.push(c.httpOnly ? 'HttpOnly' : 'no HttpOnly');
  parts.push(
    c.sameSite === 'unspecified'
      ? 'no SameSite'
      : c.sameSite === 'invalid'
        ? 'SameSite invalid'
        : `SameSite=${c.sameSite}`,
  );
  if (c.partitioned) parts.push('Partitioned');
  parts.push(c.expires === null ? 'session' : `expires ${c.expires}`);
  return parts.join(', ');
}

function valueLine(c: AuditedCookie): string {
  const v = c.value;
  const known = v.payloadKeys ?? [];
  const others = (v.payloadKeyCount ?? known.length) - known.length;
  let keys = known.length > 0 ? `, keys: ${known.join(', ')}` : '';
  if (others > 0) keys += known.length > 0 ? ` (+${others} other)` : `, ${others} payload keys`;
  return `value: ${v.format}, ${v.length} chars, ~${v.entropyBits} bits${keys} (redacted)`;
}

/** "NEW " / "" before a finding, when the report was compared with a baseline. */
export function baselineTag(f: Finding): string {
  return f.baselineState === 'new' ? 'NEW ' : '';
}

/** "accepted until 2026-12-31: reason" */
export function acceptedText(a: NonNullable<Finding['accepted']>): string {
  return `accepted${a.until ? ` until ${a.until}` : ''}: ${a.reason}`;
}

/** The warning for an accepted risk that has expired. */
export function expiredText(r: AcceptedRisk): string {
  const what = `${r.rule}${r.cookie ? ` on cookie ${r.cookie}` : ''}${r.site ? ` at ${r.site}` : ''}`;
  return `The accepted risk ${what} expired on ${r.until}; it applies no more (reason was: ${r.reason}).`;
}

export function fixedText(f: FixedFinding): string {
  const where = f.cookie
    ? `cookie ${f.cookie.name === '' ? '(nameless)' : f.cookie.name} (${f.cookie.domain}${f.cookie.path})`
    : 'site';
  return `[${f.severity.toUpperCase()}] ${f.rule} on ${f.site}, ${where}`;
}

export function baselineSummary(b: BaselineComparison): string {
  return `Compared with the baseline of ${b.baselineCreatedAt || 'unknown date'} (by ${b.key}): ${b.counts.new} new, ${b.counts.unchanged} unchanged, ${b.counts.fixed} fixed.`;
}

function findingLines(findings: readonly Finding[], indent: string): string[] {
  const out: string[] = [];
  for (const f of findings) {
    out.push(`${indent}${baselineTag(f)}[${f.severity.toUpperCase()}] ${f.rule}: ${f.message}`);
    if (f.accepted) out.push(`${indent}    ${acceptedText(f.accepted)} (not graded)`);
    if (f.evidence) out.push(`${indent}    evidence: ${f.evidence}`);
    if (f.fix) {
      const [first, ...rest] = f.fix.text.split('\n');
      out.push(`${indent}    fix (${f.fix.framework}): ${first}`);
      for (const line of rest) out.push(`${indent}        ${line}`);
    }
  }
  return out;
}

/** A readable plain-text report. */
export function formatText(report: CookieAuditReport): string {
  const lines: string[] = [];
  lines.push(`Cookie Audit ${report.generator.version} — ${report.createdAt}`);
  if (report.baseline) lines.push(baselineSummary(report.baseline));
  if (report.sites.length === 0) lines.push('', 'No sites audited.');
  for (const site of report.sites) {
    lines.push('');
    lines.push(`${site.url}`);
    lines.push(`  Grade ${site.grade} (score ${site.score})`);
    lines.push(
      `  Frameworks: ${site.frameworks.length > 0 ? site.frameworks.join(', ') : 'none recognised'}`,
    );
    for (const r of site.expiredAcceptances ?? []) lines.push(`  Warning: ${expiredText(r)}`);
    if (site.coverage && site.coverage.gaps.length > 0) {
      lines.push('  Not seen:');
      for (const gap of site.coverage.gaps) lines.push(`    - ${gap}`);
    }
    if (site.findings.length > 0) {
      lines.push('  Site findings:');
      lines.push(...findingLines(site.findings, '    '));
    } else lines.push('  Site findings: none');
    const first = site.cookies.filter((c) => !c.thirdParty);
    const third = site.cookies.filter((c) => c.thirdParty);
    lines.push(
      `  Cookies (${first.length}${third.length > 0 ? ` + ${third.length} third-party, not graded` : ''}):`,
    );
    if (site.cookies.length === 0) lines.push('    none observed');
    for (const c of [...first, ...third]) {
      const tags: string[] = [c.role];
      if (c.thirdParty) tags.push('third-party');
      if (c.deletion) tags.push('deletion');
      if (c.rejected && c.rejected.length > 0) {
        tags.push(
          c.storedDespiteRejection
            ? `refused by Chromium (${c.rejected.join(', ')}) but stored by this browser`
            : `rejected: ${c.rejected.join(', ')}`,
        );
      }
      if (c.browserNote) tags.push(c.browserNote);
      if (c.browserVerdict) tags.push(c.browserVerdict.text);
      tags.push(`seen in ${c.source.join('+')}`);
      lines.push(`    ${c.name === '' ? '(nameless)' : c.name} [${tags.join('; ')}]`);
      lines.push(`      ${attributes(c)}`);
      lines.push(`      ${valueLine(c)}`);
      if (c.provenance) {
        lines.push(`      set by ${setterText(c.provenance.first)}`);
        if (c.provenance.last) lines.push(`      last changed by ${setterText(c.provenance.last)}`);
      }
      if (c.findings.length === 0) lines.push('      no findings');
      else lines.push(...findingLines(c.findings, '      '));
    }
  }
  if (report.baseline && report.baseline.fixed.length > 0) {
    lines.push('', `FIXED since the baseline (${report.baseline.fixed.length}):`);
    for (const f of report.baseline.fixed) lines.push(`  FIXED ${fixedText(f)}`);
  }
  return `${lines.join('\n')}\n`;
}
