/** Drives the extension in a real browser over a list of URLs and collects its report. */
import {
  attachBrowserVerdicts,
  type RedirectCheck,
  type ReportWithWarnings,
  withWarnings,
} from '../core/index.ts';
import type { AuditDriver } from './drivers.ts';

export interface AuditRunOptions {
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
}

export interface AuditRun {
  /** With `warnings` where the browser and the engine disagree on a cookie. */
  report: ReportWithWarnings;
  /** The page each URL ended on, with its tab id (for screenshots of the popup). */
  visited: { url: string; finalUrl: string; tabId: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the extension has an audit for the tab and it stopped changing (jar read landed). */
async function waitForAudit(driver: AuditDriver, tabId: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let lastSignature = '';
  while (Date.now() < deadline) {
    const view = await driver.ask({ type: 'get-tab-view', tabId });
    if (view.status === 'observed' && view.audit) {
      const signature = `${view.audit.cookies.length}|${view.coverage.jarCookies}|${view.coverage.headerCookies}|${view.audit.score}`;
      if (signature === lastSignature) return;
      lastSignature = signature;
    }
    await sleep(250);
  }
}

export async function auditUrls(
  driver: AuditDriver,
  urls: string[],
  options: AuditRunOptions = {},
): Promise<AuditRun> {
  const visited: AuditRun['visited'] = [];
  const origins: string[] = [];
  for (const [index, url] of urls.entries()) {
    if (urls.length > 1) options.onProgress?.(`[${index + 1}/${urls.length}] ${url}`);
    const { finalUrl, tabId } = await driver.visit(url);
    await waitForAudit(driver, tabId);
    // Always on in the CLI: one request to http://host/ to see whether plain HTTP redirects to HTTPS.
    const { url: target } = await driver.ask({ type: 'redirect-check-target', tabId });
    if (target && options.checkRedirect) {
      await driver.ask({ type: 'check-redirect', tabId, result: await options.checkRedirect(target) });
    } else await driver.ask({ type: 'check-redirect', tabId });
    visited.push({ url, finalUrl, tabId });
    await options.afterVisit?.(visited[index], index);
    const origin = new URL(finalUrl).origin;
    if (!origins.includes(origin)) origins.push(origin);
  }
  const report = await driver.ask({ type: 'get-report', origins });
  // The browser's own verdicts beside the engine's; where they disagree, the report says so.
  const warnings = driver.browserVerdicts ? attachBrowserVerdicts(report, driver.browserVerdicts()) : [];
  return { report: withWarnings(report, warnings), visited };
}
