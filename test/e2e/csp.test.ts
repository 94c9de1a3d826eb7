/**
 * "Sends nothing" is enforced by the browser, not only by our code: in Chromium and in Firefox an
 * extension page's fetch to a site the extension has host access to never leaves the browser (the
 * pages' `connect-src 'none'`), and the background reaches plain http:// only, which the redirect
 * check needs (the manifest's `connect-src http://*:*`), never a `data:` URL. The demo site is the
 * witness: it must not see the page's request.
 *
 * The same probes run against a copy of the build without those directives (manifest and pages),
 * a deliberately leaking build: there they get through, so these checks can fail.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIST, DIST_FIREFOX } from '../../src/cli/paths.ts';
import type { DemoRequest } from '../../src/demo/server.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import { startEnv, startFirefoxEnv } from './harness.ts';

interface ProbeResult {
  /** An extension page's fetch of the demo site. */
  page: string;
  /** The background's fetch of http://host/ (what the redirect check does). */
  backgroundHttp: string;
  /** The background's fetch of a data: URL. */
  backgroundData: string;
  /** Whether the demo site received the page's request. */
  pageReachedSite: boolean;
}

const PAGE_PATH = '/connect-probe-page';
const BACKGROUND_PATH = '/connect-probe-background';

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of a build with the connect-src restriction removed from the manifest's CSP and every
 * page's meta CSP: what a build that forgot them would be.
 */
function leakingCopy(dist: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-leaking-'));
  copies.push(dir);
  cpSync(dist, dir, { recursive: true });
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const csp: string = manifest.content_security_policy.extension_pages;
  const without = csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith('connect-src'));
  expect(without.length).toBeLessThan(csp.split(';').length);
  manifest.content_security_policy.extension_pages = without.join('; ');
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  for (const page of Object.values(EXTENSION_PAGES)) {
    const file = path.join(dir, page);
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/g, '');
    expect(stripped, page).not.toBe(html);
    writeFileSync(file, stripped);
  }
  return dir;
}

function witness(requests: DemoRequest[]) {
  return { onRequest: (request: DemoRequest) => requests.push(request) };
}

async function probeChromium(dist?: string): Promise<ProbeResult> {
  const requests: DemoRequest[] = [];
  const env = await startEnv(witness(requests), dist ?? {});
  try {
    const base = env.demo.urls.secrets.replace(/\/$/, '');
    const page = await env.ext.evaluate(
      (url) =>
        fetch(url, { credentials: 'omit' }).then(
          () => 'sent',
          (e: Error) => `blocked: ${e.name}`,
        ),
      base + PAGE_PATH,
    );
    const background = await env.browser.serviceWorker!.evaluate(async (url) => {
      const attempt = (target: string) =>
        fetch(target, { credentials: 'omit', redirect: 'manual' }).then(
          () => 'sent',
          (e: Error) => `blocked: ${e.name}`,
        );
      return { http: await attempt(url), data: await attempt('data:text/plain,x') };
    }, base + BACKGROUND_PATH);
    return result(page, background, requests);
  } finally {
    await env.close();
  }
}

async function probeFirefox(dist?: string): Promise<ProbeResult> {
  const requests: DemoRequest[] = [];
  const env = await startFirefoxEnv({ ...witness(requests), ...(dist ? { dist } : {}) });
  try {
    const base = env.demo.urls.secrets.replace(/\/$/, '');
    const { page, background } = await env.ext.evaluate(
      async (pageUrl, backgroundUrl) => {
        const attempt = (fetcher: typeof fetch, target: string) =>
          fetcher(target, { credentials: 'omit', redirect: 'manual' }).then(
            () => 'sent',
            (e: Error) => `blocked: ${e.name}`,
          );
        // The event page is a document: its own fetch runs under its own CSP.
        const bg = (await (
          globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }
        ).browser.runtime.getBackgroundPage()) as Window & typeof globalThis;
        const bgFetch = bg.fetch.bind(bg);
        return {
          page: await attempt(fetch, pageUrl),
          background: {
            http: await attempt(bgFetch, backgroundUrl),
            data: await attempt(bgFetch, 'data:text/plain,x'),
          },
        };
      },
      base + PAGE_PATH,
      base + BACKGROUND_PATH,
    );
    return result(page, background, requests);
  } finally {
    await env.close();
  }
}

function result(page: string, background: { http: string; data: string }, requests: DemoRequest[]) {
  // The background's request arrived after the page's was settled: the page's had its chance.
  expect(requests.some((r) => r.path === BACKGROUND_PATH)).toBe(background.http === 'sent');
  return {
    page,
    backgroundHttp: background.http,
    backgroundData: background.data,
    pageReachedSite: requests.some((r) => r.path === PAGE_PATH),
  };
}

const ENFORCED: ProbeResult = {
  page: 'blocked: TypeError',
  backgroundHttp: 'sent',
  backgroundData: 'blocked: TypeError',
  pageReachedSite: false,
};
const LEAKING: ProbeResult = {
  page: 'sent',
  backgroundHttp: 'sent',
  backgroundData: 'sent',
  pageReachedSite: true,
};

describe('the browser enforces "sends nothing"', () => {
  it('Chromium: the pages connect nowhere, the worker to http:// only', async () => {
    expect(await probeChromium()).toEqual(ENFORCED);
  });

  it('Chromium: the same probes get through on a build without connect-src', async () => {
    expect(await probeChromium(leakingCopy(DIST))).toEqual(LEAKING);
  });

  it('Firefox: the pages connect nowhere, the event page to http:// only', async () => {
    expect(await probeFirefox()).toEqual(ENFORCED);
  });

  it('Firefox: the same probes get through on a build without connect-src', async () => {
    expect(await probeFirefox(leakingCopy(DIST_FIREFOX))).toEqual(LEAKING);
  });
});
