/**
 * The options that decide what a run can reach and how it is spread out: ways in (headers, HTTP
 * credentials, a saved storage state, a login script), discovery (URL files, sitemaps, the crawl),
 * parallel tabs, time limits, shards and progress. Declared in options.ts with every other option;
 * read and checked here.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { LinkFilter } from './discovery.ts';
import type { StoredCookie } from './drivers.ts';
import { readJsonFile } from './json.ts';
import { rememberSecret, UsageError } from './reach-common.ts';
import { parseShard, type Shard } from './shard.ts';

/** Parallel tabs that this machine keeps busy: most of a page's time is spent waiting on the network. */
export function defaultConcurrency(): number {
  return Math.max(2, Math.min(8, availableParallelism() * 2));
}

export interface LoginScriptOptions {
  file: string;
  timeoutMs: number;
}

export interface StorageState {
  file: string;
  cookies: StoredCookie[];
  origins: { origin: string; localStorage: { name: string; value: string }[] }[];
}

export interface ReachOptions {
  headers: Record<string, string>;
  credentials?: { username: string; password: string };
  storageState?: StorageState;
  loginScript?: LoginScriptOptions;
  urlsFiles: string[];
  sitemaps: string[];
  crawl: boolean;
  maxPages: number;
  maxDepth: number;
  filter: LinkFilter;
  concurrency: number;
  timeoutMs: number;
  shard?: Shard;
  quiet: boolean;
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the browser owns: setting them by hand would break the page or hide cookies from the audit. */
const OWNED_HEADERS = new Set(['cookie', 'host', 'content-length', 'connection', 'transfer-encoding']);

function checkHeader(name: string, value: string, option: string): void {
  if (!HEADER_NAME.test(name)) throw new UsageError(`${option}: not a header name: ${name.slice(0, 60)}`);
  if (OWNED_HEADERS.has(name.toLowerCase())) {
    throw new UsageError(
      `${option}: the browser sets ${name} itself${name.toLowerCase() === 'cookie' ? ' (use --storage-state for cookies)' : ''}`,
    );
  }
  // Never echo the value: it is usually a secret.
  if (/[\r\n\0]/.test(value)) throw new UsageError(`${option} ${name}: the value has a line break or NUL`);
}

function positiveInt(values: Values, name: string, fallback: number, max = 1_000_000): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(
      `--${name} wants a whole number from 1 to ${max.toLocaleString('en')}, not "${String(raw)}"`,
    );
  }
  return n;
}

function positiveSeconds(values: Values, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) {
    throw new UsageError(`--${name} wants seconds between 0 and 3600, not "${String(raw)}"`);
  }
  return Math.round(n * 1000);
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a Playwright storage-state file; a problem names the file and the entry, never a value. */
export function loadStorageState(file: string): StorageState {
  const raw = readJsonFile(file, `--storage-state ${file}`);
  if (!isRecord(raw) || !Array.isArray(raw.cookies)) {
    throw new UsageError(
      `--storage-state ${file}: expected Playwright's storage state ({ "cookies": [...], "origins": [...] })`,
    );
  }
  const cookies: StoredCookie[] = raw.cookies.map((c, i) => {
    if (
      !isRecord(c) ||
      typeof c.name !== 'string' ||
      typeof c.value !== 'string' ||
      typeof c.domain !== 'string'
    ) {
      throw new UsageError(`--storage-state ${file}: cookie ${i + 1} needs a name, a value and a domain`);
    }
    rememberSecret(c.value);
    const sameSite =
      c.sameSite === 'Strict' || c.sameSite === 'Lax' || c.sameSite === 'None' ? c.sameSite : undefined;
    return {
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: typeof c.path === 'string' ? c.path : '/',
      ...(typeof c.expires === 'number' ? { expires: c.expires } : {}),
      httpOnly: c.httpOnly === true,
      secure: c.secure === true,
      ...(sameSite ? { sameSite } : {}),
    };
  });
  const origins = (Array.isArray(raw.origins) ? raw.origins : []).map((o, i) => {
    if (!isRecord(o) || typeof o.origin !== 'string' || !/^https?:\/\/[^/]+$/.test(o.origin)) {
      throw new UsageError(`--storage-state ${file}: origin ${i + 1} needs an "origin" like https://host`);
    }
    const items = (Array.isArray(o.localStorage) ? o.localStorage : []).filter(
      (e): e is { name: string; value: string } =>
        isRecord(e) && typeof e.name === 'string' && typeof e.value === 'string',
    );
    for (const e of items) rememberSecret(e.value);
    return { origin: o.origin, localStorage: items.map((e) => ({ name: e.name, value: e.value })) };
  });
  return { file, cookies, origins };
}

/**
 * The reach options from parsed arguments. `password` is the one given by --password or
 * --password-env (shared with --login).
 */
export function parseReach(
  values: Values,
  env: NodeJS.ProcessEnv,
  password: string | undefined,
): ReachOptions {
  const headers: Record<string, string> = {};
  for (const raw of strings(values.header)) {
    const colon = raw.indexOf(':');
    if (colon <= 0) throw new UsageError('--header wants "Name: value" (the colon is missing)');
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    rememberSecret(value);
    checkHeader(name, value, '--header');
    headers[name] = value;
  }
  for (const raw of strings(values['header-env'])) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new UsageError(`--header-env wants NAME=VAR, not "${raw.slice(0, 80)}"`);
    const name = raw.slice(0, eq).trim();
    const variable = raw.slice(eq + 1).trim();
    const value = env[variable];
    if (value === undefined || value === '') {
      throw new UsageError(`--header-env ${name}: the environment variable ${variable} is not set`);
    }
    rememberSecret(value);
    checkHeader(name, value, '--header-env');
    headers[name] = value;
  }
  const user = values['http-credentials'] as string | undefined;
  let credentials: ReachOptions['credentials'];
  if (user !== undefined) {
    if (user === '' || user.includes(':'))
      throw new UsageError('--http-credentials wants a user name without ":"');
    if (password === undefined)
      throw new UsageError('--http-credentials needs --password-env VAR (or --password)');
    credentials = { username: user, password };
    rememberSecret(password);
  }
  const stateFile = values['storage-state'] as string | undefined;
  const scriptFile = values['login-script'] as string | undefined;
  if (scriptFile !== undefined && !/\.(mjs|js)$/.test(scriptFile)) {
    throw new UsageError(`--login-script ${scriptFile}: give an ES module (.mjs)`);
  }
  if (values['login-timeout'] !== undefined && scriptFile === undefined) {
    throw new UsageError('--login-timeout only goes with --login-script');
  }
  const crawl = values.crawl === true;
  for (const name of ['max-pages', 'max-depth']) {
    if (values[name] !== undefined && !crawl) throw new UsageError(`--${name} only goes with --crawl`);
  }
  const shardText = values.shard as string | undefined;
  const shard = shardText !== undefined ? parseShard(shardText) : undefined;
  if (shard && crawl) {
    throw new UsageError(
      '--shard splits a URL list known before the audit: give it --urls-file or --sitemap, not --crawl',
    );
  }
  return {
    headers,
    ...(credentials ? { credentials } : {}),
    ...(stateFile !== undefined ? { storageState: loadStorageState(stateFile) } : {}),
    ...(scriptFile !== undefined
      ? {
          loginScript: {
            file: path.resolve(scriptFile),
            timeoutMs: positiveSeconds(values, 'login-timeout', 60),
          },
        }
      : {}),
    urlsFiles: strings(values['urls-file']),
    sitemaps: strings(values.sitemap),
    crawl,
    maxPages: positiveInt(values, 'max-pages', 25),
    maxDepth:
      values['max-depth'] === undefined
        ? Number.POSITIVE_INFINITY
        : positiveInt(values, 'max-depth', 1, 1000),
    filter: { include: strings(values.include), exclude: strings(values.exclude) },
    concurrency: positiveInt(values, 'concurrency', defaultConcurrency(), 32),
    timeoutMs: positiveSeconds(values, 'timeout', 30),
    ...(shard ? { shard } : {}),
    quiet: values.quiet === true,
  };
}

/**
 * Secrets given to the reach options (header values, from the command line or the environment):
 * scrubbed from every message like the password.
 */
export function reachSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  const take = (option: string, i: number): string | undefined => {
    const arg = argv[i];
    if (arg === option) return argv[i + 1];
    if (arg.startsWith(`${option}=`)) return arg.slice(option.length + 1);
    return undefined;
  };
  argv.forEach((_, i) => {
    const header = take('--header', i);
    if (header !== undefined) {
      const value = header.slice(header.indexOf(':') + 1).trim();
      if (value) out.push(value);
    }
    const fromEnv = take('--header-env', i);
    if (fromEnv !== undefined) {
      const value = env[fromEnv.slice(fromEnv.indexOf('=') + 1).trim()];
      if (value) out.push(value);
    }
  });
  return out;
}
