/**
 * Abuse and faults in real Chromium: a site that sets 10,000 cookies, a tab closed while its
 * response is in flight, a worker stopped between two responses (background.test.ts), markup in
 * names (popup.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, openTrackedPage } from '../../src/cli/chromium.ts';
import {
  badgeText,
  type Env,
  eventually,
  openPopup,
  screenshot,
  sleep,
  startEnv,
  tabView,
} from './harness.ts';

let env: Env;

beforeAll(async () => {
  env = await startEnv();
});

afterAll(async () => {
  await env?.close();
});

describe('hostile sites and faults', () => {
  it('audits a site that sets 10,000 cookies: badge correct, popup usable and windowed', async () => {
    const { page, tabId } = await openTrackedPage(env.browser.context, env.ext);
    await page.goto(env.demo.urls.bulk);
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 60_000 });
    const view = await eventually(
      () => tabView(env, tabId),
      (v) => (v.audit?.cookies.filter((c) => c.name.startsWith('bulk')).length ?? 0) >= 10_000,
      60_000,
    );
    expect(view.audit!.cookies.filter((c) => c.name.startsWith('bulk')).length).toBe(10_000);
    expect(
      await eventually(
        () => badgeText(env, tabId),
        (t) => t === view.audit!.grade,
        20_000,
      ),
    ).toBe(view.audit!.grade);

    const popup = await openPopup(env, tabId);
    await popup.getByText('sessionid', { exact: true }).first().waitFor({ timeout: 30_000 });
    // Only what is in view (plus a little overscan) is in the DOM.
    expect(await popup.locator('article').count()).toBeLessThan(100);
    const filter = popup
      .getByRole('searchbox')
      .or(popup.getByLabel(/filter cookies/i))
      .first();
    await filter.fill('bulk9999');
    await popup.getByText('bulk9999', { exact: true }).first().waitFor();
    await screenshot(popup, 'popup-10000-cookies');
    await popup.close();
    await page.close();
  });

  it('keeps working when a tab closes while its response is in flight', async () => {
    const page = await env.browser.context.newPage();
    void page.goto(env.demo.urls.legacySlow).catch(() => undefined);
    await sleep(500);
    await page.close();
    await sleep(2_500); // the response arrives (or is cancelled) after the tab is gone
    const ping = await ask(env.ext, { type: 'ping' });
    expect(ping.ok).toBe(true);
    const { page: other, tabId } = await openTrackedPage(env.browser.context, env.ext);
    await other.goto(env.demo.urls.noHsts);
    const view = await eventually(
      () => tabView(env, tabId),
      (v) => v.status === 'observed',
    );
    expect(view.audit?.grade).toBeDefined();
  });
});

describe('storage quota', () => {
  it('drops the oldest sites with a notice when storage.session is full, and keeps working', async () => {
    // Three sites seen and left (their tabs closed): the candidates to drop.
    for (const url of [env.demo.urls.noHsts, env.demo.urls.shortHsts, env.demo.urls.hardened]) {
      const page = await env.browser.context.newPage();
      await page.goto(url);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await sleep(300);
      await page.close();
    }
    // Closing a tab forgets its timeline in the next write: wait until storage stops changing.
    const inUse = () =>
      env.ext.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { storage: { session: { getBytesInUse(keys: null): Promise<number> } } };
          }
        ).chrome.storage.session.getBytesInUse(null),
      );
    let last = -1;
    await eventually(
      async () => {
        await sleep(400);
        const now = await inUse();
        const settled = now === last;
        last = now;
        return settled;
      },
      (settled) => settled,
      15_000,
    );
    // Fill storage.session up to a few hundred bytes below its quota.
    const filled = await env.ext.evaluate(async () => {
      const session = (
        globalThis as unknown as {
          chrome: {
            storage: {
              session: {
                QUOTA_BYTES: number;
                getBytesInUse(keys: null): Promise<number>;
                set(items: object): Promise<void>;
              };
            };
          };
        }
      ).chrome.storage.session;
      const free = session.QUOTA_BYTES - (await session.getBytesInUse(null));
      await session.set({ filler: 'x'.repeat(free - 400) });
      return session.QUOTA_BYTES - (await session.getBytesInUse(null));
    });
    expect(filled).toBeLessThan(1000);
    const { tabId } = await openNewSite();
    const view = await eventually(
      () => tabView(env, tabId),
      (v) => v.notice !== undefined,
      15_000,
    );
    expect(view.notice).toMatch(/Storage was full/);
    expect(view.status).toBe('observed');
    const ping = await ask(env.ext, { type: 'ping' });
    expect(ping.ok).toBe(true);
    const popup = await openPopup(env, tabId);
    await popup
      .getByText(/Storage was full/)
      .first()
      .waitFor();
    await popup.close();
    await env.ext.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { session: { remove(k: string): Promise<void> } } } }
      ).chrome.storage.session.remove('filler'),
    );
  });
});

async function openNewSite(): Promise<{ tabId: number }> {
  const { page, tabId } = await openTrackedPage(env.browser.context, env.ext);
  // An origin no test has opened as a page yet: its first record cannot fit in what is left.
  await page.goto(env.demo.urls.widget);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  return { tabId };
}
