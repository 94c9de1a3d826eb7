/**
 * A Markdown rendering of a `cookie-audit-report/1` document, written to be pasted into a ticket:
 * the grade, a table of findings per cookie with their severity, the fix for the detected framework
 * and the evidence — with values redacted (the report never holds a value; evidence shows "…").
 * Every text that comes from a site (cookie names, URLs, evidence) is escaped, so a hostile cookie
 * name cannot inject markup or break a table.
 */
import { baselineSummary, expiredText, fixedText } from './report.ts';
import { setterText } from './report-csv.ts';
import {
  type AuditedCookie,
  type CookieAuditReport,
  type Finding,
  FRAMEWORK_NAMES,
  type Severity,
  type SiteAudit,
} from './types.ts';

/** What the lessons supply for a rule (src/lessons' `lessonFor` fits this shape). */
export interface RuleLesson {
  title: string;
  summary: string;
  why: string;
  fixes?: Record<string, string>;
}
export type LessonLookup = (ruleId: string) => RuleLesson | undefined;

/** Report plus what the CLI or extension adds to it (e.g. HAR warnings); JSON keeps the same field. */
export type ReportWithWarnings = CookieAuditReport & { warnings?: string[] };

export interface MarkdownOptions {
  lessons?: LessonLookup;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};
const SEVERITY_ORDER: Severity[] = ['high', 'medium', 'low', 'info'];

const FRAMEWORK_LABEL: Record<string, string> = { ...FRAMEWORK_NAMES, generic: 'any stack (Set-Cookie)' };

/** Escapes text for a Markdown paragraph or table cell (one line, no markup, no table break). */
export function mdText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : `\\${c}`));
}

/** Inline code for untrusted text: fence longer than any backtick run, pipes escaped for tables. */
export function mdCode(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  if (flat === '') return '*(empty)*';
  let longest = 0;
  for (const m of flat.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function codeBlock(text: string, lang = ''): string {
  let longest = 2;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

function cookieLabel(c: AuditedCookie): string {
  return c.name === '' ? '*(nameless)*' : mdCode(c.name);
}

function counts(site: SiteAudit): Record<Severity, number> {
  const out: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const f of site.findings) if (!f.accepted) out[f.severity]++;
  for (const c of site.cookies)
    if (!c.thirdParty) for (const f of c.findings) if (!f.accepted) out[f.severity]++;
  return out;
}

function findingRow(cookie: string, role: string, f: Finding): string {
  const status = `${f.baselineState === 'new' ? '**NEW** ' : ''}${f.accepted ? `*Accepted${f.accepted.until ? ` until ${mdText(f.accepted.until)}` : ''}: ${mdText(f.accepted.reason)}* — ` : ''}`;
  return `| ${cookie} | ${mdText(role)} | **${SEVERITY_LABEL[f.severity]}** | ${mdCode(f.rule)} | ${status}${mdText(f.message)} | ${f.evidence ? mdCode(f.evidence) : ''} |`;
}

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
}

function siteSection(site: SiteAudit, index: number, lessons: LessonLookup | undefined): string[] {
  const lines: string[] = [];
  const first = site.cookies.filter((c) => !c.thirdParty);
  const third = site.cookies.filter((c) => c.thirdParty);
  const n = counts(site);
  lines.push(`## ${index + 1}. ${mdText(site.origin)} — grade ${site.grade} (score ${site.score})`, '');
  lines.push(`- Page audited: ${mdCode(site.url)}`);
  lines.push(
    `- Frameworks detected: ${site.frameworks.length > 0 ? site.frameworks.map((f) => FRAMEWORK_LABEL[f] ?? f).join(', ') : 'none recognised'}`,
  );
  lines.push(
    `- Findings: ${SEVERITY_ORDER.map((s) => `${n[s]} ${SEVERITY_LABEL[s].toLowerCase()}`).join(', ')}`,
  );
  lines.push(
    `- Cookies: ${first.length} first-party${third.length > 0 ? `, ${third.length} third-party (not graded)` : ''}`,
  );
  for (const gap of site.coverage?.gaps ?? []) lines.push(`- Not seen: ${mdText(gap)}`);
  lines.push('');
  for (const r of site.expiredAcceptances ?? []) lines.push(`> **Warning:** ${mdText(expiredText(r))}`, '');

  const rows: string[] = [];
  for (const f of [...site.findings].sort(bySeverity)) rows.push(findingRow('*(site)*', 'site', f));
  for (const c of first) {
    for (const f of [...c.findings].sort(bySeverity)) rows.push(findingRow(cookieLabel(c), c.role, f));
  }
  lines.push('### Findings', '');
  if (rows.length === 0) lines.push('No findings.', '');
  else {
    lines.push('| Cookie | Role | Severity | Rule | Finding | Evidence (values redacted) |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    lines.push(...rows, '');
  }

  // One fix per rule that fired, in the wording of the detected framework.
  const fixes = new Map<string, Finding>();
  for (const f of [...site.findings, ...first.flatMap((c) => c.findings)].sort(bySeverity)) {
    if (!fixes.has(f.rule)) fixes.set(f.rule, f);
  }
  if (fixes.size > 0) {
    lines.push('### How to fix', '');
    for (const [rule, f] of fixes) {
      const lesson = lessons?.(rule);
      const title = lesson?.title ?? f.message;
      lines.push(`#### ${mdText(title)} (${mdCode(rule)}, ${SEVERITY_LABEL[f.severity].toLowerCase()})`, '');
      if (lesson) lines.push(mdText(lesson.why), '');
      if (f.fix) {
        lines.push(`Fix for ${FRAMEWORK_LABEL[f.fix.framework] ?? mdText(f.fix.framework)}:`, '');
        lines.push(codeBlock(f.fix.text), '');
      }
    }
  }

  const traced = site.cookies.filter((c) => c.provenance);
  if (traced.length > 0) {
    lines.push('### Where each cookie came from', '');
    for (const c of traced) {
      const p = c.provenance!;
      lines.push(
        `- ${cookieLabel(c)}: set by ${mdText(setterText(p.first))}${p.last ? `; last changed by ${mdText(setterText(p.last))}` : ''}`,
      );
    }
    lines.push('');
  }

  const clean = first.filter((c) => c.findings.length === 0);
  if (clean.length > 0) {
    lines.push('### Cookies without findings', '');
    for (const c of clean) {
      const why = c.deletion ? ', being deleted' : c.role === 'infrastructure' ? ', infrastructure' : '';
      lines.push(`- ${cookieLabel(c)} (${mdText(c.role)}${why})`);
    }
    lines.push('');
  }

  if (third.length > 0) {
    lines.push('### Third-party cookies (not graded)', '');
    for (const c of third) {
      const worst = [...c.findings].sort(bySeverity)[0];
      lines.push(
        `- ${cookieLabel(c)} on ${mdCode(c.domain)}${worst ? ` — ${c.findings.length} finding(s), worst ${SEVERITY_LABEL[worst.severity].toLowerCase()}: ${mdCode(worst.rule)}` : ''}`,
      );
    }
    lines.push('');
  }
  return lines;
}

/** Renders a report as Markdown for a ticket. Contains no cookie value, ever. */
export function formatMarkdown(report: ReportWithWarnings, options: MarkdownOptions = {}): string {
  const lines: string[] = [];
  lines.push('# Cookie Audit report', '');
  lines.push(
    `Generated by ${report.generator.name} ${mdText(report.generator.version)} on ${mdText(report.createdAt)}. Cookie values are never included: evidence shows \`…\` in their place.`,
    '',
  );
  for (const w of report.warnings ?? []) lines.push(`> **Warning:** ${mdText(w)}`, '');
  if (report.baseline) lines.push(mdText(baselineSummary(report.baseline)), '');
  if (report.sites.length === 0) {
    lines.push('No sites audited.', '');
    return `${lines.join('\n').trimEnd()}\n`;
  }
  lines.push('| Site | Grade | Score | High | Medium | Low | Info |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const site of report.sites) {
    const n = counts(site);
    lines.push(
      `| ${mdText(site.origin)} | **${site.grade}** | ${site.score} | ${n.high} | ${n.medium} | ${n.low} | ${n.info} |`,
    );
  }
  lines.push('');
  report.sites.forEach((site, i) => {
    lines.push(...siteSection(site, i, options.lessons));
  });
  if (report.baseline && report.baseline.fixed.length > 0) {
    lines.push('## FIXED since the baseline', '');
    for (const f of report.baseline.fixed) lines.push(`- **FIXED** ${mdText(fixedText(f))}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
