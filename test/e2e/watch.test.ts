/**
 * Cost where the user chose, in real Chromium: with access to one demo site only, the network and
 * cookie listeners are absent while no tab shows that site (so a second site costs what no extension
 * costs beyond the webRequest permission itself), come back for a tab of the audited site (which is
 * then fully audited: raw Set-Cookie lines and their rejections), survive a worker restart mid-visit,
 * and go away again when the last audited tab closes.
 */
import type { Worker } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openTrackedPage } from '../../src/cli/chromium.ts';
import { openDemoTabs } from '../../src/cli/start-tabs.ts';
import {
  type Env,
  eventually,
  openPopup,
  screenshot,
  sessionItems,
  startEnv,
  stopServiceWorker,
  tabView,
} from './harness.ts';

let env: Env | undefined;

afterAll(async () => {
  await env?.close();
});

interface Listening {
  headers: boolean;
  sendHeaders: boolean;
  beforeRequest: boolean;
  cookies: boolean;
}

type ChromeEvents = {
  chrome: {
    webRequest: Record<
      'onHeadersReceived' | 'onSendHeaders' | 'onBeforeRequest',
      { hasListeners(): boolean }
    >;
    cookies: { onChanged: { hasListeners(): boolean } };
  };
};

/** What the worker has registered, read in the worker itself (the live one after a restart). */
async function listening(e: Env): Promise<Listening> {
  const worker: Worker =
    e.browser.context.serviceWorkers().find((w) => w.url().includes(e.browser.extensionId ?? '?')) ??
    (await e.browser.context.waitForEvent('serviceworker'));
  return worker.evaluate(() => {
    const c = (globalThis as unknown as ChromeEvents).chrome;
    return {
      headers: c.webRequest.onHeadersReceived.hasListeners(),
      sendHeaders: c.webRequest.onSendHeaders.hasListeners(),
      beforeRequest: c.webRequest.onBeforeRequest.hasListeners(),
      cookies: c.cookies.onChanged.hasListeners(),
    };
  });
}

const none: Listening = { headers: false, sendHeaders: false, beforeRequest: false, cookies: false };
const all: Listening = { headers: true, sendHeaders: true, beforeRequest: true, cookies: true };
const same = (a: Listening, b: Listening) => JSON.stringify(a) === JSON.stringify(b);

async function sessionText(e: Env): Promise<string> {
  return JSON.stringify(await sessionItems(e.ext));
}

/** Waits until the worker's registered listeners are `expected`, and asserts that they are. */
async function expectListening(e: Env, expected: Listening): Promise<void> {
  expect(
    await eventually(
      () => listening(e),
      (l) => same(l, expected),
    ),
  ).toEqual(expected);
}

describe('listeners only while an audited site is shown', () => {
  it('costs nothing elsewhere, audits the chosen site fully, survives a restart', async () => {
    env = await startEnv({}, { hostAccess: ['http://legacy.staging.test/*'] });
    // Only the extension's own page is open: nothing to watch.
    await expectListening(env!, none);

    // A site without access: still nothing registered, nothing stored.
    const other = await openTrackedPage(env.browser.context, env.ext);
    await other.page.goto(env.demo.urls.hardened, { waitUntil: 'load' });
    await other.page.reload({ waitUntil: 'load' });
    await env.ext.waitForTimeout(300);
    expect(await listening(env)).toEqual(none);
    expect(await sessionText(env)).not.toContain('secure.staging.test');

    // The audited site: the listeners come back. Its first page started before them (the popup says
    // so and offers a reload); the reload is fully audited, rejected lines included.
    const audited = await openTrackedPage(env.browser.context, env.ext);
    await audited.page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    await expectListening(env!, all);
    const first = await eventually(
      () => tabView(env!, audited.tabId),
      (v) => v.status === 'reload-to-audit',
    );
    expect(first.status).toBe('reload-to-audit');
    expect(first.coverage.startedUnwatched).toBe(true);
    const popup = await openPopup(env, audited.tabId);
    await popup.getByText('It started loading before Cookie Audit switched on', { exact: false }).waitFor();
    await popup.getByRole('button', { name: 'Reload page' }).waitFor();
    await screenshot(popup, 'popup-started-unwatched');
    await popup.close();
    await audited.page.reload({ waitUntil: 'load' });
    const view = await eventually(
      () => tabView(env!, audited.tabId),
      (v) =>
        v.status === 'observed' &&
        !!v.audit?.cookies.some((c) => c.name === 'tracking_pref' && (c.rejected?.length ?? 0) > 0),
    );
    expect(view.coverage.startedUnwatched).toBeUndefined();
    expect(view.coverage.headerCookies).toBeGreaterThan(0);
    const pref = view.audit?.cookies.find((c) => c.name === 'tracking_pref');
    expect(pref?.rejected?.length).toBeGreaterThan(0);
    expect(pref?.source).toContain('header');

    // A worker restarted mid-visit registers its listeners again and loses nothing.
    const before = view.coverage.responses;
    await stopServiceWorker(env);
    await audited.page.goto(env.demo.urls.legacyPrefs, { waitUntil: 'load' });
    await expectListening(env!, all);
    const after = await eventually(
      () => tabView(env!, audited.tabId),
      (v) => v.status === 'observed' && v.url?.includes('/prefs') === true,
    );
    expect(after.status).toBe('observed');
    expect(after.coverage.responses).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);

    // The last audited tab closes: the listeners go, while the other site's tab stays open.
    await audited.page.close();
    await expectListening(env!, none);
    await other.page.reload({ waitUntil: 'load' });
    await env.ext.waitForTimeout(300);
    expect(await listening(env)).toEqual(none);
    expect(await sessionText(env)).not.toContain('secure.staging.test');

    // A slow audited page whose request starts while the listeners are off; another tab of the
    // audited site brings them back before its response arrives. Chromium decided at the request's
    // start not to show its Set-Cookie lines, so it must not pass for an observed document with no
    // cookies: the popup asks for a reload, which sees everything.
    const slow = await openTrackedPage(env.browser.context, env.ext);
    const loading = slow.page.goto(env.demo.urls.legacySlow, { waitUntil: 'load' });
    await env.ext.waitForTimeout(200);
    const second = await openTrackedPage(env.browser.context, env.ext);
    await second.page.goto(env.demo.urls.legacyAccount, { waitUntil: 'load' });
    await expectListening(env!, all);
    await loading;
    const late = await eventually(
      () => tabView(env!, slow.tabId),
      (v) => v.status === 'reload-to-audit' && v.coverage.responses > 0,
    );
    expect(late.status).toBe('reload-to-audit');
    expect(late.coverage.startedUnwatched).toBe(true);
    expect(late.coverage.responses).toBeGreaterThan(0);
    await slow.page.reload({ waitUntil: 'load' });
    const full = await eventually(
      () => tabView(env!, slow.tabId),
      (v) => !!v.audit?.cookies.some((c) => c.name === 'slow_cookie' && c.source.includes('header')),
    );
    expect(full.status).toBe('observed');
    expect(full.coverage.startedUnwatched).toBeUndefined();
  });

  it("audits npm start's demo tabs from their first response with the demo's access only", async () => {
    await env?.close();
    env = await startEnv({}, { hostAccess: ['*://*.staging.test/*', '*://*.thirdparty.test/*'] });
    await openDemoTabs(env.browser, env.demo.urls);
    for (const url of [env.demo.urls.insecure, env.demo.urls.hardened]) {
      const tabId = await env.ext.evaluate(
        async (u) =>
          (
            await (
              globalThis as unknown as {
                chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
              }
            ).chrome.tabs.query({})
          ).find((t) => t.url === u)?.id ?? -1,
        url,
      );
      expect(tabId, url).toBeGreaterThan(0);
      const view = await eventually(
        () => tabView(env!, tabId),
        (v) => v.status === 'observed' && v.coverage.headerCookies > 0,
      );
      expect(view.status, url).toBe('observed');
      expect(view.coverage.startedUnwatched, url).toBeUndefined();
      expect(view.coverage.headerCookies, url).toBeGreaterThan(0);
    }
  });

  it('keeps them on when every site is audited', async () => {
    await env?.close();
    env = await startEnv({});
    await expectListening(env!, all);
    await env.ext.waitForTimeout(300);
    expect(await listening(env)).toEqual(all);
  });
});
