/** Drives the extension in real Chromium over a list of URLs and collects its report. */
import type { Page } from 'playwright-core';
import type { CookieAuditReport } from '../core/types.ts';
import { ask, type ExtensionBrowser, tabIdOf, UsageError } from './chromium.ts';

export class NavigationError extends UsageError {}

export interface AuditRunOptions {
  onProgress?: (message: string) => void;
}

export interface AuditRun {
  report: CookieAuditReport;
  /** The page each URL ended on, with its tab id (for screenshots of the popup). */
  visited: { url: string; finalUrl: string; tabId: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the extension has an audit for the tab and its cookie-jar read has landed. */
async function waitForAudit(extPage: Page, tabId: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let lastSignature = '';
  while (Date.now() < deadline) {
    const view = await ask(extPage, { type: 'get-tab-view', tabId });
    if (view.status === 'observed' && view.audit) {
      const signature = `${view.audit.cookies.length}|${view.coverage.jarCookies}|${view.coverage.headerCookies}|${view.audit.score}`;
      if (signature === lastSignature) return;
      lastSignature = signature;
    }
    await sleep(250);
  }
}

export async function auditUrls(browser: ExtensionBrowser, urls: string[], options: AuditRunOptions = {}): Promise<AuditRun> {
  const page = await browser.context.newPage();
  const extPage = await browser.extensionPage('src/popup/index.html');
  const visited: AuditRun['visited'] = [];
  const origins: string[] = [];
  try {
    for (const [index, url] of urls.entries()) {
      if (urls.length > 1) options.onProgress?.(`[${index + 1}/${urls.length}] ${url}`);
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new NavigationError(`Could not open ${url}: ${reason.replace(/^page\.goto: /, '')}`);
      }
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      const finalUrl = page.url();
      const tabId = await tabIdOf(extPage, finalUrl);
      await waitForAudit(extPage, tabId);
      visited.push({ url, finalUrl, tabId });
      const origin = new URL(finalUrl).origin;
      if (!origins.includes(origin)) origins.push(origin);
    }
    const report = await ask(extPage, { type: 'get-report', origins });
    return { report, visited };
  } finally {
    await extPage.close().catch(() => undefined);
  }
}
