/**
 * `cookie-audit [URL ...]`: audits URLs in real headless Chromium (or Firefox) with the extension
 * loaded — after an optional form login — or a HAR file offline, and prints the report as text,
 * JSON, Markdown or SARIF. With no URL it audits the bundled demo site.
 *
 * Exit codes: 0 success; 1 a finding at or above --fail-on; 2 usage, navigation or login error
 * (one line on stderr). The password is never printed, written or put in an error message.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  auditSite,
  buildReport,
  findingsAtOrAbove,
  harToSiteObservations,
  listRules,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportWithWarnings,
  renderReport,
  type Severity,
  toAuditSettings,
  type UserSettings,
  validateSettings,
  withWarnings,
} from '../core/index.ts';
import type { CookieAuditReport } from '../core/types.ts';
import { lessonFor, wording } from '../lessons/index.ts';
import type { BrowserKind } from './drivers.ts';

/**
 * A usage error (exit 2). The browser modules (playwright-core, puppeteer-core) are loaded only for
 * live audits, so --har, --rules and usage errors answer at once.
 */
export class UsageError extends Error {}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const HELP = `Usage: cookie-audit [options] [URL ...]
       cookie-audit --har FILE [options]
       cookie-audit --rules [--format text|json]

Audits the cookies of each URL, in order and in one browser profile, in headless Chromium with the
Cookie Audit extension (build it first with \`npm run build\`). With no URL, audits the bundled demo
staging site. The HTTP→HTTPS redirect check runs for every audited origin.

Output:
  --format FORMAT        text (default), json (cookie-audit-report/1), md (Markdown for a ticket)
                         or sarif (SARIF 2.1.0, for GitHub code scanning)
  --out FILE             write the report to FILE instead of standard output

Log in first:
  --login URL            open URL, fill the form that has a password field, submit it, then audit
                         (with no URL to audit, the page the login ends on is audited)
  --user NAME            user name for --login
  --password SECRET      password for --login (visible to other users in the process list:
                         prefer --password-env)
  --password-env VAR     read the password from the environment variable VAR

Settings (the same JSON as the extension's options page):
  --config FILE          settings file: ignoreNames, disabledRules, severityOverrides,
                         sessionMaxLifetimeSeconds, badge
  --ignore NAME[,NAME]   cookie names to ignore (a trailing * matches a prefix); repeatable

CI:
  --fail-on SEVERITY     exit 1 when a finding of SEVERITY or worse exists: high, medium or low
                         (site findings and first-party cookies; third-party cookies are not graded)

Other:
  --har FILE             audit a HAR export offline (no browser); same formats and settings
  --rules                list the rule catalog (id, default severity, title, scope)
  --insecure             accept self-signed certificates (staging hosts)
  --browser NAME         chromium (default) or firefox
  --loopback-host NAME   resolve host NAME to 127.0.0.1 (a staging host served on this machine);
                         repeatable, or comma-separated
  -h, --help             show this help

Exit codes: 0 success, 1 findings at or above --fail-on, 2 usage, navigation or login error.`;

export type Format = ReportFormat;
const FAIL_ON: readonly Severity[] = ['high', 'medium', 'low'];

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function render(report: ReportWithWarnings | CookieAuditReport, format: Format): string {
  return renderReport(report, format, { rules: listRules(), lessons: lessonFor });
}

export interface LoginOptions {
  url: string;
  user: string;
  /** Never printed; scrubbed from any error message. */
  password: string;
}

export interface CliOptions {
  urls: string[];
  format: Format;
  out?: string;
  insecure: boolean;
  browser: BrowserKind;
  login?: LoginOptions;
  settings: UserSettings;
  failOn?: Severity;
  har?: string;
  rules: boolean;
  loopbackHosts: string[];
}

function checkUrl(url: string, what = ''): void {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new UsageError(`Not a URL${what}: ${url} (give a full http:// or https:// URL)`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    throw new UsageError(`Only http:// and https:// URLs can be audited${what}: ${url}`);
  }
}

/** Reads and validates a --config file: any problem is a usage error naming the file. */
export function loadConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read --config ${file}${code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--config ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function settingsFrom(configFile: string | undefined, ignore: string[]): UserSettings {
  const raw = configFile ? loadConfig(configFile) : {};
  const first = validateSettings(raw);
  if (first.problems.length > 0) {
    const more = first.problems.length > 1 ? ` (and ${first.problems.length - 1} more problem(s))` : '';
    throw new UsageError(`--config ${configFile}: ${first.problems[0]}${more}`);
  }
  const names = ignore
    .flatMap((v) => v.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) return first.settings;
  const merged = validateSettings({
    ...first.settings,
    ignoreNames: [...first.settings.ignoreNames, ...names],
  });
  if (merged.problems.length > 0) throw new UsageError(`--ignore: ${merged.problems[0]}`);
  return merged.settings;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        browser: { type: 'string', default: 'chromium' },
        login: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'password-env': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        config: { type: 'string' },
        'fail-on': { type: 'string' },
        har: { type: 'string' },
        rules: { type: 'boolean', default: false },
        'loopback-host': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs quotes the offending argument; an unknown option placed before the password
    // could echo it, so only the option's name is kept.
    const message = error instanceof Error ? error.message : String(error);
    const option = /option ['"]?(-{1,2}[\w-]+)/.exec(message)?.[1];
    throw new UsageError(option ? `Bad option ${option} (see --help)` : 'Bad arguments (see --help)');
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format as string;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown --format "${format}" (use ${REPORT_FORMATS.join(', ')})`);
  }
  const browser = values.browser as string;
  if (browser !== 'chromium' && browser !== 'firefox') {
    throw new UsageError(`Unknown --browser "${browser}" (use chromium or firefox)`);
  }
  for (const url of positionals) checkUrl(url);

  const failOnRaw = values['fail-on'] as string | undefined;
  if (failOnRaw !== undefined && !(FAIL_ON as readonly string[]).includes(failOnRaw)) {
    throw new UsageError(`Unknown --fail-on "${failOnRaw}" (use ${FAIL_ON.join(', ')})`);
  }

  const loginUrl = values.login as string | undefined;
  const user = values.user as string | undefined;
  const password = values.password as string | undefined;
  const passwordEnv = values['password-env'] as string | undefined;
  let login: LoginOptions | undefined;
  if (password !== undefined && passwordEnv !== undefined) {
    throw new UsageError('Give either --password or --password-env, not both');
  }
  if (loginUrl !== undefined) {
    checkUrl(loginUrl, ' for --login');
    if (user === undefined) throw new UsageError('--login needs --user NAME');
    let secret = password;
    if (passwordEnv !== undefined) {
      secret = env[passwordEnv];
      if (secret === undefined || secret === '') {
        throw new UsageError(`--password-env: the environment variable ${passwordEnv} is not set`);
      }
    }
    if (secret === undefined) throw new UsageError('--login needs --password SECRET or --password-env VAR');
    login = { url: loginUrl, user, password: secret };
  } else if (user !== undefined || password !== undefined || passwordEnv !== undefined) {
    throw new UsageError('--user, --password and --password-env only go with --login URL');
  }

  const har = values.har as string | undefined;
  const rules = values.rules as boolean;
  if (har !== undefined && (positionals.length > 0 || login)) {
    throw new UsageError('--har audits a file offline: give no URL and no --login with it');
  }
  if (rules && format !== 'text' && format !== 'json') {
    throw new UsageError('--rules prints text or json');
  }

  const loopbackHosts = ((values['loopback-host'] as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const host of loopbackHosts) {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
      throw new UsageError(`--loopback-host: not a host name: ${host}`);
    }
  }

  return {
    urls: positionals,
    loopbackHosts,
    format: format as Format,
    out: values.out as string | undefined,
    insecure: values.insecure as boolean,
    browser,
    ...(login ? { login } : {}),
    settings: settingsFrom(
      values.config as string | undefined,
      (values.ignore as string[] | undefined) ?? [],
    ),
    ...(failOnRaw ? { failOn: failOnRaw as Severity } : {}),
    ...(har !== undefined ? { har } : {}),
    rules,
  };
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

/** Offline: a HAR file through the same engine, settings and formats, with its warnings. */
function auditHar(file: string, settings: UserSettings): ReportWithWarnings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read --har ${file}${code ? ` (${code})` : ''}`);
  }
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--har ${file} is not JSON: ${(error as Error).message}`);
  }
  const { sites, warnings } = harToSiteObservations(har, { now: Date.now() });
  if (sites.length === 0 && warnings.length > 0 && warnings[0].startsWith('Not a HAR file')) {
    throw new UsageError(`--har ${file}: ${warnings[0]}`);
  }
  const audits = sites.map((obs) => auditSite(obs, toAuditSettings(settings), wording));
  const report = buildReport(audits, { version: packageVersion(), createdAt: new Date().toISOString() });
  return withWarnings(report, warnings);
}

async function auditLive(options: CliOptions): Promise<CookieAuditReport> {
  const [{ DEMO_HOSTS, startDemoSite }, { auditUrls }, { assertBuilt }, { openDriver }, { DIST_FIREFOX }] =
    await Promise.all([
      import('../demo/server.ts'),
      import('./audit.ts'),
      import('./chromium.ts'),
      import('./drivers.ts'),
      import('./firefox.ts'),
    ]);
  assertBuilt(options.browser === 'firefox' ? DIST_FIREFOX : undefined);
  const demo = options.urls.length === 0 && !options.login ? await startDemoSite() : null;
  try {
    const driver = await openDriver(options.browser, {
      insecure: options.insecure || !!demo,
      loopbackHosts: demo
        ? Object.values(DEMO_HOSTS)
        : options.loopbackHosts.length > 0
          ? options.loopbackHosts
          : undefined,
    });
    try {
      // The settings (--config, --ignore) are in force in the extension before the first visit.
      await driver.ask({ type: 'set-settings', settings: options.settings });
      let urls = demo ? [demo.urls.insecure, demo.urls.hardenedHttp] : options.urls;
      if (options.login) {
        process.stderr.write(`Logging in at ${options.login.url}\n`);
        const result = await driver.login(options.login.url, options.login.user, options.login.password);
        process.stderr.write(`Logged in: now at ${result.finalUrl}\n`);
        if (urls.length === 0) urls = [result.finalUrl];
      }
      const { report } = await auditUrls(driver, urls, {
        onProgress: (m) => process.stderr.write(`${m}\n`),
      });
      report.generator.version = packageVersion();
      return report;
    } finally {
      await driver.close();
    }
  } finally {
    await demo?.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (options.rules) {
    const text = formatRules(options.format);
    if (options.out) writeFileSync(options.out, text);
    else process.stdout.write(text);
    return 0;
  }
  let report: ReportWithWarnings;
  if (options.har !== undefined) {
    report = auditHar(options.har, options.settings);
    for (const w of report.warnings ?? []) process.stderr.write(`cookie-audit: warning: ${w}\n`);
  } else {
    report = await auditLive(options);
  }
  const text = render(report, options.format);
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
  if (options.failOn) {
    const failing = findingsAtOrAbove(report, options.failOn);
    if (failing.length > 0) {
      process.stderr.write(
        `cookie-audit: ${failing.length} finding(s) at or above ${options.failOn} (--fail-on ${options.failOn})\n`,
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

export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

export async function main(argv: string[]): Promise<void> {
  // Hide the arguments (a --password among them) from the process list once started.
  process.title = 'cookie-audit';
  const secrets = secretsIn(argv);
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cookie-audit: ${scrub(message.split('\n')[0], secrets)}\n`);
    // 1 is reserved for "findings at or above --fail-on"; every failure to audit is 2.
    process.exitCode = 2;
  }
}
