/**
 * The same in real Firefox: with access to one demo site only, the background's network and cookie
 * listeners are off while no tab shows it (Firefox already withholds other sites' events; this also
 * spares it matching every request against them), back for a tab of the audited site, whose reload is
 * fully audited (raw Set-Cookie lines and their rejections), and off again once that tab closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askFirefox, openTrackedFirefoxPage } from '../../src/cli/firefox.ts';
import { eventually, type FirefoxEnv, sessionItems, startFirefoxEnv } from './harness.ts';

let env: FirefoxEnv;

beforeAll(async () => {
  env = await startFirefoxEnv({ hostAccess: ['http://legacy.staging.test/*'] });
});

afterAll(async () => {
  await env?.close();
});

const listening = async () => (await askFirefox(env.ext, { type: 'ping' })).listening;
const stored = async () => JSON.stringify(await sessionItems(env.ext));

describe('Firefox: listeners only while an audited site is shown', () => {
  it('switches them off elsewhere and on for the audited site, which is fully audited', async () => {
    const view = (tabId: number) => askFirefox(env.ext, { type: 'get-tab-view', tabId });
    expect(await eventually(listening, (l) => l === false)).toBe(false);

    const other = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await other.page.goto(env.demo.urls.hardened, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await listening()).toBe(false);
    expect(await stored()).not.toContain('secure.staging.test');

    const audited = await openTrackedFirefoxPage(env.firefox.browser, env.ext);
    await audited.page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    expect(await eventually(listening, (l) => l === true)).toBe(true);
    const first = await eventually(
      () => view(audited.tabId),
      (v) => v.status === 'observed' || v.status === 'reload-to-audit',
    );
    // Whichever it is, a page is never shown as audited without its own response.
    if (first.status === 'reload-to-audit') expect(first.coverage.startedUnwatched).toBe(true);
    await audited.page.reload({ waitUntil: 'load' });
    const full = await eventually(
      () => view(audited.tabId),
      (v) =>
        v.status === 'observed' &&
        !!v.audit?.cookies.some(
          (c) => c.name === 'tracking_pref' && c.source.includes('header') && (c.rejected?.length ?? 0) > 0,
        ),
      15_000,
    );
    expect(full.status).toBe('observed');
    expect(full.coverage.headerCookies).toBeGreaterThan(0);

    await audited.page.close();
    expect(await eventually(listening, (l) => l === false)).toBe(false);
    await other.page.reload({ waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await stored()).not.toContain('secure.staging.test');
  });
});
