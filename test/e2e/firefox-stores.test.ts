/**
 * Cookie stores in real Firefox: a container (a WebDriver BiDi user context is a Firefox container,
 * cookieStoreId "firefox-container-N") and private windows ("firefox-private", the extension allowed
 * there as the user's "Run in Private Windows" switch does) are audited in their own store. What they
 * saw never shows in a normal window's popup, site list or report, and the private store is dropped
 * from memory and storage when the last private window closes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_STORE, STORAGE_KEYS } from '../../src/background/state.ts';
import { askFirefox, openTrackedFirefoxPage } from '../../src/cli/firefox.ts';
import { DEMO_HOSTS, type DemoSite } from '../../src/demo/server.ts';
import type { TabView } from '../../src/messages.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import { eventually, type FirefoxEnv, SCREENSHOTS, startFirefoxEnv } from './harness.ts';

let env: FirefoxEnv;
let demo: DemoSite;
let ext: Page;

beforeAll(async () => {
  env = await startFirefoxEnv({ allowPrivateBrowsing: true });
  ({ demo, ext } = env);
});

const view = (tabId: number) => askFirefox(ext, { type: 'get-tab-view', tabId });

afterAll(async () => {
  await env?.close();
});

type TabInfo = { id?: number; url?: string; cookieStoreId?: string };
const tabs = () =>
  ext.evaluate(async () =>
    (
      await (
        globalThis as unknown as { browser: { tabs: { query(q: object): Promise<TabInfo[]> } } }
      ).browser.tabs.query({})
    ).map((t) => ({ id: t.id, url: t.url, cookieStoreId: t.cookieStoreId })),
  );

describe('Firefox containers', () => {
  it('audits a container tab in its own store and keeps it out of the default store’s report', async () => {
    const container = await env.firefox.browser.createBrowserContext();
    const page = await container.newPage();
    await page.goto(env.demo.urls.secretsTwins, { waitUntil: 'load' }).catch(() => undefined);
    const tab = await eventually(
      async () => (await tabs()).find((t) => t.url?.includes('/twins')),
      (t) => t !== undefined,
    );
    expect(tab!.cookieStoreId).toMatch(/^firefox-container-/);
    const twins = await eventually(
      () => view(tab!.id!),
      (v) => (v.audit?.cookies.filter((c) => c.name === 'twin').length ?? 0) > 0,
    );
    expect(twins.audit!.origin).toBe(new URL(env.demo.urls.secretsTwins).origin);

    // The default store's full-page report (an extension page in a normal tab) does not list it.
    const all = await askFirefox(ext, { type: 'get-all-sites' });
    expect(all.map((s) => s.audit.origin).some((o) => o.includes(DEMO_HOSTS.secrets))).toBe(false);
    const report = await askFirefox(ext, { type: 'export-report', format: 'json' });
    expect(report.content).not.toContain(DEMO_HOSTS.secrets);

    await container.close();
  });
});

// ---- private windows ------------------------------------------------------------------------------

type WindowInfo = { id?: number; incognito: boolean; tabs?: TabInfo[] };
type ExtBrowser = {
  browser: {
    windows: {
      create(d: object): Promise<WindowInfo>;
      getAll(q: object): Promise<WindowInfo[]>;
    };
    tabs: { create(d: object): Promise<TabInfo> };
    storage: { session: { get(k: null): Promise<Record<string, unknown>> } };
  };
};

/** Opens a private window on a URL, as the user does with Ctrl+Shift+P; returns its window and tab. */
const openPrivateWindow = (url: string) =>
  ext.evaluate(async (u) => {
    const w = await (globalThis as unknown as ExtBrowser).browser.windows.create({ incognito: true, url: u });
    return { windowId: w.id!, tabId: w.tabs![0].id!, incognito: w.incognito };
  }, url);

const windowsOpen = () =>
  ext.evaluate(async () =>
    (await (globalThis as unknown as ExtBrowser).browser.windows.getAll({ populate: true })).map((w) => ({
      id: w.id!,
      incognito: w.incognito,
      tabs: (w.tabs ?? []).map((t) => t.id!),
    })),
  );

/** Everything the background keeps in storage.session, read by the extension's own page. */
const sessionStorage = () =>
  ext.evaluate(async () => (globalThis as unknown as ExtBrowser).browser.storage.session.get(null));

/** The puppeteer page of a browsing context whose URL starts with the prefix (any window). */
async function pageAt(prefix: string): Promise<Page> {
  const found = await eventually(
    async () => {
      for (const page of await env.firefox.browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return page;
      }
      return undefined;
    },
    (p) => p !== undefined,
  );
  if (!found) throw new Error(`No page at ${prefix}`);
  return found;
}

/** Opens one of the extension's pages in a tab of the given window and returns its page. */
async function extensionPageIn(windowId: number, pathAndQuery: string): Promise<Page> {
  const url = env.firefox.extensionBase + pathAndQuery;
  await ext.evaluate(
    (u, id) => (globalThis as unknown as ExtBrowser).browser.tabs.create({ url: u, windowId: id }),
    url,
    windowId,
  );
  return pageAt(url);
}

const cookieNames = (v: TabView) => (v.audit?.cookies ?? []).map((c) => c.name);
const PRIVATE_KEY = `${PRIVATE_STORE}|`;

describe('Firefox private windows', () => {
  it('keeps a private window’s sites in its own store, out of normal windows, and drops them with the last private window', {
    timeout: 120_000,
  }, async () => {
    const legacy = new URL(demo.urls.insecure).origin;
    const hardened = new URL(demo.urls.hardened).origin;

    // A normal tab on the legacy site: sessionid and the others, never the "prefs" cookie.
    const normal = await openTrackedFirefoxPage(env.firefox.browser, ext);
    await normal.page.goto(demo.urls.insecure, { waitUntil: 'load' });
    await eventually(
      () => view(normal.tabId),
      (v) => cookieNames(v).includes('sessionid') && cookieNames(v).includes('ui_theme'),
    );

    // Two private windows: the same site's /prefs page (sets "prefs"), and a site seen only there.
    const first = await openPrivateWindow(demo.urls.legacyPrefs);
    const second = await openPrivateWindow(demo.urls.hardened);
    expect([first.incognito, second.incognito]).toEqual([true, true]);
    const firstView = await eventually(
      () => view(first.tabId),
      (v) => cookieNames(v).includes('prefs'),
    );
    expect(firstView.audit!.origin).toBe(legacy);
    const secondView = await eventually(
      () => view(second.tabId),
      (v) => v.status === 'observed' && cookieNames(v).length > 0,
    );
    expect(secondView.audit!.origin).toBe(hardened);
    const privateTabs = (await tabs()).filter((t) => t.id === first.tabId || t.id === second.tabId);
    expect(privateTabs.map((t) => t.cookieStoreId)).toEqual([PRIVATE_STORE, PRIVATE_STORE]);

    // The normal tab's view, popup, site list and report know nothing of the private visits.
    const normalView = await view(normal.tabId);
    expect(normalView.audit!.origin).toBe(legacy);
    expect(cookieNames(normalView)).not.toContain('prefs');
    const sites = await askFirefox(ext, { type: 'get-all-sites' });
    expect(sites.map((s) => s.audit.origin)).toContain(legacy);
    expect(sites.map((s) => s.audit.origin)).not.toContain(hardened);
    expect(sites.flatMap((s) => s.audit.cookies.map((c) => c.name))).not.toContain('prefs');
    const report = await askFirefox(ext, { type: 'export-report', format: 'json' });
    expect(report.content).not.toContain(DEMO_HOSTS.secure);
    expect(report.content).not.toContain('/prefs');
    expect(report.content).not.toMatch(/"name":\s*"prefs"/);
    const popup = await env.firefox.extensionPage(`${EXTENSION_PAGES.popup}?tabId=${normal.tabId}`);
    const popupText = await eventually(
      () => popup.evaluate(() => document.body.innerText),
      (t) => t.includes('sessionid'),
    );
    expect(popupText).toContain('sessionid');
    expect(popupText).not.toMatch(/\bprefs\b/);
    await popup.close();

    // The private window's own report (an extension page in that window) lists its two sites.
    const privateReport = await extensionPageIn(second.windowId, EXTENSION_PAGES.report);
    const privateText = await eventually(
      () => privateReport.evaluate(() => document.body.innerText),
      (t) => t.includes(DEMO_HOSTS.secure) && /\bprefs\b/.test(t),
    );
    expect(privateText).toContain(DEMO_HOSTS.secure);
    expect(privateText).toMatch(/\bprefs\b/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await privateReport.setViewport({ width: 1000, height: 900 });
    await privateReport.screenshot({ path: path.join(SCREENSHOTS, 'firefox-private-report.png') });
    await privateReport.close();

    // In storage, the private sites live under their own store's keys.
    const stored = await sessionStorage();
    const privateKeys = Object.keys(stored).filter((k) => k.includes(PRIVATE_KEY));
    expect(privateKeys).toContain(`${STORAGE_KEYS.sitePrefix}${PRIVATE_KEY}${legacy}`);
    expect(privateKeys).toContain(`${STORAGE_KEYS.sitePrefix}${PRIVATE_KEY}${hardened}`);
    expect(privateKeys.some((k) => k.startsWith(STORAGE_KEYS.cookiePrefix) && k.includes('|prefs|'))).toBe(
      true,
    );
    const defaultKeys = Object.keys(stored).filter((k) => !k.includes(PRIVATE_KEY));
    expect(defaultKeys).toContain(`${STORAGE_KEYS.sitePrefix}${legacy}`);
    expect(defaultKeys.filter((k) => k.includes('|prefs|') || k.includes(DEMO_HOSTS.secure))).toEqual([]);

    // Closing one private window keeps the store. Once the other window's next page is recorded
    // (events are handled in order), what the closed window saw is still there.
    await (await pageAt(demo.urls.legacyPrefs)).close();
    await eventually(windowsOpen, (w) => !w.some((x) => x.id === first.windowId));
    const secondPage = await pageAt(demo.urls.hardened);
    await secondPage.goto(demo.urls.legacyAccount, { waitUntil: 'load' }).catch(() => undefined);
    await eventually(
      () => view(second.tabId),
      (v) => v.audit?.origin === legacy && v.url?.endsWith('/account') === true,
    );
    const kept = Object.keys(await sessionStorage());
    expect(kept).toContain(`${STORAGE_KEYS.sitePrefix}${PRIVATE_KEY}${hardened}`);
    expect(kept).toContain(`${STORAGE_KEYS.sitePrefix}${PRIVATE_KEY}${legacy}`);
    const keptReport = await extensionPageIn(second.windowId, EXTENSION_PAGES.report);
    const keptText = await eventually(
      () => keptReport.evaluate(() => document.body.innerText),
      (t) => t.includes(DEMO_HOSTS.secure) && /\bprefs\b/.test(t),
    );
    expect(keptText).toContain(DEMO_HOSTS.secure);
    await keptReport.close();

    // Closing the last private window forgets the store, in memory and in storage.
    await secondPage.close();
    await eventually(windowsOpen, (w) => !w.some((x) => x.incognito));
    const after = await eventually(
      sessionStorage,
      (items) => !JSON.stringify(items).includes(PRIVATE_KEY) && !JSON.stringify(items).includes('/prefs'),
    );
    expect(Object.keys(after).filter((k) => k.includes(PRIVATE_KEY))).toEqual([]);
    const afterText = JSON.stringify(after);
    expect(afterText).not.toContain(DEMO_HOSTS.secure);
    expect(afterText).not.toContain('/prefs');
    expect(afterText).not.toContain('/account');
    expect((await view(first.tabId)).audit).toBeNull();
    // The normal window's site is untouched.
    expect(Object.keys(after)).toContain(`${STORAGE_KEYS.sitePrefix}${legacy}`);
    expect(cookieNames(await view(normal.tabId))).toContain('sessionid');
  });
});
