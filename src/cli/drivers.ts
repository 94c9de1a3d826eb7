/**
 * One small interface over the two browser automations (playwright-core for Chromium,
 * puppeteer-core over WebDriver BiDi for Firefox), so the CLI and `npm start` audit the same way
 * in either browser.
 */
import type { RequestOf, RequestType, ResponseMap } from '../messages.ts';
import { ask, launchChromium, tabIdOf, UsageError } from './chromium.ts';
import { askFirefox, firefoxTabIdOf, launchFirefox } from './firefox.ts';

export type BrowserKind = 'chromium' | 'firefox';

export class NavigationError extends UsageError {}

export interface AuditDriver {
  readonly kind: BrowserKind;
  /** Navigates the work tab to url and waits for the page to settle. */
  visit(url: string): Promise<{ finalUrl: string; tabId: number }>;
  /** Sends a typed request to the background from an extension page, as the popup does. */
  ask<T extends RequestType>(request: RequestOf<T>): Promise<ResponseMap[T]>;
  /** Saves a PNG of the popup for a tab. */
  screenshotPopup(tabId: number, file: string, colorScheme?: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

export interface DriverOptions {
  insecure?: boolean;
  /** Host names the browser must resolve to 127.0.0.1 (the demo site). */
  loopbackHosts?: string[];
}

function navigationError(url: string, error: unknown): NavigationError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new NavigationError(`Could not open ${url}: ${reason.replace(/^page\.goto: /, '')}`);
}

async function chromiumDriver(options: DriverOptions): Promise<AuditDriver> {
  const hostResolverRules = options.loopbackHosts?.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  const browser = await launchChromium({ insecure: options.insecure, hostResolverRules });
  const ext = await browser.extensionPage('src/popup/index.html');
  const page = await browser.context.newPage();
  return {
    kind: 'chromium',
    async visit(url) {
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      } catch (error) {
        throw navigationError(url, error);
      }
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      const finalUrl = page.url();
      return { finalUrl, tabId: await tabIdOf(ext, finalUrl) };
    },
    ask: (request) => ask(ext, request),
    async screenshotPopup(tabId, file, colorScheme = 'light') {
      const popup = await browser.context.newPage();
      await popup.emulateMedia({ colorScheme });
      await popup.setViewportSize({ width: 420, height: 760 });
      await popup.goto(`chrome-extension://${browser.extensionId}/src/popup/index.html?tabId=${tabId}`);
      await popup.waitForTimeout(400);
      await popup.screenshot({ path: file, fullPage: true });
      await popup.close();
    },
    close: () => browser.close(),
  };
}

async function firefoxDriver(options: DriverOptions): Promise<AuditDriver> {
  const firefox = await launchFirefox({ insecure: options.insecure, localDomains: options.loopbackHosts });
  const ext = await firefox.extensionPage('src/popup/index.html');
  const page = await firefox.browser.newPage();
  return {
    kind: 'firefox',
    async visit(url) {
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      } catch (error) {
        throw navigationError(url, error);
      }
      await page.waitForNetworkIdle({ idleTime: 300, timeout: 5_000 }).catch(() => undefined);
      const finalUrl = page.url();
      return { finalUrl, tabId: await firefoxTabIdOf(ext, finalUrl) };
    },
    ask: (request) => askFirefox(ext, request),
    async screenshotPopup(tabId, file) {
      const popup = await firefox.extensionPage(`src/popup/index.html?tabId=${tabId}`);
      await popup.setViewport({ width: 420, height: 760 });
      await new Promise((r) => setTimeout(r, 400));
      await popup.screenshot({ path: file as `${string}.png`, fullPage: true });
      await popup.close();
    },
    close: () => firefox.close(),
  };
}

export function openDriver(kind: BrowserKind, options: DriverOptions): Promise<AuditDriver> {
  return kind === 'firefox' ? firefoxDriver(options) : chromiumDriver(options);
}
