/**
 * `cookie-audit [URL ...]`: audits URLs in real headless Chromium (or Firefox) with the extension
 * loaded — after an optional form login — or a HAR file offline, and prints the report as text,
 * JSON, Markdown or SARIF. With no URL it audits the bundled demo site. The options are declared in
 * options.ts; the browser modules (playwright-core, puppeteer-core) are loaded only for live audits,
 * so --har, --rules and usage errors answer at once.
 *
 * Exit codes: 0 success; 1 a finding at or above --fail-on; 2 usage, navigation or login error
 * (one line on stderr). The password is never printed, written or put in an error message.
 */
import { writeFileSync } from 'node:fs';
import type { CookieAuditReport } from '../core/index.ts';
import { findingsAtOrAbove, listRules, type ReportWithWarnings, renderReport } from '../core/index.ts';
import { lessonFor } from '../lessons/index.ts';
import { auditHar } from './har.ts';
import { type Format, helpText, parseCli } from './options.ts';
import { addSecrets, writeErr, writeOut } from './output.ts';
import { reachSecrets } from './reach.ts';

export function render(report: ReportWithWarnings | CookieAuditReport, format: Format): string {
  return renderReport(report, format, { rules: listRules(), lessons: lessonFor });
}

function formatRules(format: Format): string {
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
    return runMerge(argv.slice(1), { render, packageVersion });
  }
  const options = parseCli(argv);
  if (options === 'help') {
    writeOut(`${helpText()}\n`);
    return 0;
  }
  if (options.rules) {
    const text = formatRules(options.format);
    if (options.out) writeFileSync(options.out, text);
    else writeOut(text);
    return 0;
  }
  let report: ReportWithWarnings;
  if (options.har !== undefined) {
    report = auditHar(options.har, options.settings);
    for (const w of report.warnings ?? []) writeErr(`cookie-audit: warning: ${w}`);
  } else {
    const { auditLive } = await import('./live.ts');
    report = await auditLive(options);
  }
  const text = render(report, options.format);
  if (options.out) writeFileSync(options.out, text);
  else writeOut(text);
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
