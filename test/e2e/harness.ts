/**
 * Shared set-up for the end-to-end tests: the demo staging site on loopback and real headless
 * Chromium with the built extension, plus helpers to read the badge, open the popup in a tab,
 * stop the service worker and take screenshots.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { decodeStoredItems } from '../../src/background/stored-json.ts';
import {
  ask,
  type ExtensionBrowser,
  type LaunchOptions,
  launchChromium,
  openTrackedPage,
} from '../../src/cli/chromium.ts';
import {
  type FirefoxExtensionBrowser,
  type FirefoxLaunchOptions,
  launchFirefox,
} from '../../src/cli/firefox.ts';
import { ROOT } from '../../src/cli/paths.ts';
import {
  DEMO_HOSTS,
  type DemoOptions,
  type DemoSite,
  HOST_RESOLVER_RULES,
  startDemoSite,
} from '../../src/demo/server.ts';
import type { TabView } from '../../src/messages.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface Env {
  demo: DemoSite;
  browser: ExtensionBrowser;
  /** An extension page kept open to talk to the background like the popup does. */
  ext: Page;
  close(): Promise<void>;
}

/**
 * `launch`: launch options (`hostAccess` defaults to every site, granted the way the CLI grants it),
 * or a folder to load the extension from instead of dist/ (an unpacked store zip).
 */
export async function startEnv(options: DemoOptions = {}, launch: LaunchOptions | string = {}): Promise<Env> {
  const demo = await startDemoSite(options);
  const extra = typeof launch === 'string' ? { dist: launch } : launch;
  const browser = await launchChromium({ insecure: true, hostResolverRules: HOST_RESOLVER_RULES, ...extra });
  const ext = await browser.extensionPage(EXTENSION_PAGES.popup);
  return {
    demo,
    browser,
    ext,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

export interface FirefoxEnv {
  demo: DemoSite;
  firefox: FirefoxExtensionBrowser;
  /** An extension page kept open to talk to the background like the popup does. */
  ext: FirefoxPage;
  close(): Promise<void>;
}

/**
 * The same environment in Firefox: the demo site and real headless Firefox with the Firefox build
 * (or the build in `dist`).
 */
export async function startFirefoxEnv(
  options: DemoOptions &
    Pick<FirefoxLaunchOptions, 'backgroundIdleSeconds' | 'hostAccess' | 'allowPrivateBrowsing' | 'dist'> = {},
): Promise<FirefoxEnv> {
  const { backgroundIdleSeconds, hostAccess, allowPrivateBrowsing, dist, ...demoOptions } = options;
  const demo = await startDemoSite(demoOptions);
  const firefox = await launchFirefox({
    insecure: true,
    localDomains: Object.values(DEMO_HOSTS),
    ...(backgroundIdleSeconds !== undefined ? { backgroundIdleSeconds } : {}),
    ...(hostAccess !== undefined ? { hostAccess } : {}),
    ...(allowPrivateBrowsing ? { allowPrivateBrowsing } : {}),
    ...(dist !== undefined ? { dist } : {}),
  });
  const ext = await firefox.extensionPage();
  return {
    demo,
    firefox,
    ext,
    async close() {
      await firefox.close();
      await demo.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until a Firefox page's text contains `text`. Not `waitForSelector('::-p-text(…)')`: puppeteer
 * re-checks that on childList and attribute mutations only, and Preact changes a status line by
 * rewriting its text node (a characterData mutation), so a message that arrives after the wait began
 * was never seen. Polling the text sees every change.
 */
export async function waitForFirefoxText(page: FirefoxPage, text: string, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    (t: string) => document.body.textContent?.includes(t) ?? false,
    { polling: 100, timeout: timeoutMs },
    text,
  );
}

/** Polls until the check passes or the time is up; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(150);
    value = await read();
  }
  return value;
}

/** Opens a URL in a new tab, waits for it to settle and returns the page with its tab id. */
export async function visit(env: Env, url: string): Promise<{ page: Page; tabId: number }> {
  const { page, tabId } = await openTrackedPage(env.browser.context, env.ext);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await eventually(
    () => ask(env.ext, { type: 'get-tab-view', tabId }),
    (v) => v.status === 'observed',
  );
  return { page, tabId };
}

/**
 * Everything the extension holds in storage.session, read from one of its pages in Chromium or in
 * Firefox (to check what is kept, and what is not).
 */
export async function sessionItems(ext: Page | FirefoxPage): Promise<Record<string, unknown>> {
  type Session = { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } };
  const read = async () => {
    const g = globalThis as unknown as { browser?: Session; chrome: Session };
    return (g.browser ?? g.chrome).storage.session.get(null);
  };
  // The background stores its records as JSON text: read back as objects, as the worker reads them.
  return decodeStoredItems(await (ext as Page).evaluate(read));
}

export async function tabView(env: Env, tabId: number): Promise<TabView> {
  return ask(env.ext, { type: 'get-tab-view', tabId });
}

export async function badgeText(env: Env, tabId: number): Promise<string> {
  return env.ext.evaluate(
    (id) =>
      (
        globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
      ).chrome.action.getBadgeText({
        tabId: id,
      }),
    tabId,
  );
}

/** Opens the popup for a tab as a page (the toolbar popup cannot be opened headlessly). */
export async function openPopup(
  env: Env,
  tabId: number,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 420, height: 800 });
  await page.goto(`chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.popup}?tabId=${tabId}`);
  return page;
}

/**
 * Saves a PNG of the page as a user sees it: the viewport grows to the content (up to 1600 px) so
 * no scrollbar eats into the popup's width. With UPDATE_SCREENSHOTS=1 the README's copy is refreshed.
 */
export async function screenshot(page: Page, name: string, docsName?: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const size = page.viewportSize() ?? { width: 420, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, 200), 1600) });
  await page.waitForTimeout(150);
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
  if (docsName && process.env.UPDATE_SCREENSHOTS === '1')
    copyFileSync(file, path.join(ROOT, 'docs', docsName));
  return file;
}

/**
 * Stops the extension's service worker the way Chrome does when it idles (CDP
 * ServiceWorker.stopWorker) and waits until it is really stopped. Memory is lost; storage.session
 * is not.
 */
export async function stopServiceWorker(env: Env): Promise<void> {
  const cdp = await env.browser.context.newCDPSession(env.ext);
  const versions = new Map<string, { scriptURL: string; runningStatus: string }>();
  cdp.on(
    'ServiceWorker.workerVersionUpdated',
    (event: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
      for (const v of event.versions) versions.set(v.versionId, v);
    },
  );
  await cdp.send('ServiceWorker.enable');
  const prefix = `chrome-extension://${env.browser.extensionId}/`;
  const running = await eventually(
    async () =>
      [...versions.entries()].find(
        ([, v]) => v.scriptURL.startsWith(prefix) && v.runningStatus === 'running',
      ),
    (found) => found !== undefined,
    5_000,
  );
  if (!running) throw new Error('The extension service worker is not running');
  await cdp.send('ServiceWorker.stopWorker', { versionId: running[0] });
  const stopped = await eventually(
    async () => versions.get(running[0])?.runningStatus,
    (status) => status === 'stopped',
    10_000,
  );
  await cdp.detach();
  if (stopped !== 'stopped') throw new Error(`The service worker did not stop (status ${stopped})`);
}

export { runCli } from '../helpers/cli-runner.ts';
export { reportSchemaErrors } from '../helpers/report-schema.ts';
