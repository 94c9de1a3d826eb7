/**
 * The DevTools panel's timeline, the side panel and per-site access, in real Chromium on the demo
 * site. The panel page is loaded with the inspected tab's id (?tabId=N), on the live port exactly
 * as inside DevTools; the side panel page runs in a tab of the window whose active tab it follows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths.ts';
import {
  type Env,
  eventually,
  openPopup,
  screenshot,
  startEnv,
  stopServiceWorker,
  tabView,
  visit,
} from './harness.ts';
import { frontEndScreenshot, openRealDevtools } from './real-devtools.ts';

let env: Env;

beforeAll(async () => {
  env = await startEnv({}, { remoteDebugging: true });
});

afterAll(async () => {
  await env?.close();
});

async function openPanel(tabId: number, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(`chrome-extension://${env.browser.extensionId}/src/devtools/panel.html?tabId=${tabId}`);
  return page;
}

/** The timeline as the panel shows it: one line per entry, kind first. */
async function timelineText(panel: Page): Promise<string[]> {
  return panel.$$eval('.tl-list [data-kind]', (items) =>
    items.map((li) => `${(li as HTMLElement).dataset.kind}: ${li.textContent ?? ''}`),
  );
}

/** The demo's story in order: the rejected tracking_pref, the script-set ui_theme, the login. */
function expectRejectedScriptLogin(lines: string[]): void {
  const rejected = lines.findIndex((l) => l.includes('tracking_pref') && l.includes('rejected'));
  const script = lines.findIndex((l) => l.startsWith('script-cookie') && l.includes('ui_theme'));
  const login = lines.findIndex((l) => l.startsWith('login') && l.includes('NOT rotated'));
  expect(rejected).toBeGreaterThanOrEqual(0);
  expect(script).toBeGreaterThan(rejected);
  expect(login).toBeGreaterThan(script);
}

describe('DevTools panel', () => {
  it('shows a rejected cookie, a script-set cookie and a login without rotation, in order, live', async () => {
    const { page, tabId } = await visit(env, env.demo.urls.insecure);
    const panel = await openPanel(tabId);
    await panel.waitForSelector('[data-verdict=rejected]');
    await panel.waitForSelector('[data-kind=script-cookie]');
    // The panel is open while the user logs in: the entry arrives on the port, no reload.
    await page.goto(env.demo.urls.legacyLogin);
    await page.fill('input[name=username]', 'demo');
    await page.fill('input[name=password]', 'demo-password');
    await Promise.all([page.waitForURL(/\/account/), page.click('button[type=submit]')]);
    await panel.waitForSelector('[data-kind=login]', { timeout: 15_000 });
    const lines = await timelineText(panel);
    expectRejectedScriptLogin(lines);
    expect(lines[0]).toMatch(/^navigation: .*Navigated to http:\/\/legacy\.staging\.test/);
    // Values never reach the timeline: the session key the demo set is not in the panel's text.
    const jar = await env.ext.evaluate(async () =>
      (
        await (
          globalThis as unknown as {
            chrome: { cookies: { getAll(d: object): Promise<{ value: string }[]> } };
          }
        ).chrome.cookies.getAll({})
      ).map((c) => c.value),
    );
    const text = (await panel.textContent('main')) ?? '';
    for (const value of jar.filter((v) => v.length >= 8)) expect(text).not.toContain(value);

    // Selecting a cookie shows its card with findings.
    await panel.click('.tl-cookie:text-is("sessionid")');
    await panel.waitForSelector('.tl-card .card');
    expect(await panel.textContent('.tl-card')).toMatch(/HttpOnly/);
    // Filter by rule keeps the login entry for the rotation rule.
    await panel.selectOption('#tl-rule', 'session-not-rotated-on-login');
    const filtered = await timelineText(panel);
    expect(filtered.some((l) => l.startsWith('login'))).toBe(true);
    expect(filtered.some((l) => l.startsWith('script-cookie'))).toBe(false);
    await panel.selectOption('#tl-rule', '');

    // A worker restart: the panel reconnects, asks for what came after its last entry, and gets
    // the next entries once, with nothing lost or repeated.
    const before = await panel.$$eval('.tl-list [data-kind]', (l) => l.length);
    await stopServiceWorker(env);
    // The panel's reconnect wakes the worker; then the page goes on.
    await panel.waitForSelector('.tl-reconnected', { timeout: 15_000 });
    await tabView(env, tabId);
    await page.goto(env.demo.urls.legacyPrefs);
    await eventually(
      () => timelineText(panel),
      (l) => l.some((x) => x.includes('prefs=')),
      15_000,
    );
    const after = await timelineText(panel);
    expect(after.length).toBeGreaterThan(before);
    const navigations = after.filter((l) => l.startsWith('navigation'));
    expect(new Set(navigations).size).toBe(navigations.length);
    await panel.close();
    await page.close();
  });
});

describe('DevTools panel inside Chromium DevTools', () => {
  it('is created by the devtools_page and shows the inspected tab live', async () => {
    const { page, tabId } = await visit(env, env.demo.urls.insecure);
    // Another tab with its own timeline: the panel must show the inspected one, not this.
    await visit(env, env.demo.urls.hardened);
    const devtools = await openRealDevtools(env, page);
    try {
      // Waits for the tab that the devtools_page's panels.create adds, then clicks it.
      const panel = await devtools.showExtensionPanel('Cookies (audit)', 'src/devtools/panel.html');
      expect(await devtools.panelTitles()).toContain('Cookies (audit)');
      // The real thing: no ?tabId=, the tab comes from devtools.inspectedWindow.
      expect(new URL(panel.url()).search).toBe('');
      expect(
        await panel.evaluate(
          () =>
            (globalThis as unknown as { chrome: { devtools: { inspectedWindow: { tabId: number } } } }).chrome
              .devtools.inspectedWindow.tabId,
        ),
      ).toBe(tabId);
      await panel.waitForSelector('[data-verdict=rejected]', { timeout: 15_000 });
      await panel.waitForSelector('[data-kind=script-cookie]');
      expect(await panel.$eval('h1', (h) => h.textContent)).toContain('legacy.staging.test');
      // Live while DevTools is open: the login arrives on the port.
      await page.goto(env.demo.urls.legacyLogin);
      await page.fill('input[name=username]', 'demo');
      await page.fill('input[name=password]', 'demo-password');
      await Promise.all([page.waitForURL(/\/account/), page.click('button[type=submit]')]);
      await panel.waitForSelector('[data-kind=login]', { timeout: 15_000 });
      const kinds = await panel.$$eval('.tl-list [data-kind]', (items) =>
        items.map((li) => `${(li as HTMLElement).dataset.kind}: ${li.textContent ?? ''}`),
      );
      expectRejectedScriptLogin(kinds);
      // Nothing of the other tab (secure.staging.test) is in this tab's timeline.
      expect(kinds.some((l) => l.includes('secure.staging.test'))).toBe(false);
      // Selecting a cookie shows its card, as a click in DevTools does.
      const names = await panel.$$('.tl-cookie');
      for (const name of names) {
        if ((await name.evaluate((b) => b.textContent)) === 'sessionid') {
          await name.click();
          break;
        }
      }
      await panel.waitForSelector('.tl-card .card');
      await devtools.undock(1200, 760);
      // The picture starts at the panel's top (the grade), whichever row the click scrolled to.
      await panel.evaluate(() => window.scrollTo(0, 0));
      for (const scheme of ['light', 'dark'] as const) {
        await devtools.frontEnd.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await panel.waitForFunction(
          (s) => matchMedia(`(prefers-color-scheme: ${s})`).matches,
          { timeout: 10_000 },
          scheme,
        );
        await frontEndScreenshot(
          devtools.frontEnd,
          `devtools-panel-${scheme}`,
          `devtools-panel-${scheme}.png`,
        );
      }
    } finally {
      await devtools.close();
      await page.close();
    }
  });
});

describe('side panel', () => {
  it('opens from the popup and follows a switch to another tab and a navigation in its window', async () => {
    const first = await visit(env, env.demo.urls.insecure);
    const second = await visit(env, env.demo.urls.hardened);
    await first.page.bringToFront();
    // "Open in side panel" in the popup (opened as a tab for the first tab): Chrome's real side panel.
    const popup = await openPopup(env, first.tabId);
    await popup.getByRole('button', { name: 'Open in side panel' }).click();
    const { page: side, disconnect } = await env.browser.browserPage!(
      `chrome-extension://${env.browser.extensionId}/src/sidepanel/index.html`,
    );
    try {
      const heading = (host: string) =>
        side.waitForFunction((h) => document.querySelector('h1')?.textContent?.includes(h), host, {
          timeout: 15_000,
        });
      await first.page.bringToFront();
      await heading('legacy.staging.test');
      await second.page.bringToFront();
      await heading('secure.staging.test');
      await second.page.goto(env.demo.urls.noHsts);
      await heading(new URL(env.demo.urls.noHsts).hostname);
      await side.waitForSelector('.card');
      for (const scheme of ['light', 'dark'] as const) {
        await side.emulateMedia({ colorScheme: scheme });
        await screenshot(side, `side-panel-${scheme}`, `side-panel-${scheme}.png`);
      }
    } finally {
      await disconnect();
    }
  });
});

// ---- the side panel per window, opened by its keyboard shortcut -----------------------------------

type ChromeApi = {
  windows: {
    create(o: object): Promise<{ id: number; tabs: { id: number }[] }>;
    getCurrent(): Promise<{ id: number }>;
    remove(id: number): Promise<void>;
  };
  tabs: { create(o: object): Promise<{ id: number }>; update(id: number, o: object): Promise<unknown> };
  commands: { getAll(): Promise<{ name: string; shortcut: string }[]> };
};

/** A new browser window showing `url`: its id, its tab's id and the tab's page. */
async function newWindow(url: string): Promise<{ windowId: number; tabId: number; page: Page }> {
  const opened = env.browser.context.waitForEvent(
    'page',
    (p) => p.url() === url || p.url() === 'about:blank',
  );
  const win = await env.ext.evaluate(
    (u) => (globalThis as unknown as { chrome: ChromeApi }).chrome.windows.create({ url: u, focused: true }),
    url,
  );
  const page = await opened;
  await page.waitForURL(url);
  return { windowId: win.id, tabId: win.tabs[0].id, page };
}

async function newTabIn(windowId: number, url: string): Promise<{ tabId: number; page: Page }> {
  const opened = env.browser.context.waitForEvent('page');
  const tab = await env.ext.evaluate(
    ([w, u]) =>
      (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.create({
        windowId: w,
        url: u,
        active: true,
      }),
    [windowId, url] as const,
  );
  const page = await opened;
  await page.waitForURL(url);
  return { tabId: tab.id, page };
}

/** The side panel pages open now, each with the window it belongs to. */
async function sidePanels(): Promise<{
  panels: { page: Page; windowId: number }[];
  disconnect(): Promise<void>;
}> {
  const port = readFileSync(path.join(env.browser.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const remote = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const prefix = `chrome-extension://${env.browser.extensionId}/src/sidepanel/index.html`;
  const pages = remote
    .contexts()
    .flatMap((c) => c.pages())
    .filter((p) => p.url().startsWith(prefix));
  const panels = await Promise.all(
    pages.map(async (page) => ({
      page,
      windowId: await page.evaluate(
        async () => (await (globalThis as unknown as { chrome: ChromeApi }).chrome.windows.getCurrent()).id,
      ),
    })),
  );
  return { panels, disconnect: () => remote.close().catch(() => undefined) };
}

/** Waits for the side panel of this window (opened by the shortcut: it can take a moment). */
async function sidePanelOf(windowId: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const open = await sidePanels();
    const found = open.panels.find((p) => p.windowId === windowId);
    if (found) return { page: found.page, disconnect: open.disconnect };
    await open.disconnect();
    if (Date.now() > deadline) throw new Error(`No side panel in window ${windowId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Makes a tab its window's active tab, as a click on it in the tab strip does. */
const activate = (tabId: number) =>
  env.ext.evaluate(
    (id) => (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.update(id, { active: true }),
    tabId,
  );

/** The side panel never showed any of these sites since recordHeadings. */
async function expectNeverShowed(side: Page, urls: string[]): Promise<void> {
  const seen = await headingsSeen(side);
  for (const url of urls)
    expect(
      seen.some((h) => h.includes(new URL(url).hostname)),
      seen.join(' | '),
    ).toBe(false);
}

/** Records every site heading the side panel shows from now on (to prove what it never showed). */
async function recordHeadings(side: Page): Promise<void> {
  await side.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __headings: string[] }).__headings = seen;
    const note = () => {
      const h = document.querySelector('h1')?.textContent ?? '';
      if (seen.at(-1) !== h) seen.push(h);
    };
    note();
    new MutationObserver(note).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
}

const headingsSeen = (side: Page) =>
  side.evaluate(() => (window as unknown as { __headings: string[] }).__headings);

const showsHost = (side: Page, host: string) =>
  side.waitForFunction((h) => document.querySelector('h1')?.textContent?.includes(h), host, {
    timeout: 15_000,
  });

/**
 * Presses Alt+Shift+K in a tab, as a user does: a raw key-down is what the browser's own shortcut
 * handling sees (measured: Playwright's keyboard.press sends a key-down with text, which goes to
 * the page only and runs no extension command).
 */
async function pressShortcut(page: Page): Promise<void> {
  await page.bringToFront();
  const cdp = await env.browser.context.newCDPSession(page);
  const key = {
    modifiers: 1 | 8,
    key: 'K',
    code: 'KeyK',
    windowsVirtualKeyCode: 75,
    nativeVirtualKeyCode: 75,
  };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  await cdp.detach();
}

describe('side panel per window, from the keyboard shortcut', () => {
  it('Alt+Shift+K, as documented, opens the side panel of the window it was pressed in', async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
    expect(manifest.commands['open-side-panel'].suggested_key.default).toBe('Alt+Shift+K');
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('the shortcut **Alt+Shift+K**');
    // The browser gave the extension that shortcut (no other extension or browser key holds it).
    const commands = await env.ext.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeApi }).chrome.commands.getAll(),
    );
    expect(commands.find((c) => c.name === 'open-side-panel')?.shortcut).toBe('Alt+Shift+K');

    const a = await newWindow(env.demo.urls.insecure);
    const before = await sidePanels();
    expect(before.panels.some((p) => p.windowId === a.windowId)).toBe(false);
    await before.disconnect();
    await pressShortcut(a.page);
    const side = await sidePanelOf(a.windowId);
    try {
      await showsHost(side.page, new URL(env.demo.urls.insecure).hostname);
    } finally {
      await side.disconnect();
      await env.ext.evaluate(
        (id) => (globalThis as unknown as { chrome: ChromeApi }).chrome.windows.remove(id),
        a.windowId,
      );
    }
  });

  it("each window's panel stays open and follows its own window's active tab only", async () => {
    const hostOf = (url: string) => new URL(url).hostname;
    const a = await newWindow(env.demo.urls.insecure);
    const a2 = await newTabIn(a.windowId, env.demo.urls.hardened);
    await activate(a.tabId);
    await pressShortcut(a.page);
    const sideA = await sidePanelOf(a.windowId);
    const b = await newWindow(env.demo.urls.noHsts);
    const b2 = await newTabIn(b.windowId, env.demo.urls.prefixes);
    try {
      await showsHost(sideA.page, hostOf(env.demo.urls.insecure));
      await recordHeadings(sideA.page);
      // The same document all along: a marker set now must still be there at the end.
      await sideA.page.evaluate(() => {
        (window as unknown as { __opened: string }).__opened = 'A';
      });

      // Window B switches tabs back and forth; A's panel keeps A's tab.
      await activate(b.tabId);
      await activate(b2.tabId);
      // Then A switches: its panel follows (so it did see tab events meanwhile, and ignored B's).
      await activate(a2.tabId);
      await showsHost(sideA.page, hostOf(env.demo.urls.hardened));
      await expectNeverShowed(sideA.page, [env.demo.urls.noHsts, env.demo.urls.prefixes]);

      // B gets its own panel from the shortcut; it shows B's active tab, A's is untouched.
      await pressShortcut(b2.page);
      const sideB = await sidePanelOf(b.windowId);
      try {
        await showsHost(sideB.page, hostOf(env.demo.urls.prefixes));
        await recordHeadings(sideB.page);
        await activate(b.tabId);
        await showsHost(sideB.page, hostOf(env.demo.urls.noHsts));
        // A navigates: its panel follows; B's never shows A's sites.
        await a2.page.goto(env.demo.urls.spa);
        await showsHost(sideA.page, hostOf(env.demo.urls.spa));
        await expectNeverShowed(sideB.page, [env.demo.urls.hardened, env.demo.urls.spa]);
        const open = await sidePanels();
        expect(open.panels.filter((p) => p.windowId === a.windowId)).toHaveLength(1);
        expect(open.panels.filter((p) => p.windowId === b.windowId)).toHaveLength(1);
        await open.disconnect();
        expect(await sideA.page.evaluate(() => (window as unknown as { __opened?: string }).__opened)).toBe(
          'A',
        );
      } finally {
        await sideB.disconnect();
      }
    } finally {
      await sideA.disconnect();
      for (const id of [a.windowId, b.windowId])
        await env.ext.evaluate(
          (w) => (globalThis as unknown as { chrome: ChromeApi }).chrome.windows.remove(w),
          id,
        );
    }
  });
});
