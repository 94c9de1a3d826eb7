/**
 * Cookie stores in real Firefox: a container (a WebDriver BiDi user context is a Firefox container,
 * cookieStoreId "firefox-container-N") is audited in its own store, and what it saw never shows in
 * the default store's report (the report page's store comes from its tab, unit-tested with the
 * sender). Private windows use the same keying (unit-tested in the recorder: headless automation
 * cannot open one); their store is dropped when the last one closes.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askFirefox } from '../../src/cli/firefox.ts';
import { DEMO_HOSTS } from '../../src/demo/server.ts';
import { eventually, type FirefoxEnv, startFirefoxEnv } from './harness.ts';

let env: FirefoxEnv;
let ext: Page;

beforeAll(async () => {
  env = await startFirefoxEnv();
  ext = env.ext;
});

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
    const view = await eventually(
      () => askFirefox(ext, { type: 'get-tab-view', tabId: tab!.id! }),
      (v) => (v.audit?.cookies.filter((c) => c.name === 'twin').length ?? 0) > 0,
    );
    expect(view.audit!.origin).toBe(new URL(env.demo.urls.secretsTwins).origin);

    // The default store's full-page report (an extension page in a normal tab) does not list it.
    const all = await askFirefox(ext, { type: 'get-all-sites' });
    expect(all.map((s) => s.audit.origin).some((o) => o.includes(DEMO_HOSTS.secrets))).toBe(false);
    const report = await askFirefox(ext, { type: 'export-report', format: 'json' });
    expect(report.content).not.toContain(DEMO_HOSTS.secrets);

    await container.close();
  });
});
