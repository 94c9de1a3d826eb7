/**
 * The DevTools panel's timeline, the side panel and per-site access, in real Chromium on the demo
 * site. The panel page is loaded with the inspected tab's id (?tabId=N), on the live port exactly
 * as inside DevTools; the side panel page runs in a tab of the window whose active tab it follows.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const rejected = lines.findIndex((l) => l.includes('tracking_pref') && l.includes('rejected'));
    const script = lines.findIndex((l) => l.startsWith('script-cookie') && l.includes('ui_theme'));
    const login = lines.findIndex((l) => l.startsWith('login') && l.includes('NOT rotated'));
    expect(rejected).toBeGreaterThanOrEqual(0);
    expect(script).toBeGreaterThan(rejected);
    expect(login).toBeGreaterThan(script);
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
      const rejected = kinds.findIndex((l) => l.includes('tracking_pref') && l.includes('rejected'));
      const script = kinds.findIndex((l) => l.startsWith('script-cookie') && l.includes('ui_theme'));
      const login = kinds.findIndex((l) => l.startsWith('login') && l.includes('NOT rotated'));
      expect(rejected).toBeGreaterThanOrEqual(0);
      expect(script).toBeGreaterThan(rejected);
      expect(login).toBeGreaterThan(script);
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
