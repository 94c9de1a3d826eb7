/**
 * Per-site access and the DevTools timeline in real Firefox: with access to one demo site only, a
 * second leaves no trace; the options page's "Audit this site" is clicked for real (Firefox's
 * optional-permission prompt answered yes by preference) and a reload audits it. The timeline
 * panel page, loaded with the tab's id, shows the rejected, the script-set cookie and the login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askFirefox, openTrackedFirefoxPage } from '../../src/cli/firefox.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import { eventually, type FirefoxEnv, sessionItems, startFirefoxEnv, waitForFirefoxText } from './harness.ts';

let env: FirefoxEnv;

beforeAll(async () => {
  env = await startFirefoxEnv({ hostAccess: ['http://legacy.staging.test/*'] });
});

afterAll(async () => {
  await env?.close();
});

const sessionStorage = async () => JSON.stringify(await sessionItems(env.ext));

describe('Firefox: access to one site only', () => {
  it('leaves no trace of another site until granted by a click, then audits it', async () => {
    const view = (tabId: number) => askFirefox(env.ext, { type: 'get-tab-view', tabId });
    const legacy = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await legacy.page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    await eventually(
      () => view(legacy.tabId),
      (v) => v.status === 'observed',
    );
    const other = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await other.page.goto(env.demo.urls.hardened, { waitUntil: 'load' });
    await other.page.reload({ waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 500));
    const stored = await sessionStorage();
    expect(stored).toContain('legacy.staging.test');
    expect(stored).not.toContain('secure.staging.test');
    expect((await view(other.tabId)).status).not.toBe('observed');

    // The options page: "Audit this site" for the second site, a real click.
    const options = await env.firefox.extensionPage(EXTENSION_PAGES.options);
    await options.waitForSelector('#access-add-site');
    await options.type('#access-add-site', new URL(env.demo.urls.hardened).origin);
    await options.click('::-p-text(Audit this site)');
    await waitForFirefoxText(options, 'will be audited');
    expect(await options.$eval('.access-sites', (el) => el.textContent)).toContain('secure.staging.test');

    await other.page.reload({ waitUntil: 'load' });
    const audited = await eventually(
      () => view(other.tabId),
      (v) => !!v.audit?.cookies.some((c) => c.name === '__Host-sid'),
      15_000,
    );
    expect(audited.coverage.hostAccess).toBe(true);
    await options.close();
  });

  it('shows the timeline: a rejected cookie, a script-set cookie, then the login', async () => {
    const { page, tabId } = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    const panel = await env.firefox.extensionPage(`${EXTENSION_PAGES.devtoolsPanel}?tabId=${tabId}`);
    await panel.waitForSelector('[data-verdict=rejected]', { timeout: 15_000 });
    await panel.waitForSelector('[data-kind=script-cookie]', { timeout: 15_000 });
    await page.goto(env.demo.urls.legacyLogin, { waitUntil: 'load' });
    await page.type('input[name=username]', 'demo');
    await page.type('input[name=password]', 'demo-password');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
    await panel.waitForSelector('[data-kind=login]', { timeout: 15_000 });
    const kinds = await panel.$$eval('.tl-list [data-kind]', (els) =>
      els.map((e) => `${(e as HTMLElement).dataset.kind}: ${e.textContent}`),
    );
    const rejected = kinds.findIndex((k) => k.includes('tracking_pref') && k.includes('rejected'));
    const script = kinds.findIndex((k) => k.startsWith('script-cookie') && k.includes('ui_theme'));
    const login = kinds.findIndex((k) => k.startsWith('login') && k.includes('NOT rotated'));
    expect(rejected).toBeGreaterThanOrEqual(0);
    expect(script).toBeGreaterThanOrEqual(0);
    // Firefox delivers cookies.onChanged and webRequest events to the extension on separate channels:
    // under load the page's script write was seen arriving before its document's response (measured),
    // so only the login's place after both is asserted here; Chromium's e2e asserts the full order.
    expect(login).toBeGreaterThan(Math.max(rejected, script));
  });
});
