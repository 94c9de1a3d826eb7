/**
 * `cookie-audit [URL ...]`: audits URLs in real headless Chromium (or Firefox) with the extension
 * loaded — after an optional form login — or a HAR file offline, and prints the report as text,
 * JSON, Markdown, SARIF, CSV, HTML or PDF. With no URL it audits the bundled demo site. The options are declared in
 * options.ts; the browser modules (playwright-core, puppeteer-core) are loaded only for live audits,
 * so --har, --rules and usage errors answer at once.
 *
 * Exit codes: 0 success; 1 a finding at or above --fail-on (or a new one at or above --fail-on-new);
 * 2 usage, navigation or login error
 * (one line on stderr). The password is never printed, written or put in an error message.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CookieAuditReport } from '../core/index.ts';
import {
  BaselineError,
  compareWithBaseline,
  expiredText,
  findingsAtOrAbove,
  listRules,
  type ParsedBaseline,
  parseBaseline,
  type ReportFormat,
  type ReportWithWarnings,
  renderReport,
  withWarnings,
} from '../core/index.ts';
import { lessonFor } from '../lessons/index.ts';
import { UsageError } from './errors.ts';
import { auditHar } from './har.ts';
import { type CliOptions, helpText, parseCli } from './options.ts';
import { addSecrets, writeErr, writeOut } from './output.ts';
import { packageVersion } from './paths.ts';
import { reachSecrets } from './reach.ts';

/** Renders the HTML report; loaded on first use (Preact and the components are not needed otherwise). */
let htmlRenderer: ((report: ReportWithWarnings) => string) | undefined;

export async function loadHtmlRenderer(): Promise<(report: ReportWithWarnings) => string> {
  htmlRenderer ??= (await import('./documents.ts')).htmlReport;
  return htmlRenderer;
}

export function render(report: ReportWithWarnings | CookieAuditReport, format: ReportFormat): string {
  return renderReport(report, format, { rules: listRules(), lessons: lessonFor, html: htmlRenderer });
}

/** Reads a --baseline report: any cookie-audit-report/1 JSON, from this or an older version. */
export function loadBaseline(file: string): ParsedBaseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read --baseline ${file}${code ? ` (${code})` : ''}`);
  }
  try {
    return parseBaseline(JSON.parse(text) as unknown);
  } catch (error) {
    if (error instanceof BaselineError || error instanceof SyntaxError) {
      throw new UsageError(`--baseline ${file}: ${(error as Error).message}`);
    }
    throw error;
  }
}

/** Expired accepted risks become report warnings (and lines on stderr): they apply no more. */
function withExpiryWarnings(report: ReportWithWarnings): ReportWithWarnings {
  const expired = report.sites.flatMap((s) => s.expiredAcceptances ?? []);
  if (expired.length === 0) return report;
  const lines = [...new Set(expired.map(expiredText))];
  for (const line of lines) writeErr(`cookie-audit: warning: ${line}`);
  return withWarnings(report, [...(report.warnings ?? []), ...lines]);
}

async function writeReport(report: ReportWithWarnings, options: CliOptions): Promise<void> {
  if (options.format === 'html' || options.format === 'pdf') await loadHtmlRenderer();
  if (options.format === 'pdf') {
    const { pdfReport } = await import('./documents.ts');
    writeFileSync(options.out!, await pdfReport(render(report, 'html'), options.paper));
    return;
  }
  const text = render(report, options.format);
  if (options.out) writeFileSync(options.out, text);
  else writeOut(text);
}

function formatRules(format: 'text' | 'json'): string {
  const rules = listRules();
  if (format === 'json') return `${JSON.stringify(rules, null, 2)}\n`;
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map(
    (r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(6)}  ${r.scope.padEnd(6)}  ${r.title}`,
  );
  return `${'id'.padEnd(width)}  ${'sev.'.padEnd(6)}  ${'scope'.padEnd(6)}  title\n${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') {
    const [{ runMerge }, { packageVersion }] = await Promise.all([
      import('./merge-command.ts'),
      import('./paths.ts'),
    ]);
    // The HTML renderer is loaded only when a merged report is written as HTML.
    const renderMerged = async (report: CookieAuditReport, format: ReportFormat) => {
      if (format === 'html') await loadHtmlRenderer();
      return render(report, format);
    };
    return runMerge(argv.slice(1), { render: renderMerged, packageVersion });
  }
  const options = parseCli(argv);
  if (options === 'help') {
    writeOut(`${helpText()}\n`);
    return 0;
  }
  if (options === 'version') {
    writeOut(`${packageVersion()}\n`);
    return 0;
  }
  if (options.rules) {
    const text = formatRules(options.format === 'json' ? 'json' : 'text');
    if (options.out) writeFileSync(options.out, text);
    else writeOut(text);
    return 0;
  }
  // Read before the audit: a bad baseline fails at once, not after a browser run.
  const baseline = options.baseline !== undefined ? loadBaseline(options.baseline) : undefined;
  let report: ReportWithWarnings;
  if (options.har !== undefined) {
    report = auditHar(options.har, options.settings);
  } else {
    const { auditLive } = await import('./live.ts');
    report = await auditLive(options);
  }
  for (const w of report.warnings ?? []) writeErr(`cookie-audit: warning: ${w}`);
  report = withExpiryWarnings(report);
  if (baseline) report = compareWithBaseline(report, baseline, options.baselineKey);
  await writeReport(report, options);
  if (options.failOnNew) {
    const failing = findingsAtOrAbove(report, options.failOnNew, true);
    if (failing.length > 0) {
      writeErr(
        `cookie-audit: ${failing.length} new finding(s) at or above ${options.failOnNew} since the baseline (--fail-on-new ${options.failOnNew})`,
      );
      return 1;
    }
  }
  if (options.failOn) {
    const failing = findingsAtOrAbove(report, options.failOn);
    if (failing.length > 0) {
      writeErr(
        `cookie-audit: ${failing.length} finding(s) at or above ${options.failOn} (--fail-on ${options.failOn})`,
      );
      return 1;
    }
  }
  return 0;
}

/** Secrets given on the command line or through --password-env: removed from any message. */
function secretsIn(argv: string[]): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--password' && argv[i + 1]) out.push(argv[i + 1]);
    else if (arg.startsWith('--password=')) out.push(arg.slice('--password='.length));
    else if (arg === '--password-env' && argv[i + 1]) {
      const v = process.env[argv[i + 1]];
      if (v) out.push(v);
    } else if (arg.startsWith('--password-env=')) {
      const v = process.env[arg.slice('--password-env='.length)];
      if (v) out.push(v);
    }
  });
  return out.filter((s) => s.length > 0);
}

export async function main(argv: string[]): Promise<void> {
  // Hide the arguments (a --password among them) from the process list once started.
  process.title = 'cookie-audit';
  addSecrets(secretsIn(argv));
  addSecrets(reachSecrets(argv, process.env));
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writeErr(`cookie-audit: ${message.split('\n')[0]}`);
    // 1 is reserved for "findings at or above --fail-on"; every failure to audit is 2.
    process.exitCode = 2;
  }
}
