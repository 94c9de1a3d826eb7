/**
 * One entry point for every report format, shared by the CLI and the extension's export buttons:
 * text, JSON (`cookie-audit-report/1`, plus `warnings` when there are any), Markdown, SARIF 2.1.0,
 * the CSV cookie inventory and the HTML report (rendered by the UI's components, handed in as
 * `options.html`, since core holds no UI). Also the `--fail-on` and `--fail-on-new` tests. Pure.
 */
import { formatText } from './report.ts';
import { formatCsv } from './report-csv.ts';
import { formatMarkdown, type LessonLookup, type ReportWithWarnings } from './report-markdown.ts';
import { formatSarif } from './report-sarif.ts';
import type { CookieAuditReport, Finding, RuleInfo, Severity } from './types.ts';

export type ReportFormat = 'text' | 'json' | 'md' | 'sarif' | 'csv' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'md', 'sarif', 'csv', 'html'];

export interface RenderOptions {
  /** The rule catalog (SARIF lists every rule). */
  rules: readonly RuleInfo[];
  lessons?: LessonLookup;
  /** Renders the HTML report (the UI's own components, server-side). Needed for format "html". */
  html?: (report: ReportWithWarnings) => string;
}

/** Adds warnings to a report (a field added to the schema); none → the report unchanged. */
export function withWarnings(report: CookieAuditReport, warnings: readonly string[]): ReportWithWarnings {
  return warnings.length > 0 ? { ...report, warnings: [...warnings] } : report;
}

export function renderReport(
  report: ReportWithWarnings,
  format: ReportFormat,
  options: RenderOptions,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'md':
      return formatMarkdown(report, { lessons: options.lessons });
    case 'sarif':
      return formatSarif(report, { rules: options.rules, lessons: options.lessons });
    case 'csv':
      return formatCsv(report);
    case 'html':
      if (!options.html) throw new Error('The HTML report needs its renderer (options.html)');
      return options.html(report);
    default: {
      const warnings = (report.warnings ?? []).map((w) => `Warning: ${w}`).join('\n');
      return `${warnings ? `${warnings}\n` : ''}${formatText(report)}`;
    }
  }
}

export const REPORT_MIME: Record<ReportFormat, string> = {
  text: 'text/plain',
  json: 'application/json',
  md: 'text/markdown',
  sarif: 'application/sarif+json',
  csv: 'text/csv',
  html: 'text/html',
};

const EXTENSION: Record<ReportFormat, string> = {
  text: 'txt',
  json: 'json',
  md: 'md',
  sarif: 'sarif',
  csv: 'csv',
  html: 'html',
};

/** cookie-audit-2026-01-31-12-00-00.md */
export function reportFileName(report: CookieAuditReport, format: ReportFormat): string {
  const stamp = report.createdAt
    .slice(0, 19)
    .replace(/[:T]/g, '-')
    .replace(/[^0-9-]/g, '');
  return `cookie-audit-${stamp || 'report'}.${EXTENSION[format]}`;
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/**
 * The findings at or above a severity that gate CI (`--fail-on`): site findings and first-party
 * cookie findings. Third-party cookies are not graded and do not fail a build; neither do accepted
 * risks. With `onlyNew` (`--fail-on-new`), only findings a baseline comparison marked new.
 */
export function findingsAtOrAbove(
  report: CookieAuditReport,
  threshold: Severity,
  onlyNew = false,
): Finding[] {
  const out: Finding[] = [];
  const gates = (f: Finding) =>
    RANK[f.severity] >= RANK[threshold] && !f.accepted && (!onlyNew || f.baselineState === 'new');
  for (const site of report.sites) {
    for (const f of site.findings) if (gates(f)) out.push(f);
    for (const c of site.cookies) {
      if (c.thirdParty) continue;
      for (const f of c.findings) if (gates(f)) out.push(f);
    }
  }
  return out;
}
