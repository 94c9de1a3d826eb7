/**
 * Drives the extension in a real browser over a list of URLs and collects its report: N tabs of one
 * profile at once, each page bounded by a time limit, the crawl fed by the pages' own links. A page
 * that fails is a warning; the rest goes on.
 */
import {
  attachBrowserVerdicts,
  type RedirectCheck,
  type ReportWithWarnings,
  type SiteObservations,
  withWarnings,
} from '../core/index.ts';
import { normaliseUrl } from './discovery.ts';
import { type AuditDriver, NavigationError, type WorkTab } from './drivers.ts';

export interface CrawlOptions {
  /** Only links to these origins are followed (the origins the run started from). */
  origins: readonly string[];
  maxPages: number;
  /** Links are followed this many steps from a start URL (Infinity: no limit but maxPages). */
  maxDepth: number;
  accept(url: string): boolean;
}

/** Where one page's time went (milliseconds), for the benchmark. */
export interface PagePhases {
  /** When the page started, from the start of the run (a timeline of the tabs' overlap). */
  startMs: number;
  /** The work tab (slot) that audited it. */
  slot: number;
  navigateMs: number;
  settleMs: number;
  auditWaitMs: number;
  /** 0 for every page but the first of its origin. */
  redirectCheckMs: number;
  linksMs: number;
}

export interface PageEvents {
  total?(count: number): void;
  started?(url: string): void;
  done?(url: string, outcome: { ok: boolean; ms: number; note?: string }): void;
  phases?(url: string, phases: PagePhases): void;
}

export interface AuditRunOptions {
  /** One line per page ("[2/5] URL"), for callers without a progress display. */
  onProgress?: (message: string) => void;
  /**
   * Called once each page is audited, before the next URL replaces it in the work tab: the only
   * moment a picture of the popup shows that page.
   */
  afterVisit?: (visit: AuditRun['visited'][number], index: number) => Promise<void>;
  /**
   * Makes the HTTP → HTTPS redirect check outside the browser (the browser's HSTS state would
   * upgrade the request before it reaches the server). Without it the extension makes the request.
   */
  checkRedirect?: (target: string) => Promise<RedirectCheck>;
  events?: PageEvents;
  /** Tabs at once (default 1). */
  concurrency?: number;
  /** Time limit for one page: navigation, settling and the extension's audit (default 30 s). */
  timeoutMs?: number;
  crawl?: CrawlOptions;
}

export interface AuditRun {
  /** With `warnings` where the browser and the engine disagree on a cookie. */
  report: ReportWithWarnings;
  /** The page each URL ended on, with its tab id (for screenshots of the popup). */
  visited: { url: string; finalUrl: string; tabId: number }[];
  /** Pages that could not be audited, one line each. */
  warnings: string[];
  failed: number;
  /** What the grades were computed from (for `cookie-audit merge`). */
  observations: SiteObservations[];
}

/**
 * Waits until the extension holds the tab's page and what it knows is complete: the page loaded,
 * its cookie jar read and recorded after the load and after its last cookie change, the tab quiet
 * for a moment. One message that the background answers when that is true for this tab alone: no
 * poll per step, and tabs audited in parallel never wait for each other.
 */
async function waitForAudit(driver: AuditDriver, tabId: number, deadline: number): Promise<void> {
  await driver.ask({ type: 'wait-tab-settled', tabId, timeoutMs: Math.max(0, deadline - Date.now()) });
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/^Could not open \S+: /, '');
}

class PageTimeout extends Error {}

/** Rejects after ms with a clear message, whatever the work is stuck on. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PageTimeout(`${what} took longer than ${Math.round(ms / 1000)} s (--timeout)`)),
      ms,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export async function auditUrls(
  driver: AuditDriver,
  urls: string[],
  options: AuditRunOptions = {},
): Promise<AuditRun> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const crawl = options.crawl;
  const queue: { url: string; depth: number; position: number }[] = [];
  const seen = new Set<string>();
  const enqueue = (url: string, depth: number): boolean => {
    const key = normaliseUrl(url);
    if (seen.has(key)) return false;
    if (crawl && seen.size >= crawl.maxPages) return false;
    seen.add(key);
    queue.push({ url, depth, position: seen.size });
    return true;
  };
  for (const url of urls) enqueue(url, 0);
  let total = queue.length;
  options.events?.total?.(total);

  const visited: AuditRun['visited'] = [];
  const warnings: string[] = [];
  /** Each origin with the list position of its first URL: the report keeps the URL list's order. */
  const originAt = new Map<string, number>();
  const redirectChecked = new Set<string>();
  let failed = 0;
  let started = 0;
  let active = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const runStarted = Date.now();
  const auditOne = async (
    tab: WorkTab,
    item: { url: string; depth: number; position: number },
    slot: number,
  ) => {
    const begun = Date.now();
    const deadline = begun + timeoutMs;
    const { finalUrl, status, navigatedMs } = await tab.visit(item.url, timeoutMs);
    const settled = Date.now();
    await waitForAudit(driver, tab.tabId, deadline);
    const audited = Date.now();
    const origin = new URL(finalUrl).origin;
    // Always on in the CLI: one request to http://host/ per origin, to see whether plain HTTP
    // redirects to HTTPS (once per origin: every page of an origin has the same answer).
    // Made from Node when the caller can (the browser's HSTS state would upgrade the request).
    if (!redirectChecked.has(origin) && /^https?:/.test(origin)) {
      redirectChecked.add(origin);
      const { url: target } = await driver.ask({ type: 'redirect-check-target', tabId: tab.tabId });
      if (target && options.checkRedirect) {
        const result = await options.checkRedirect(target);
        await driver.ask({ type: 'check-redirect', tabId: tab.tabId, result });
      } else await driver.ask({ type: 'check-redirect', tabId: tab.tabId });
    }
    const checked = Date.now();
    const firstAt = originAt.get(origin);
    if (firstAt === undefined || item.position < firstAt) originAt.set(origin, item.position);
    const visit = { url: item.url, finalUrl, tabId: tab.tabId };
    const index = visited.push(visit) - 1;
    if (crawl && item.depth < crawl.maxDepth && seen.size < crawl.maxPages) {
      const links = await tab.links(crawl.origins, Math.min(5_000, crawl.maxPages * 4));
      let added = 0;
      for (const link of links) {
        if (seen.size >= crawl.maxPages) break;
        if (crawl.accept(link) && enqueue(link, item.depth + 1)) added++;
      }
      if (added > 0) {
        total += added;
        options.events?.total?.(total);
        notify();
      }
    }
    options.events?.phases?.(item.url, {
      startMs: begun - runStarted,
      slot,
      navigateMs: navigatedMs,
      settleMs: settled - begun - navigatedMs,
      auditWaitMs: audited - settled,
      redirectCheckMs: checked - audited,
      linksMs: Date.now() - checked,
    });
    return { status, visit, index };
  };

  const tabs: WorkTab[] = [];
  const worker = async (slot: number) => {
    if (!tabs[slot]) {
      // Opened while the first tabs already work: opening tabs is serial (tab ids are found by
      // difference), auditing need not wait for it.
      try {
        tabs[slot] = await driver.newTab();
      } catch (error) {
        warnings.push(`A tab could not be opened: ${reasonOf(error)}`);
        return;
      }
    }
    for (;;) {
      const tab = tabs[slot];
      const item = queue.shift();
      if (!item) {
        if (active === 0) return;
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      active++;
      started++;
      if (urls.length > 1 || crawl) options.onProgress?.(`[${started}/${total}] ${item.url}`);
      options.events?.started?.(item.url);
      const begun = Date.now();
      try {
        const { status, visit, index } = await withTimeout(
          auditOne(tab, item, slot),
          timeoutMs + 2_000,
          `Auditing ${item.url}`,
        );
        // Before this tab moves on to another page: the only moment a picture of its popup shows it.
        await options.afterVisit?.(visit, index);
        const note = status !== null && status >= 400 ? `HTTP ${status}` : undefined;
        if (note) {
          const hint =
            status === 401
              ? '; the site asks for HTTP authentication (give --http-credentials USER --password-env VAR)'
              : '';
          warnings.push(`${item.url}: the page answered ${note} (audited as it is${hint})`);
        }
        options.events?.done?.(item.url, { ok: true, ms: Date.now() - begun, note });
      } catch (error) {
        failed++;
        const reason = reasonOf(error);
        // The tab may still be loading, or showing the browser's error page: the next page gets a
        // fresh tab, so a late error-page navigation cannot interrupt it.
        await tab.close().catch(() => undefined);
        try {
          tabs[slot] = await driver.newTab();
        } catch (tabError) {
          // This worker stops; the others go on with the rest of the list.
          warnings.push(`A tab could not be replaced: ${reasonOf(tabError)}`);
          return;
        }
        warnings.push(`${item.url}: not audited: ${reason}`);
        options.events?.done?.(item.url, { ok: false, ms: Date.now() - begun, note: reason });
      } finally {
        active--;
        notify();
      }
    }
  };

  try {
    const count = Math.min(concurrency, Math.max(1, queue.length, crawl ? concurrency : 1));
    tabs.push(await driver.newTab());
    await Promise.all(Array.from({ length: count }, (_, slot) => worker(slot)));
    if (visited.length === 0) {
      const first = warnings.find((w) => w.includes(': not audited: '));
      throw new NavigationError(
        first
          ? `Could not open ${first.replace(': not audited: ', ': ')}`
          : 'Nothing could be audited: no URL given',
      );
    }
    // Sites in the order of the URL list, not the order the tabs finished in.
    const origins = [...originAt.entries()].sort((a, b) => a[1] - b[1]).map(([origin]) => origin);
    const report = await driver.ask({ type: 'get-report', origins });
    const observations = await driver.ask({ type: 'get-observations', origins });
    // The browser's own verdicts beside the engine's; where they disagree, the report says so.
    const disagreements = driver.browserVerdicts
      ? attachBrowserVerdicts(report, driver.browserVerdicts())
      : [];
    return { report: withWarnings(report, disagreements), visited, warnings, failed, observations };
  } catch (error) {
    // The tabs stay open until the report is read: a closed tab's pending jar read would be lost.
    await Promise.all(tabs.map((t) => t.close().catch(() => undefined)));
    throw error;
  }
}
