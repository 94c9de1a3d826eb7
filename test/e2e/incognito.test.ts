/**
 * Chrome incognito (split mode): incognito windows get a worker of their own, which audits them,
 * while storage.session is one area for both workers. What incognito saw must stay out of the normal
 * windows' popup, report and storage view, and be forgotten once the incognito session ends.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCOGNITO_KEY_PREFIX } from '../../src/background/context-area.ts';
import { ask } from '../../src/cli/chromium.ts';
import { DEMO_HOSTS } from '../../src/demo/server.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import { type Env, eventually, screenshot, startEnv, visit } from './harness.ts';

let env: Env;
let remote: { page: Page; disconnect(): Promise<void> } | undefined;

beforeAll(async () => {
  env = await startEnv({}, { allowIncognito: true, remoteDebugging: true });
}, 120_000);

afterAll(async () => {
  await remote?.disconnect();
  await env?.close();
});

type Chrome = {
  chrome: {
    extension: { inIncognitoContext: boolean };
    tabs: {
      query(q: object): Promise<{ id?: number; url?: string }[]>;
      create(p: { url: string }): Promise<{ id?: number }>;
    };
    windows: {
      create(p: object): Promise<unknown>;
      getAll(): Promise<{ id?: number }[]>;
      remove(id: number): Promise<void>;
    };
    storage: { session: { get(k: null): Promise<Record<string, unknown>> } };
  };
};

/** Every key of the one storage.session area both workers share, read from a normal window's page. */
const sharedKeys = async () =>
  Object.keys(
    await env.ext.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.get(null)),
  );

/** The incognito worker, found over the debugging port (Playwright's context holds normal windows only). */
async function incognitoWorker(pageInRemote: Page): Promise<Worker> {
  const found = await eventually(
    async () => {
      for (const worker of pageInRemote.context().serviceWorkers()) {
        const incognito = await worker
          .evaluate(() => (globalThis as unknown as Chrome).chrome.extension.inIncognitoContext)
          .catch(() => false);
        if (incognito) return worker;
      }
      return undefined;
    },
    (w) => w !== undefined,
    15_000,
  );
  if (!found) throw new Error('No incognito worker');
  return found;
}

describe('Chrome incognito windows', () => {
  it('audits an incognito window in its own worker and keeps it out of the normal windows', {
    timeout: 120_000,
  }, async () => {
    const secure = new URL(env.demo.urls.hardened).origin;
    // A normal window's site first, so that both workers have something stored.
    await visit(env, env.demo.urls.insecure);

    await env.ext.evaluate(
      (url) => (globalThis as unknown as Chrome).chrome.windows.create({ incognito: true, url }),
      env.demo.urls.hardened,
    );
    remote = await env.browser.browserPage!(env.demo.urls.hardened);
    const worker = await incognitoWorker(remote.page);
    // The incognito worker started with that page, after its request: the reload is audited in full.
    await remote.page.reload({ waitUntil: 'load' });
    const [tab] = await worker.evaluate(() =>
      (globalThis as unknown as Chrome).chrome.tabs.query({}).then((ts) => ts.map((t) => t.id ?? -1)),
    );
    await worker.evaluate(
      (url) => (globalThis as unknown as Chrome).chrome.tabs.create({ url }),
      `chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.popup}?tabId=${tab}`,
    );
    const popup = await env.browser.browserPage!(
      `chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.popup}?tabId=${tab}`,
    );
    const popupText = await eventually(
      () => popup.page.evaluate(() => document.body.innerText),
      (t) => t.includes(DEMO_HOSTS.secure) && /__Host-/.test(t),
    );
    expect(popupText).toContain(DEMO_HOSTS.secure);
    expect(popupText).not.toMatch(/reload the page to audit it/i);
    await screenshot(popup.page, 'incognito-popup');
    await popup.disconnect();

    // Stored under the incognito worker's own keys only.
    const keys = await sharedKeys();
    const secureKeys = keys.filter((k) => k.includes(secure));
    expect(secureKeys.length).toBeGreaterThan(0);
    expect(secureKeys.every((k) => k.startsWith(INCOGNITO_KEY_PREFIX))).toBe(true);
    expect(keys).toContain('cookieAuditTabs');
    expect(keys).toContain(`${INCOGNITO_KEY_PREFIX}cookieAuditTabs`);

    // The normal windows' report of every site knows nothing of it; the legacy site is still there.
    const { content } = await ask(env.ext, { type: 'export-report', format: 'json' });
    expect(content).toContain(DEMO_HOSTS.legacy);
    expect(content).not.toContain(DEMO_HOSTS.secure);
  });

  it('forgets what incognito saw once the incognito session has ended', { timeout: 120_000 }, async () => {
    // The normal worker cannot see incognito windows: their tabs are closed over the debugging port.
    const incognitoPages = remote!.page
      .context()
      .pages()
      .filter((p) => p.url().startsWith(env.demo.urls.hardened) || p.url().includes('?tabId='));
    expect(incognitoPages.length).toBe(2);
    for (const page of incognitoPages) await page.close();
    await remote!.disconnect();
    remote = undefined;
    // The incognito worker goes with its last window, mostly before it can clear its storage (which
    // lasts until the browser closes): the next incognito session's worker clears it on start.
    await env.ext.evaluate(
      (url) => (globalThis as unknown as Chrome).chrome.windows.create({ incognito: true, url }),
      env.demo.urls.index,
    );
    const fresh = await eventually(
      async () => (await sharedKeys()).filter((k) => k.startsWith(INCOGNITO_KEY_PREFIX)),
      (left) => left.length > 0 && !left.some((k) => k.includes(DEMO_HOSTS.secure)),
      15_000,
    );
    expect(fresh).toContain(`${INCOGNITO_KEY_PREFIX}cookieAuditIncognitoWindows`);
    const keys = await sharedKeys();
    expect(keys.filter((k) => k.includes(DEMO_HOSTS.secure))).toEqual([]);
    expect(keys.some((k) => k.includes(DEMO_HOSTS.legacy))).toBe(true);
  });
});
