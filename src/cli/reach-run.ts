/**
 * A live audit from start to end: discovery (URL files, sitemaps), the shard, the browser with the
 * ways in (headers, HTTP credentials, storage state, a login form or a login script), the parallel
 * audit (or crawl), and the report with what it could not see. Progress and the summary go to stderr.
 */
import { performance } from 'node:perf_hooks';
import type { RedirectCheck, UserSettings } from '../core/index.ts';
import { buildReport, observationsForExport, type ReportWithWarnings } from '../core/index.ts';
import { type AuditRunOptions, auditUrls } from './audit.ts';
import { dedupeUrls, type FetchAccess, linkAccepter, readSitemap, readUrlsFile } from './discovery.ts';
import type { AuditDriver, BrowserKind, DriverOptions, LoginResult } from './drivers.ts';
import { runLoginScript } from './login-script.ts';
import type { MergeableFields } from './merge.ts';
import { writeErr } from './output.ts';
import { createProgress, progressMode, summaryLine } from './progress.ts';
import type { ReachOptions } from './reach.ts';
import { shardOf } from './shard.ts';

export interface LiveRunInput {
  urls: string[];
  browser: BrowserKind;
  driverOptions: DriverOptions;
  settings: UserSettings;
  login?: { url: string; user: string; password: string };
  reach: ReachOptions;
  version: string;
  openDriver(kind: BrowserKind, options: DriverOptions): Promise<AuditDriver>;
  /** The HTTP → HTTPS redirect check made from Node (see AuditRunOptions.checkRedirect). */
  checkRedirect?: (target: string) => Promise<RedirectCheck>;
  /** Called with the driver once it is open: what to do after each page (the demo's popup picture). */
  afterVisit?: (driver: AuditDriver) => AuditRunOptions['afterVisit'];
}

export const ROTATION_RULE = 'session-not-rotated-on-login';

const originOf = (url: string) => new URL(url).origin;

/** The URL list after discovery and the shard, with what discovery had to say. */
export async function discoverUrls(
  input: Pick<LiveRunInput, 'urls' | 'reach' | 'driverOptions' | 'login'>,
): Promise<{ urls: string[]; warnings: string[] }> {
  const { reach } = input;
  const warnings: string[] = [];
  const accept = linkAccepter(reach.filter);
  let urls = [...input.urls];
  for (const file of reach.urlsFiles) urls.push(...readUrlsFile(file));
  for (const source of reach.sitemaps) {
    const origins = [
      ...new Set(
        [
          ...urls,
          ...(input.login ? [input.login.url] : []),
          ...(/^https?:/.test(source) ? [source] : []),
        ].map(originOf),
      ),
    ];
    const access: FetchAccess = {
      insecure: input.driverOptions.insecure,
      loopbackHosts: input.driverOptions.loopbackHosts,
      origins,
      headers: reach.headers,
      credentials: reach.credentials,
    };
    const found = await readSitemap(source, access);
    warnings.push(...found.warnings);
    const kept = found.urls.filter(accept);
    if (kept.length < found.urls.length) {
      warnings.push(
        `${found.urls.length - kept.length} sitemap URL(s) skipped by --include/--exclude or as logout links`,
      );
    }
    urls.push(...kept);
  }
  urls = dedupeUrls(urls);
  if (reach.shard) urls = shardOf(urls, reach.shard);
  return { urls, warnings };
}

export async function runLiveAudit(input: LiveRunInput): Promise<ReportWithWarnings & MergeableFields> {
  const started = performance.now();
  const { reach } = input;
  const progress = createProgress(progressMode(reach.quiet));
  const note = (line: string) => progress.note(line);
  try {
    // Discovery's warnings go into the report; the command line prints every report warning.
    const discovered = await discoverUrls(input);
    let urls = discovered.urls;
    if (urls.length === 0 && (reach.urlsFiles.length > 0 || reach.sitemaps.length > 0) && !reach.shard) {
      throw new Error('No URL to audit: the URL files and sitemaps listed none');
    }
    if (reach.loginScript && urls.length === 0 && !reach.shard) {
      throw new Error(
        '--login-script needs the URLs to audit (the session-rotation check compares their cookies)',
      );
    }
    const auditedOrigins = [...new Set([...urls, ...(input.login ? [input.login.url] : [])].map(originOf))];
    const driver = await input.openDriver(input.browser, input.driverOptions);
    const warnings = [...discovered.warnings];
    const notTested: { rule: string; reason: string }[] = [];
    try {
      // The settings (--config, --ignore) are in force in the extension before the first visit.
      await driver.ask({ type: 'set-settings', settings: input.settings });
      if (Object.keys(reach.headers).length > 0 || reach.credentials) {
        await driver.setAccess({
          origins: auditedOrigins,
          headers: reach.headers,
          credentials: reach.credentials,
        });
      }
      if (reach.storageState) await loadStorageState(driver, reach.storageState);
      let loggedIn: LoginResult | { finalUrl: string } | null = null;
      if (input.login) {
        note(`Logging in at ${input.login.url}`);
        loggedIn = await driver.login(input.login.url, input.login.user, input.login.password);
        note(`Logged in: now at ${loggedIn.finalUrl}`);
        if (urls.length === 0 && !reach.shard) urls = [loggedIn.finalUrl];
      }
      if (reach.loginScript) {
        note(`Running the login script ${reach.loginScript.file}`);
        loggedIn = await runLoginScript(driver, reach.loginScript.file, urls, reach.loginScript.timeoutMs);
        note(`Logged in: now at ${loggedIn.finalUrl}`);
      }
      if (reach.storageState && !loggedIn) {
        const reason = `the session came from --storage-state ${reach.storageState.file}: no login was watched, so whether the site renews the session id at login is unknown`;
        notTested.push({ rule: ROTATION_RULE, reason });
        warnings.push(`${ROTATION_RULE} not tested: ${reason}`);
      }
      if (urls.length === 0) {
        // An empty shard (more shards than URLs): a valid, empty report that merges cleanly.
        note('cookie-audit: this shard has no URL to audit');
      }
      const run =
        urls.length === 0
          ? null
          : await auditUrls(driver, urls, {
              concurrency: reach.concurrency,
              timeoutMs: reach.timeoutMs,
              ...(input.checkRedirect ? { checkRedirect: input.checkRedirect } : {}),
              ...(input.afterVisit ? { afterVisit: input.afterVisit(driver) } : {}),
              ...(reach.crawl
                ? {
                    crawl: {
                      origins: auditedOrigins,
                      maxPages: reach.maxPages,
                      maxDepth: reach.maxDepth,
                      accept: linkAccepter(reach.filter),
                    },
                  }
                : {}),
              events: {
                total: (n) => progress.total(n),
                started: (url) => progress.pageStarted(url),
                done: (url, outcome) => progress.pageDone(url, outcome),
              },
            });
      const report =
        run?.report ?? buildReport([], { version: input.version, createdAt: new Date().toISOString() });
      report.generator.version = input.version;
      // The pages that failed, and where Chromium and the engine disagree on a cookie.
      warnings.push(...(run?.warnings ?? []), ...(run?.report.warnings ?? []));
      const out: ReportWithWarnings & MergeableFields = {
        ...report,
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(notTested.length > 0 ? { notTested } : {}),
        run: {
          browser: input.browser,
          // Firefox keeps its own sandbox whoever runs it; the note on stderr (not under --quiet) says the same.
          sandbox: driver.sandboxOff ? { enabled: false, offBecause: driver.sandboxOff } : { enabled: true },
        },
        observations: observationsForExport(run?.observations ?? []),
        settings: input.settings,
      };
      progress.stop();
      if (!reach.quiet) {
        const seconds = (performance.now() - started) / 1000;
        writeErr(summaryLine(out, { audited: run?.visited.length ?? 0, failed: run?.failed ?? 0 }, seconds));
      }
      return out;
    } finally {
      await driver.close();
    }
  } finally {
    progress.stop();
  }
}

/** Cookies into the profile; local storage by opening each origin once and writing its items. */
async function loadStorageState(
  driver: AuditDriver,
  state: NonNullable<ReachOptions['storageState']>,
): Promise<void> {
  if (state.cookies.length > 0) await driver.addCookies(state.cookies);
  const withItems = state.origins.filter((o) => o.localStorage.length > 0);
  if (withItems.length === 0) return;
  const tab = await driver.newTab();
  try {
    for (const origin of withItems) {
      await tab.visit(`${origin.origin}/`);
      await tab.evaluate(
        `(() => { for (const [k, v] of ${JSON.stringify(origin.localStorage.map((e) => [e.name, e.value]))}) localStorage.setItem(k, v); })()`,
      );
    }
  } finally {
    await tab.close();
  }
}
