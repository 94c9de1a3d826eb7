/**
 * Privacy, proven in real Chromium on the demo site, including its secrets app (a nameless cookie,
 * a `user:pass@` URL, a login form with method=get, a quoted value with ";", an e-mail address as a
 * payload key): the extension makes no network request of its own except the redirect check the
 * user asked for, and no cookie value, password, URL credential, keyed hash or hidden text reaches
 * any output — storage, every export format, the full-page report, the popup's DOM, the console of
 * every extension context, the CLI's stdout and stderr. Messages from a web page are refused.
 *
 * Every search below is for plain ASCII markers in raw text (never in JSON-escaped text), and each
 * output is first shown to hold the session (so an empty output cannot pass). PRIVACY_CANARY=1 makes
 * the search plant a marker in every output, to check on any build that the test can fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredItems } from '../../src/background/stored-json.ts';
import { ask } from '../../src/cli/chromium.ts';
import { DIST, ROOT } from '../../src/cli/paths.ts';
import { keyedHash, REPORT_FORMATS } from '../../src/core/index.ts';
import { DEMO_SECRETS } from '../../src/demo/apps/secrets.ts';
import type { DemoRequest } from '../../src/demo/server.ts';
import { DEMO_HOSTS, DEMO_USER } from '../../src/demo/server.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import { runCli } from '../helpers/cli-runner.ts';
import { type Env, eventually, openPopup, screenshot, sleep, startEnv, tabView, visit } from './harness.ts';

let env: Env;
const demoRequests: DemoRequest[] = [];
const browserRequests: Request[] = [];
/** Every cookie value the browser sent back to the demo site, nameless ones (bare values) included. */
const cookieValues = new Set<string>();
/** What each extension context wrote to its console. */
const consoleLines: string[] = [];

/** Markers that must appear nowhere: the demo's planted secrets and the credentials used. */
const SECRETS = [
  DEMO_SECRETS.nameless,
  DEMO_SECRETS.quotedTail,
  DEMO_SECRETS.payloadKey,
  DEMO_USER.password,
  'UrlPassw0rd77',
  'demo-user:',
];

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
  const extensionPrefix = `chrome-extension://${env.browser.extensionId}/`;
  env.browser.context.on('console', (message) => {
    const source = message.page()?.url() ?? message.worker()?.url() ?? '';
    if (source.startsWith(extensionPrefix)) consoleLines.push(message.text());
  });
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

/** The markers to search an output for: the secrets, every cookie value seen, and their hashes. */
function forbidden(hashKey: string | null): string[] {
  const values = [...SECRETS, ...cookieValues];
  const hashes = hashKey ? [...cookieValues].map((v) => keyedHash(v, hashKey)) : [];
  return [...values, ...hashes];
}

/** Searches raw text; with PRIVACY_CANARY=1 a leak is planted first, so every check must fail. */
function expectNoSecret(output: string, what: string, markers: readonly string[]): void {
  const text = process.env.PRIVACY_CANARY === '1' ? `${output}\n${DEMO_SECRETS.nameless}` : output;
  for (const marker of markers) {
    // Plain markers only: JSON escaping or HTML entities could hide anything else from a search.
    expect(JSON.stringify(marker), `${marker} is not a plain marker`).toBe(`"${marker}"`);
    expect(text.includes(marker), `${what} contains ${marker}`).toBe(false);
  }
}

async function pageText(page: Page): Promise<string> {
  await page.waitForLoadState('load');
  return page.evaluate(() => `${document.documentElement.outerHTML}\n${document.body.innerText}`);
}

let secretsTab = 0;
let hashKey: string | null = null;

describe('privacy during a full demo-site session', () => {
  let checks = 0;

  it('browses the demo site with its secrets, logs in twice, opens popups, asks for one redirect check', async () => {
    const urls = env.demo.urls;
    for (const url of [urls.insecure, urls.legacyJsessionid, urls.legacyEmbed, urls.noHsts]) {
      const { tabId } = await visit(env, url);
      const popup = await openPopup(env, tabId);
      await popup.getByRole('heading').first().waitFor();
      await popup.close();
    }
    // The secrets app: cookies go back on the second visit, nameless one as its bare value.
    const secrets = await visit(env, urls.secrets);
    secretsTab = secrets.tabId;
    await secrets.page.goto(urls.secrets);
    await secrets.page.goto(urls.secretsWithCredentials);
    await secrets.page.goto(urls.secretsLogin);
    await secrets.page.fill('input[name=username]', DEMO_USER.username);
    await secrets.page.fill('input[name=password]', DEMO_USER.password);
    // The tab stays on the page the GET login landed on: its URL holds the password.
    await Promise.all([secrets.page.waitForURL(/\/welcome\?/), secrets.page.click('button[type=submit]')]);
    await eventually(
      () => tabView(env, secretsTab),
      (v) => v.status === 'observed' && (v.audit?.cookies.length ?? 0) >= 3,
    );
    // The legacy POST login, as before.
    const { page, tabId } = await visit(env, urls.legacyLogin);
    await page.fill('input[name=username]', DEMO_USER.username);
    await page.fill('input[name=password]', DEMO_USER.password);
    await Promise.all([page.waitForURL(/\/account$/), page.click('button[type=submit]')]);
    await page.goto(urls.insecure);
    await eventually(
      () => tabView(env, tabId),
      (v) => v.status === 'observed',
    );
    const secure = await visit(env, urls.hardenedHttp);
    await ask(env.ext, { type: 'check-redirect', tabId: secure.tabId });
    checks++;
    await sleep(500);
    hashKey = await env.ext.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: { session: { get(k: string): Promise<Record<string, string>> } } };
        }
      ).chrome.storage.session;
      return (await api.get('cookieAuditHashKey')).cookieAuditHashKey ?? null;
    });
    // The demo really sent the secrets: a nameless cookie as its bare value, the GET password in a URL.
    expect(cookieValues.has(DEMO_SECRETS.nameless)).toBe(true);
    expect(demoRequests.some((r) => r.path.includes(`password=${DEMO_USER.password}`))).toBe(true);
    expect(cookieValues.size).toBeGreaterThan(5);
    expect(hashKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sent nothing itself except the requested redirect check, without cookies', () => {
    const extensionRequests = browserRequests.filter(
      (r) => fromExtension(r) && /^https?:/.test(r.url()) && r.redirectedFrom() === null,
    );
    expect(extensionRequests.map((r) => r.url())).toEqual([env.demo.urls.hardenedHttp]);
    expect(extensionRequests).toHaveLength(checks);
    const checkHits = demoRequests.filter(
      (r) =>
        r.scheme === 'http' &&
        r.host === 'secure.staging.test' &&
        r.path === '/' &&
        !r.headers.cookie &&
        !r.headers.referer,
    );
    expect(checkHits.length).toBeGreaterThanOrEqual(1);
  });

  it('stored no cookie value, password, URL credential or hidden text anywhere in extension storage', async () => {
    const stored = await env.ext.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: Record<'session' | 'local' | 'sync', { get(k: null): Promise<unknown> }> };
        }
      ).chrome.storage;
      return {
        session: (await api.session.get(null)) as Record<string, unknown>,
        local: await api.local.get(null),
        sync: await api.sync.get(null),
        localStorage: { ...localStorage },
        sessionStorage: { ...sessionStorage },
      };
    });
    // Records are stored as JSON text: searched both as stored and read back (escaping hides nothing).
    const dump = JSON.stringify({ ...stored, sessionRead: decodeStoredItems(stored.session) });
    expect(dump).toContain(DEMO_HOSTS.secrets); // the session really was recorded
    expect(dump).toContain('"sid"');
    // The keyed hashes of the login comparison live here, with the key: they are not searched.
    expectNoSecret(dump, 'storage', forbidden(null));
  });

  it('every export format, of the tab and of every site, holds no value, hash or credential', async () => {
    for (const format of REPORT_FORMATS) {
      for (const scope of [{ tabId: secretsTab }, {}]) {
        const { content } = await ask(env.ext, { type: 'export-report', format, ...scope });
        expect(content, format).toContain(DEMO_HOSTS.secrets);
        expectNoSecret(content, `${format} export`, forbidden(hashKey));
      }
    }
  });

  it('the popup and the full-page report show none of it (DOM and text)', async () => {
    const popup = await openPopup(env, secretsTab);
    // Tall enough that the virtual list renders every cookie row.
    await popup.setViewportSize({ width: 420, height: 6000 });
    await popup.waitForFunction(() => /\bquoted\b/.test(document.body.innerText));
    await screenshot(popup, 'privacy-popup');
    const popupText = await pageText(popup);
    expect(popupText).toContain('session');
    expect(popupText).toMatch(/\bsid\b/);
    expectNoSecret(popupText, 'popup', forbidden(hashKey));
    await popup.close();
    const report = await env.browser.extensionPage(EXTENSION_PAGES.report);
    await report.getByText(DEMO_HOSTS.secrets).first().waitFor();
    const reportText = await pageText(report);
    expectNoSecret(reportText, 'full-page report', forbidden(hashKey));
    await report.close();
  });

  it('the console of every extension context says none of it', async () => {
    // Both consoles are really listened to: a line from the popup page and one from the worker.
    await env.ext.evaluate(() => console.log('privacy-probe-page'));
    await env.browser.serviceWorker?.evaluate(() => console.log('privacy-probe-worker'));
    await eventually(
      async () => consoleLines.join('\n'),
      (text) => text.includes('privacy-probe-page') && text.includes('privacy-probe-worker'),
    );
    expectNoSecret(consoleLines.join('\n'), 'console', forbidden(hashKey));
  });

  it('the CLI prints none of it: GET login, user:pass@ URL, progress, report, errors', async () => {
    const urls = env.demo.urls;
    const common = ['--insecure', '--loopback-host', DEMO_HOSTS.secrets];
    const env_ = { CA_PRIVACY_PASSWORD: DEMO_USER.password };
    const login = [
      '--login',
      urls.secretsLogin,
      '--user',
      DEMO_USER.username,
      '--password-env',
      'CA_PRIVACY_PASSWORD',
    ];
    const runs = [
      await runCli([...common, ...login, urls.secretsWithCredentials, urls.secrets], env_),
      await runCli([...common, ...login, '--format', 'json'], env_),
      await runCli([
        ...common,
        '--format',
        'md',
        `${urls.secretsWithCredentials}?password=${DEMO_USER.password}`,
      ]),
    ];
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(DEMO_HOSTS.secrets);
      expectNoSecret(r.stdout, 'CLI stdout', forbidden(null));
      expectNoSecret(r.stderr, 'CLI stderr', forbidden(null));
    }
    expect(runs[0].stderr).toMatch(/Logged in: now at http:\/\/secrets\.staging\.test:\d+\/welcome\n/);
  }, 180_000);

  it('ships a strict content security policy and only the permissions the README justifies', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|default-src/);
    // Only plain HTTP, any host and port: the redirect check's http://host/ (see README, Permissions).
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d.startsWith(name));
    expect(directive('connect-src')).toEqual(['connect-src http://*:*']);
    // No web page may frame an extension page; only DevTools, which frames the panel.
    expect(directive('frame-ancestors')).toEqual(['frame-ancestors devtools://devtools']);
    for (const page of Object.values(EXTENSION_PAGES)) {
      const html = readFileSync(path.join(DIST, page), 'utf8');
      expect(html, page).toContain(`<meta http-equiv="Content-Security-Policy" content="connect-src 'none'"`);
    }
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const permissions: string[] = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
    expect(permissions.sort()).toEqual(['activeTab', 'cookies', 'sidePanel', 'storage', 'webRequest']);
    for (const permission of permissions) expect(readme).toContain(`| \`${permission}\` |`);
    // No host access at install: the user grants it (every site, or site by site).
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['<all_urls>']);
    expect(readme).toContain('host access, **optional** (`optional_host_permissions: <all_urls>`)');
    const firefox = JSON.parse(readFileSync(path.join(ROOT, 'dist-firefox', 'manifest.json'), 'utf8'));
    expect([...firefox.permissions].sort()).toEqual(['activeTab', 'cookies', 'storage', 'webRequest']);
    expect(firefox.host_permissions).toBeUndefined();
  });
});

describe('messages from outside the extension', () => {
  it('a web page, and an isolated (content-script-like) world in it, cannot reach the background', async () => {
    const { page } = await visit(env, env.demo.urls.secrets);
    const extensionId = env.browser.extensionId!;
    const attempt = (id: string) => {
      const runtime = (
        globalThis as unknown as {
          chrome?: { runtime?: { sendMessage?: (id: string, message: unknown) => unknown } };
        }
      ).chrome?.runtime;
      if (!runtime?.sendMessage) return Promise.resolve('no runtime.sendMessage');
      try {
        return Promise.resolve(runtime.sendMessage(id, { type: 'get-all-sites' })).then(
          (reply: unknown) => `answered ${JSON.stringify(reply)}`,
          (e: Error) => `refused: ${e.message}`,
        );
      } catch (e) {
        return Promise.resolve(`refused: ${(e as Error).message}`);
      }
    };
    const fromPage = await page.evaluate(attempt, extensionId);
    expect(fromPage).not.toMatch(/^answered/);
    // An isolated world in the page, as a content script gets (CDP Page.createIsolatedWorld).
    const cdp = await env.browser.context.newCDPSession(page);
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'content-script-like',
    })) as { executionContextId: number };
    const { result } = (await cdp.send('Runtime.evaluate', {
      expression: `(${attempt.toString()})(${JSON.stringify(extensionId)})`,
      contextId: executionContextId,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value: string } };
    expect(result.value).not.toMatch(/^answered/);
    await cdp.detach();
    // The same request from the extension's own page is answered: the refusal above is not a fluke.
    expect(Array.isArray(await ask(env.ext, { type: 'get-all-sites' }))).toBe(true);
  });
});

describe('Reveal', () => {
  it('reads the exact cookie shown, not another one of the same name, domain and path', async () => {
    const { tabId } = await visit(env, env.demo.urls.secretsTwins);
    const view = await eventually(
      () => tabView(env, tabId),
      (v) => (v.audit?.cookies.filter((c) => c.name === 'twin').length ?? 0) === 2,
    );
    const twins = view.audit!.cookies.filter((c) => c.name === 'twin');
    const revealed = await Promise.all(
      twins.map(async (c) => ({
        partitioned: c.partitioned,
        value: (
          await ask(env.ext, {
            type: 'reveal-value',
            tabId,
            name: c.name,
            domain: c.domain,
            path: c.path,
            hostOnly: c.hostOnly,
            partitioned: c.partitioned,
            ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
          })
        ).value,
      })),
    );
    expect(revealed.sort((a, b) => Number(a.partitioned) - Number(b.partitioned))).toEqual([
      { partitioned: false, value: 'UnpartitionedTwin1' },
      { partitioned: true, value: 'PartitionedTwin2' },
    ]);
  });
});
