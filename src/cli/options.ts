/**
 * The command line, declared once: every option's name, type, value, choices and help lines live in
 * `CLI_OPTIONS`. The parser, the `--help` text and the check of the README's option table
 * (test/unit/cli/options.test.ts) all read it, so an option cannot be added in one place and
 * forgotten in another.
 */
import { parseArgs } from 'node:util';
import {
  BASELINE_KEYS,
  type BaselineKey,
  REPORT_FORMATS,
  type ReportFormat,
  type Severity,
  type UserSettings,
  validateSettings,
} from '../core/index.ts';
import type { BrowserKind } from './drivers.ts';
import { UsageError } from './errors.ts';
import { readJsonFile } from './json.ts';
import { defaultConcurrency, parseReach, type ReachOptions } from './reach.ts';

export type Format = ReportFormat | 'pdf';
export const CLI_FORMATS: readonly Format[] = [...REPORT_FORMATS, 'pdf'];
export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** The help text's sections, in order. */
export const OPTION_GROUPS = [
  'Output',
  'Log in first',
  'Ways in',
  'Discovery',
  'Parallel and CI',
  'Settings',
  'CI',
  'Other',
] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

export interface OptionSpec {
  /** Long name, without the dashes. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Repeatable: the values are collected in order. */
  readonly multiple?: boolean;
  readonly default?: string | boolean;
  /** The value's placeholder in the help text (FILE, URL …); string options only. */
  readonly value?: string;
  /** The only values accepted; anything else is a usage error naming them. */
  readonly choices?: readonly string[];
  /** How the choices are listed in the usage error (default: comma-separated). */
  readonly choicesText?: string;
  readonly group: OptionGroup;
  /** The help text, one entry per line. */
  readonly help: readonly string[];
}

export const FAIL_ON: readonly Severity[] = ['high', 'medium', 'low'];
export const BROWSERS: readonly BrowserKind[] = ['chromium', 'firefox'];

export const CLI_OPTIONS = [
  {
    name: 'format',
    type: 'string',
    default: 'text',
    value: 'FORMAT',
    choices: CLI_FORMATS,
    group: 'Output',
    help: [
      'text (default), json (cookie-audit-report/1), md (Markdown for a ticket),',
      'sarif (SARIF 2.1.0, for GitHub code scanning), csv (cookie inventory for',
      'spreadsheets), html (one self-contained file to hand on) or pdf (the HTML',
      'report printed by Chromium; needs --out)',
    ],
  },
  {
    name: 'out',
    type: 'string',
    value: 'FILE',
    group: 'Output',
    help: ['write the report to FILE instead of standard output'],
  },
  {
    name: 'paper',
    type: 'string',
    default: 'a4',
    value: 'SIZE',
    choices: PAPERS,
    choicesText: 'a4 or letter',
    group: 'Output',
    help: ['paper size of --format pdf: a4 (default) or letter'],
  },
  {
    name: 'login',
    type: 'string',
    value: 'URL',
    group: 'Log in first',
    help: [
      'open URL, fill the form that has a password field, submit it, then audit',
      '(with no URL to audit, the page the login ends on is audited)',
    ],
  },
  { name: 'user', type: 'string', value: 'NAME', group: 'Log in first', help: ['user name for --login'] },
  {
    name: 'password',
    type: 'string',
    value: 'SECRET',
    group: 'Log in first',
    help: ['password for --login (visible to other users in the process list:', 'prefer --password-env)'],
  },
  {
    name: 'password-env',
    type: 'string',
    value: 'VAR',
    group: 'Log in first',
    help: ['read the password from the environment variable VAR'],
  },
  {
    name: 'config',
    type: 'string',
    value: 'FILE',
    group: 'Settings',
    help: [
      'settings file: ignoreNames, disabledRules, severityOverrides,',
      'sessionMaxLifetimeSeconds, badge, acceptedRisks',
    ],
  },
  {
    name: 'ignore',
    type: 'string',
    multiple: true,
    value: 'NAME[,NAME]',
    group: 'Settings',
    help: ['cookie names to ignore (a trailing * matches a prefix); repeatable'],
  },
  {
    name: 'fail-on',
    type: 'string',
    value: 'SEVERITY',
    choices: FAIL_ON,
    group: 'CI',
    help: [
      'exit 1 when a finding of SEVERITY or worse exists: high, medium or low',
      '(site findings and first-party cookies; third-party cookies are not graded;',
      'accepted risks never count)',
    ],
  },
  {
    name: 'baseline',
    type: 'string',
    value: 'FILE',
    group: 'CI',
    help: [
      'compare with an earlier JSON report: each finding is new or unchanged,',
      "the baseline's findings that are gone are listed as fixed",
    ],
  },
  {
    name: 'baseline-key',
    type: 'string',
    default: 'origin',
    value: 'KEY',
    choices: BASELINE_KEYS,
    choicesText: 'origin or host',
    group: 'CI',
    help: [
      'origin (default) or host: what identifies a site across the two runs',
      '(host ignores scheme and port, e.g. one staging port against another)',
    ],
  },
  {
    name: 'fail-on-new',
    type: 'string',
    value: 'SEVERITY',
    choices: FAIL_ON,
    group: 'CI',
    help: ['exit 1 only for NEW findings of SEVERITY or worse (needs --baseline)'],
  },
  {
    name: 'har',
    type: 'string',
    value: 'FILE',
    group: 'Other',
    help: ['audit a HAR export offline (no browser); same formats and settings'],
  },
  {
    name: 'rules',
    type: 'boolean',
    default: false,
    group: 'Other',
    help: ['list the rule catalog (id, default severity, title, scope)'],
  },
  {
    name: 'insecure',
    type: 'boolean',
    default: false,
    group: 'Other',
    help: ['accept self-signed certificates (staging hosts)'],
  },
  {
    name: 'browser',
    type: 'string',
    default: 'chromium',
    value: 'NAME',
    choices: BROWSERS,
    choicesText: 'chromium or firefox',
    group: 'Other',
    help: ['chromium (default) or firefox'],
  },
  {
    name: 'loopback-host',
    type: 'string',
    multiple: true,
    value: 'NAME',
    group: 'Other',
    help: [
      'resolve host NAME to 127.0.0.1 (a staging host served on this machine);',
      'repeatable, or comma-separated',
    ],
  },
  {
    name: 'no-sandbox',
    type: 'boolean',
    default: false,
    group: 'Other',
    help: ['run Chromium without its sandbox (it is off anyway when running as root)'],
  },
  {
    name: 'version',
    type: 'boolean',
    default: false,
    group: 'Other',
    help: ['print the version of cookie-audit'],
  },
  { name: 'help', type: 'boolean', short: 'h', default: false, group: 'Other', help: ['show this help'] },
  // What a run can reach and how it is spread out (read by reach.ts).
  {
    name: 'header',
    type: 'string',
    multiple: true,
    value: '"NAME: VALUE"',
    group: 'Ways in',
    help: [
      'send this header to the audited origins (never to other sites); repeatable.',
      'Visible in the process list: prefer --header-env for secrets',
    ],
  },
  {
    name: 'header-env',
    type: 'string',
    multiple: true,
    value: 'NAME=VAR',
    group: 'Ways in',
    help: ['send header NAME with the value of the environment variable VAR; repeatable'],
  },
  {
    name: 'http-credentials',
    type: 'string',
    value: 'USER',
    group: 'Ways in',
    help: [
      'HTTP basic/digest authentication as USER for the audited origins; the password',
      'comes from --password-env VAR (or --password); Chromium and Firefox',
    ],
  },
  {
    name: 'storage-state',
    type: 'string',
    value: 'FILE',
    group: 'Ways in',
    help: [
      "start from a saved browser state (Playwright's storage-state JSON: cookies and",
      'local storage); the report says the login-rotation check was not tested',
    ],
  },
  {
    name: 'login-script',
    type: 'string',
    value: 'FILE.mjs',
    group: 'Ways in',
    help: [
      'run a module whose default export `async ({ page, env }) => {}` logs in (any',
      'number of steps, SSO on another host); the session-rotation check compares',
      "the audited origins' cookies before and after it",
    ],
  },
  {
    name: 'login-timeout',
    type: 'string',
    value: 'SECONDS',
    group: 'Ways in',
    help: ['give up a --login-script after SECONDS (default 60)'],
  },
  {
    name: 'urls-file',
    type: 'string',
    multiple: true,
    value: 'FILE',
    group: 'Discovery',
    help: ['audit the URLs of FILE, one per line (# starts a comment); repeatable'],
  },
  {
    name: 'sitemap',
    type: 'string',
    multiple: true,
    value: 'URL|FILE',
    group: 'Discovery',
    help: ['audit the pages of a sitemap or sitemap index (gzip too); repeatable'],
  },
  {
    name: 'crawl',
    type: 'boolean',
    group: 'Discovery',
    help: [
      'follow the links of audited pages to the same origins, breadth-first; never',
      'leaves the origins it started from; logout-looking links are skipped',
    ],
  },
  {
    name: 'max-pages',
    type: 'string',
    value: 'N',
    group: 'Discovery',
    help: ['audit at most N pages in a crawl, start URLs included (default 25)'],
  },
  {
    name: 'max-depth',
    type: 'string',
    value: 'N',
    group: 'Discovery',
    help: ['follow links at most N steps from a start URL (default: no limit)'],
  },
  {
    name: 'include',
    type: 'string',
    multiple: true,
    value: 'GLOB',
    group: 'Discovery',
    help: [
      'only audit discovered URLs matching GLOB (* is any text; /… matches path and',
      'query, else the whole URL); repeatable; also lets a logout-looking link in',
    ],
  },
  {
    name: 'exclude',
    type: 'string',
    multiple: true,
    value: 'GLOB',
    group: 'Discovery',
    help: ['skip discovered URLs matching GLOB; repeatable'],
  },
  {
    name: 'concurrency',
    type: 'string',
    value: 'N',
    group: 'Parallel and CI',
    help: [`audit N pages at once, in tabs of one browser profile (default ${defaultConcurrency()} here)`],
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'SECONDS',
    group: 'Parallel and CI',
    help: ['time limit for one page (default 30); a page over it is a warning, the rest goes on'],
  },
  {
    name: 'shard',
    type: 'string',
    value: 'K/N',
    group: 'Parallel and CI',
    help: [
      'audit only the K-th of N equal parts of the URL list (after discovery); merge',
      'the JSON reports with `cookie-audit merge`',
    ],
  },
  {
    name: 'quiet',
    type: 'boolean',
    group: 'Parallel and CI',
    help: ['print errors only: no progress, no summary line'],
  },
] as const satisfies readonly OptionSpec[];

export type OptionName = (typeof CLI_OPTIONS)[number]['name'];

const USAGE = `Usage: cookie-audit [options] [URL ...]
       cookie-audit --har FILE [options]
       cookie-audit --rules [--format text|json]

Audits the cookies of each URL, in order and in one browser profile, in headless Chromium with the
Cookie Audit extension (build it first with \`npm run build\`). With no URL, audits the bundled demo
staging site. The HTTP→HTTPS redirect check runs for every audited origin.`;

const GROUP_TITLES: Record<OptionGroup, string> = {
  Output: 'Output:',
  'Log in first': 'Log in first:',
  'Ways in': 'Other ways in (sent only to the audited origins):',
  Discovery: 'Discovery (more URLs than the command line gives):',
  'Parallel and CI': 'Parallel and CI:',
  Settings: "Settings (the same JSON as the extension's options page):",
  CI: 'CI:',
  Other: 'Other:',
};

/** Column of the help lines: "  --loopback-host NAME   resolve …". */
const HELP_COLUMN = 23;

function optionLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.value ? ` ${option.value}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

/** The `--help` text, built from the declarations. */
export function helpText(options: readonly OptionSpec[] = CLI_OPTIONS): string {
  const sections = OPTION_GROUPS.map((group) => {
    const lines = options
      .filter((o) => o.group === group)
      .flatMap((o) =>
        o.help.map((line, i) => `  ${(i === 0 ? optionLabel(o) : '').padEnd(HELP_COLUMN)}${line}`),
      );
    return lines.length > 0 ? `${GROUP_TITLES[group]}\n${lines.join('\n')}` : '';
  }).filter(Boolean);
  return `${USAGE}\n\n${sections.join('\n\n')}\n\nExit codes: 0 success, 1 findings at or above --fail-on, 2 usage, navigation or login error.`;
}

type ParsedValues = { [K in OptionName]?: string | boolean | string[] };

/** node:util parseArgs over the declarations; an unknown or malformed option is a usage error. */
function parseDeclared(argv: string[]): { values: ParsedValues; positionals: string[] } {
  const config = Object.fromEntries(
    CLI_OPTIONS.map((o: OptionSpec) => [
      o.name,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
      },
    ]),
  );
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: config as never });
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
  } catch (error) {
    // parseArgs quotes the offending argument; an unknown option placed before the password
    // could echo it, so only the option's name is kept.
    const message = error instanceof Error ? error.message : String(error);
    const option = /option ['"]?(-{1,2}[\w-]+)/.exec(message)?.[1];
    throw new UsageError(option ? `Bad option ${option} (see --help)` : 'Bad arguments (see --help)');
  }
}

/** Every declared choice list is enforced here, with a message that lists the accepted values. */
function checkChoices(values: ParsedValues): void {
  for (const option of CLI_OPTIONS as readonly OptionSpec[]) {
    const value = values[option.name as OptionName];
    if (!option.choices || typeof value !== 'string') continue;
    if (!option.choices.includes(value)) {
      throw new UsageError(
        `Unknown --${option.name} "${value}" (use ${option.choicesText ?? option.choices.join(', ')})`,
      );
    }
  }
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
  /** --no-sandbox: Chromium without its sandbox even when not running as root. */
  noSandbox?: boolean;
  loopbackHosts: string[];
  paper: Paper;
  baseline?: string;
  baselineKey: BaselineKey;
  failOnNew?: Severity;
  /** Ways in, discovery, parallel tabs, shards and progress. */
  reach: ReachOptions;
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
  return readJsonFile(file, `--config ${file}`);
}

/** Comma-separated and repeated values as one trimmed list. */
function listValues(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
}

function settingsFrom(configFile: string | undefined, ignore: string[] | undefined): UserSettings {
  const raw = configFile ? loadConfig(configFile) : {};
  const first = validateSettings(raw);
  if (first.problems.length > 0) {
    const more = first.problems.length > 1 ? ` (and ${first.problems.length - 1} more problem(s))` : '';
    throw new UsageError(`--config ${configFile}: ${first.problems[0]}${more}`);
  }
  const names = listValues(ignore);
  if (names.length === 0) return first.settings;
  const merged = validateSettings({
    ...first.settings,
    ignoreNames: [...first.settings.ignoreNames, ...names],
  });
  if (merged.problems.length > 0) throw new UsageError(`--ignore: ${merged.problems[0]}`);
  return merged.settings;
}

function loginFrom(values: ParsedValues, env: NodeJS.ProcessEnv): LoginOptions | undefined {
  const loginUrl = values.login as string | undefined;
  const user = values.user as string | undefined;
  const password = values.password as string | undefined;
  const passwordEnv = values['password-env'] as string | undefined;
  if (password !== undefined && passwordEnv !== undefined) {
    throw new UsageError('Give either --password or --password-env, not both');
  }
  if (loginUrl === undefined) {
    if (user !== undefined) {
      throw new UsageError('--user, --password and --password-env only go with --login URL');
    }
    if ((password !== undefined || passwordEnv !== undefined) && values['http-credentials'] === undefined) {
      throw new UsageError(
        '--password and --password-env only go with --login URL or --http-credentials USER',
      );
    }
    return undefined;
  }
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
  return { url: loginUrl, user, password: secret };
}

/** The password of --password or --password-env, shared by --login and --http-credentials. */
function passwordFrom(values: ParsedValues, env: NodeJS.ProcessEnv): string | undefined {
  const passwordEnv = values['password-env'] as string | undefined;
  if (passwordEnv === undefined) return values.password as string | undefined;
  const secret = env[passwordEnv];
  if (secret === undefined || secret === '') {
    throw new UsageError(`--password-env: the environment variable ${passwordEnv} is not set`);
  }
  return secret;
}

function loopbackHostsFrom(values: string[] | undefined): string[] {
  const hosts = listValues(values).map((h) => h.toLowerCase());
  for (const host of hosts) {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
      throw new UsageError(`--loopback-host: not a host name: ${host}`);
    }
  }
  return hosts;
}

export function parseCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): CliOptions | 'help' | 'version' {
  const { values, positionals } = parseDeclared(argv);
  if (values.help) return 'help';
  if (values.version) return 'version';
  checkChoices(values);
  const format = values.format as Format;
  const browser = values.browser as BrowserKind;
  for (const url of positionals) checkUrl(url);
  const failOn = values['fail-on'] as Severity | undefined;
  const login = loginFrom(values, env);
  const reach = parseReach(values, env, passwordFrom(values, env));
  if (login && reach.loginScript) throw new UsageError('Give either --login or --login-script, not both');

  const har = values.har as string | undefined;
  const rules = values.rules as boolean;
  if (har !== undefined && (positionals.length > 0 || login || reach.loginScript || reach.crawl)) {
    throw new UsageError('--har audits a file offline: give no URL and no --login with it');
  }
  if (rules && format !== 'text' && format !== 'json') {
    throw new UsageError('--rules prints text or json');
  }
  if (format === 'pdf' && browser === 'firefox') {
    throw new UsageError(
      '--format pdf is printed by Chromium and cannot be used with --browser firefox: write --format html and print it from Firefox, or audit with Chromium',
    );
  }
  if (format === 'pdf' && values.out === undefined) {
    throw new UsageError('--format pdf writes a binary file: give --out FILE');
  }
  const failOnNew = values['fail-on-new'] as Severity | undefined;
  const baseline = values.baseline as string | undefined;
  if (failOnNew !== undefined && baseline === undefined) {
    throw new UsageError('--fail-on-new compares with a baseline: give --baseline previous.json');
  }
  const loopbackHosts = loopbackHostsFrom(values['loopback-host'] as string[] | undefined);

  return {
    urls: positionals,
    loopbackHosts,
    format,
    out: values.out as string | undefined,
    insecure: values.insecure as boolean,
    browser,
    ...(login ? { login } : {}),
    settings: settingsFrom(values.config as string | undefined, values.ignore as string[] | undefined),
    ...(failOn ? { failOn } : {}),
    ...(har !== undefined ? { har } : {}),
    rules,
    ...(values['no-sandbox'] ? { noSandbox: true } : {}),
    paper: values.paper as Paper,
    ...(baseline !== undefined ? { baseline } : {}),
    baselineKey: values['baseline-key'] as BaselineKey,
    ...(failOnNew ? { failOnNew } : {}),
    reach,
  };
}
