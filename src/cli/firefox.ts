/**
 * Starts real Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, with the
 * Firefox build of the extension installed temporarily in a throw-away profile.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Reply, RequestOf, RequestType, ResponseMap } from '../messages.ts';
import { EXTENSION_PAGES } from '../pages.ts';
import { findBrowser, hostAccessPatterns } from './chromium.ts';
import { UsageError } from './errors.ts';
import { importOptional } from './optional.ts';
import { DIST_FIREFOX } from './paths.ts';
/** Must match browser_specific_settings.gecko.id in vite.config.ts. */
export const GECKO_ID = 'cookie-audit@cookie-audit.dev';
/** A fixed moz-extension:// host so pages can be opened by URL. */
export const FIREFOX_EXTENSION_UUID = '7d1c3f7e-2a41-4b8e-9a1c-6f0c2d5b9e11';

export function findFirefox(): string {
  return findBrowser(
    'FIREFOX_PATH',
    ['firefox-esr', 'firefox'],
    'No Firefox found. Install it with `sudo apt-get install firefox-esr` or set FIREFOX_PATH.',
  );
}

export interface FirefoxLaunchOptions {
  dist?: string;
  insecure?: boolean;
  /** Host names that resolve to loopback (the demo site's names). */
  localDomains?: string[];
  /** Seconds of idleness after which Firefox suspends the event page (tests use it to restart it). */
  backgroundIdleSeconds?: number;
  /** Host access to grant: every site (default), none, or these match patterns. */
  hostAccess?: 'all' | 'none' | string[];
  /**
   * Let the extension run in private windows, as the user's "Run in Private Windows: Allow" does
   * (Firefox never allows a newly installed extension there by itself).
   */
  allowPrivateBrowsing?: boolean;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  extensionBase: string;
  /** Opens an extension page in a new tab (moz-extension:// navigations never resolve in BiDi). */
  extensionPage(pathAndQuery?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionBrowser> {
  const dist = options.dist ?? DIST_FIREFOX;
  if (!existsSync(path.join(dist, 'manifest.json'))) {
    throw new UsageError(
      'The Firefox build is missing (dist-firefox/manifest.json): run `npm run build` first.',
    );
  }
  const prefs: Record<string, unknown> = {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    // Host access is optional: permissions.request, clicked on the extension's own page below, is
    // answered yes without a prompt (Firefox's pref for exactly this), as a user accepting it would.
    'extensions.webextOptionalPermissionPrompts': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
  };
  if (options.localDomains?.length) {
    prefs['network.dns.localDomains'] = options.localDomains.join(',');
    prefs['network.dns.disableIPv6'] = true;
  }
  if (options.backgroundIdleSeconds !== undefined) {
    prefs['extensions.background.idle.timeout'] = options.backgroundIdleSeconds * 1000;
  }
  const { default: puppeteer } = await importOptional(
    'puppeteer-core',
    'Auditing in Firefox (--browser firefox)',
    () => import('puppeteer-core'),
  );
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: !!options.insecure,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  try {
    await installFirefoxExtension(browser, dist, !!options.allowPrivateBrowsing);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const extensionBase = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;
  const handle: FirefoxExtensionBrowser = {
    browser,
    extensionBase,
    async extensionPage(pathAndQuery: string = EXTENSION_PAGES.popup) {
      const page = await browser.newPage();
      await page.goto(extensionBase + pathAndQuery, { timeout: 2_000 }).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const ready = await page
          .evaluate(() => location.href.startsWith('moz-extension:') && document.readyState === 'complete')
          .catch(() => false);
        if (ready) return page;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Firefox did not open ${extensionBase + pathAndQuery}`);
    },
    close: () => browser.close(),
  };
  const patterns = hostAccessPatterns(options.hostAccess);
  if (patterns.length > 0) {
    try {
      await grantFirefoxHostAccess(handle, patterns);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }
  return handle;
}

/** The one BiDi call puppeteer does not expose: webExtension.install with Firefox's own flag. */
type BidiSession = { send(method: string, params: object): Promise<{ result: { extension: string } }> };

/**
 * Installs the build as a temporary add-on. Allowed in private windows, it goes through Firefox's
 * `moz:allowPrivateBrowsing` parameter of webExtension.install (puppeteer's installExtension has no
 * such option); Firefox then grants the same internal permission as the add-ons manager's switch.
 */
async function installFirefoxExtension(browser: Browser, dist: string, allowPrivateBrowsing: boolean) {
  if (!allowPrivateBrowsing) {
    await browser.installExtension(dist);
    return;
  }
  const connection = (browser as unknown as { connection?: BidiSession }).connection;
  if (!connection) throw new Error('This puppeteer-core has no WebDriver BiDi connection to install with');
  await connection.send('webExtension.install', {
    extensionData: { type: 'path', path: dist },
    'moz:allowPrivateBrowsing': true,
  });
}

/**
 * Grants host access the way a user does: a click (a real user gesture) on an extension page that
 * calls permissions.request; the pref above answers the prompt. The first-run tab is closed.
 */
async function grantFirefoxHostAccess(firefox: FirefoxExtensionBrowser, patterns: string[]): Promise<void> {
  const page = await firefox.extensionPage('src/access/index.html');
  await page.evaluate((origins) => {
    const button = document.createElement('button');
    button.id = 'cli-grant';
    button.textContent = 'grant';
    button.addEventListener('click', () => {
      const b = (
        globalThis as unknown as { browser: { permissions: { request(p: object): Promise<boolean> } } }
      ).browser;
      void b.permissions.request({ origins }).then((ok) => {
        document.body.dataset.granted = String(ok);
      });
    });
    document.body.append(button);
  }, patterns);
  await page.click('#cli-grant');
  await page.waitForFunction(() => document.body.dataset.granted !== undefined, { timeout: 10_000 });
  const granted = await page.evaluate(() => document.body.dataset.granted);
  if (granted !== 'true') throw new Error('Firefox did not grant host access to the extension');
  for (const open of await firefox.browser.pages()) {
    const url = open.url();
    if (url.startsWith(firefox.extensionBase) && url.includes('src/access/')) await open.close();
  }
}

type BrowserGlobal = {
  browser: {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    action: { getBadgeText(d: object): Promise<string> };
  };
};

export async function askFirefox<T extends RequestType>(
  page: Page,
  request: RequestOf<T>,
): Promise<ResponseMap[T]> {
  const reply = (await page.evaluate(
    (req) => (globalThis as unknown as BrowserGlobal).browser.runtime.sendMessage(req),
    request as unknown as Record<string, unknown>,
  )) as Reply<T>;
  if (!reply?.ok) throw new Error(`Extension refused ${request.type}: ${reply ? reply.error : 'no reply'}`);
  return reply.data;
}

export async function firefoxBadgeText(extPage: Page, tabId: number): Promise<string> {
  return extPage.evaluate(
    (id) => (globalThis as unknown as BrowserGlobal).browser.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

/** Opens a new page and returns it with its tab id (the one tab that was not there before). */
export async function openTrackedFirefoxPage(
  browser: Browser,
  extPage: Page,
): Promise<{ page: Page; tabId: number }> {
  const ids = async () =>
    extPage.evaluate(async () =>
      (await (globalThis as unknown as BrowserGlobal).browser.tabs.query({})).map((t) => t.id ?? -1),
    );
  const before = new Set(await ids());
  const page = await browser.newPage();
  for (let i = 0; i < 50; i++) {
    const fresh = (await ids()).filter((id) => !before.has(id) && id >= 0);
    if (fresh.length === 1) return { page, tabId: fresh[0] };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Could not tell which tab the new page is');
}
