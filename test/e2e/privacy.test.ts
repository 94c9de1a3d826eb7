/**
 * Privacy, proven in real Chromium: during a full demo-site session the extension makes no network
 * request of its own except the redirect checks the user asked for, and none of the demo site's
 * cookie values ends up in any extension storage.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/cli/chromium.ts';
import { DIST, ROOT } from '../../src/cli/paths.ts';
import type { DemoRequest } from '../../src/demo/server.ts';
import { type Env, eventually, openPopup, sleep, startEnv, tabView, visit } from './harness.ts';

let env: Env;
const demoRequests: DemoRequest[] = [];
const browserRequests: Request[] = [];
/** Every cookie value the browser sent back to the demo site during the session. */
const cookieValues = new Set<string>();

beforeAll(async () => {
  env = await startEnv({
    onRequest: (request) => {
      demoRequests.push(request);
      for (const part of (request.headers.cookie ?? '').split(';')) {
        const value = part.slice(part.indexOf('=') + 1).trim();
        if (value.length >= 8) cookieValues.add(value);
      }
    },
  });
  env.browser.context.on('request', (request) => browserRequests.push(request));
});

afterAll(async () => {
  await env?.close();
});

function fromExtension(request: Request): boolean {
  if (request.serviceWorker()) return true;
  try {
    return request.frame().url().startsWith('chrome-extension://');
  } catch {
    return false;
  }
}

describe('privacy during a full demo-site session', () => {
  let checks = 0;

  it('browses the whole demo site, logs in, opens popups and asks for one redirect check', async () => {
    const urls = env.demo.urls;
    for (const url of [
      urls.insecure,
      urls.legacyJsessionid,
      urls.legacyEmbed,
      urls.hardenedHttp,
      urls.noHsts,
      urls.shortHsts,
    ]) {
      const { tabId } = await visit(env, url);
      const popup = await openPopup(env, tabId);
      await popup.waitForTimeout(300);
      await popup.close();
    }
    const { page, tabId } = await visit(env, urls.legacyLogin);
    await page.fill('input[name=username]', 'demo');
    await page.fill('input[name=password]', 'demo-password');
    await Promise.all([page.waitForURL(/\/account$/), page.click('button[type=submit]')]);
    await page.goto(urls.insecure); // one more round trip that carries the cookies back
    await eventually(
      () => tabView(env, tabId),
      (v) => v.status === 'observed',
    );
    const secure = await visit(env, urls.hardenedHttp);
    await ask(env.ext, { type: 'check-redirect', tabId: secure.tabId });
    checks++;
    await sleep(1_000);
    expect(cookieValues.size).toBeGreaterThan(3);
  });

  it('sent nothing itself except the requested redirect check, without cookies', () => {
    const extensionRequests = browserRequests.filter(
      (r) => fromExtension(r) && /^https?:/.test(r.url()) && r.redirectedFrom() === null,
    );
    expect(extensionRequests.map((r) => r.url())).toEqual([env.demo.urls.hardenedHttp]);
    expect(extensionRequests).toHaveLength(checks);
    // The demo site saw exactly one request for http://secure…/ without cookies: the check.
    const checkHits = demoRequests.filter(
      (r) =>
        r.scheme === 'http' &&
        r.host === 'secure.staging.test' &&
        r.path === '/' &&
        !r.headers.cookie &&
        !r.headers.referer,
    );
    expect(checkHits.length).toBeGreaterThanOrEqual(1);
    for (const hit of checkHits) expect(hit.headers.cookie).toBeUndefined();
  });

  it('stored no cookie value and no password anywhere in extension storage', async () => {
    const dump = await env.ext.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: Record<'session' | 'local' | 'sync', { get(k: null): Promise<unknown> }> };
        }
      ).chrome.storage;
      return JSON.stringify({
        session: await api.session.get(null),
        local: await api.local.get(null),
        sync: await api.sync.get(null),
        localStorage: { ...localStorage },
        sessionStorage: { ...sessionStorage },
      });
    });
    expect(dump.length).toBeGreaterThan(1000); // the session really was recorded
    for (const value of cookieValues) expect(dump, 'a cookie value reached storage').not.toContain(value);
    expect(dump).not.toContain('demo-password');
  });

  it('ships a strict content security policy and only the permissions the README justifies', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const permissions: string[] = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
    expect(permissions.sort()).toEqual(['cookies', 'storage', 'webRequest']);
    for (const permission of permissions) expect(readme).toContain(`| \`${permission}\` |`);
    expect(manifest.host_permissions).toEqual(['<all_urls>']);
    expect(readme).toContain('host access to all sites (`<all_urls>`)');
  });
});
