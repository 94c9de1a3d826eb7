/**
 * The GitHub Action's step (action.yml runs it from the installed package): audits the given URLs
 * with the `cookie-audit` command, writes the SARIF file for upload-sarif and the report in the asked
 * format, appends the Markdown report to $GITHUB_STEP_SUMMARY and sets the outputs in $GITHUB_OUTPUT.
 * Inputs come as INPUT_* environment variables, as GitHub passes them to actions. Exits with the
 * command's code (1: findings at or above `fail-on`) once everything is written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CookieAuditReport, ReportFormat, ReportWithWarnings, Severity } from '../core/index.ts';
import { REPORT_FORMATS, SEVERITIES } from '../core/index.ts';
import { formatReport } from '../library/audit.ts';

const BIN = path.resolve(import.meta.dirname, '..', 'cli', 'bin.js');
const PASSWORD_ENV = 'COOKIE_AUDIT_PASSWORD';

/** An input as GitHub passes it (INPUT_LOGIN-URL) or with underscores (INPUT_LOGIN_URL). */
function input(name: string): string {
  const key = `INPUT_${name.toUpperCase()}`;
  return (process.env[key] ?? process.env[key.replace(/-/g, '_')] ?? '').trim();
}

function flag(name: string): boolean {
  return /^(true|yes|1|on)$/i.test(input(name));
}

function list(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Chromium, not branded Google Chrome (which ignores --load-extension since version 137, and is the
 * browser GitHub's runners have on PATH): CHROME_PATH, a chromium on PATH, or Playwright's Chromium
 * build, downloaded once.
 */
function ensureChromium(env: NodeJS.ProcessEnv): void {
  if (env.CHROME_PATH) return;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) {
      env.CHROME_PATH = found.stdout.trim();
      return;
    }
  }
  console.log('No Chromium on this runner: installing Playwright’s Chromium build.');
  const install = spawnSync('npx', ['--yes', 'playwright-core', 'install', '--with-deps', 'chromium'], {
    stdio: 'inherit',
    cwd: path.resolve(import.meta.dirname, '..', '..'),
  });
  if (install.status !== 0) throw new Error('Installing Chromium failed');
  const located = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import('playwright-core').then((m) => console.log(m.chromium.executablePath()))",
    ],
    { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '..', '..') },
  );
  env.CHROME_PATH = located.stdout.trim();
}

/** The command line for the inputs; the password travels in the environment, never in argv. */
function cliArguments(jsonFile: string): string[] {
  const args = [...list(input('urls')), '--format', 'json', '--out', jsonFile];
  if (flag('insecure')) args.push('--insecure');
  if (input('config')) args.push('--config', input('config'));
  if (input('fail-on')) args.push('--fail-on', input('fail-on'));
  for (const host of list(input('loopback-hosts'))) args.push('--loopback-host', host);
  if (input('login-url')) {
    args.push('--login', input('login-url'), '--user', input('user'), '--password-env', PASSWORD_ENV);
  }
  return args;
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/** Findings per severity: site findings and first-party cookies (what --fail-on counts). */
function countsBySeverity(report: CookieAuditReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const site of report.sites) {
    for (const f of site.findings) counts[f.severity]++;
    for (const c of site.cookies) if (!c.thirdParty) for (const f of c.findings) counts[f.severity]++;
  }
  return counts;
}

function setOutput(file: string | undefined, name: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`Output ${name} must be one line`);
  if (file) appendFileSync(file, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 2));
  });
}

async function runAction(): Promise<number> {
  const format = (input('format') || 'sarif') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new Error(`Unknown format "${format}" (use ${REPORT_FORMATS.join(', ')})`);
  }
  const failOn = input('fail-on');
  if (failOn && !(['high', 'medium', 'low'] as string[]).includes(failOn)) {
    throw new Error(`Unknown fail-on "${failOn}" (use high, medium or low)`);
  }
  const outDir = path.resolve(input('output-dir') || 'cookie-audit-results');
  mkdirSync(outDir, { recursive: true });
  const jsonFile = path.join(outDir, 'cookie-audit.json');
  const sarifFile = path.join(outDir, 'cookie-audit.sarif');
  const env: NodeJS.ProcessEnv = { ...process.env, [PASSWORD_ENV]: input('password') };
  ensureChromium(env);

  const code = await runCli(cliArguments(jsonFile), env);
  if (code === 2 || !existsSync(jsonFile)) {
    if (process.env.GITHUB_STEP_SUMMARY) {
      appendFileSync(
        process.env.GITHUB_STEP_SUMMARY,
        '## Cookie Audit\n\nThe audit could not run: see the step log.\n',
      );
    }
    return 2;
  }
  const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as ReportWithWarnings;
  writeFileSync(sarifFile, formatReport(report, 'sarif'));
  const reportFile =
    format === 'json'
      ? jsonFile
      : format === 'sarif'
        ? sarifFile
        : path.join(outDir, `cookie-audit.${format === 'md' ? 'md' : 'txt'}`);
  if (format === 'md' || format === 'text') writeFileSync(reportFile, formatReport(report, format));
  if (process.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${formatReport(report, 'md')}\n`);
  }

  const outputs = process.env.GITHUB_OUTPUT;
  const grades = Object.fromEntries(report.sites.map((s) => [s.origin, s.grade]));
  setOutput(outputs, 'grade', JSON.stringify(grades));
  const counts = countsBySeverity(report);
  for (const severity of SEVERITIES) setOutput(outputs, severity, String(counts[severity]));
  const atOrAbove = failOn
    ? SEVERITIES.filter((s) => RANK[s] >= RANK[failOn as Severity]).reduce((n, s) => n + counts[s], 0)
    : 0;
  setOutput(outputs, 'failing', String(atOrAbove));
  setOutput(outputs, 'report-path', reportFile);
  setOutput(outputs, 'sarif-path', sarifFile);
  return code;
}

runAction().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`cookie-audit action: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
