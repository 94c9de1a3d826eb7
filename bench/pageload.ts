/**
 * Page-load overhead of the extension in real Chromium: a loopback page that makes 200
 * cookie-setting requests, loaded repeatedly with and without the extension (same run).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../src/cli/chromium.ts';

export interface PageLoadBench {
  pageLoadMsWithout: number;
  pageLoadMsWith: number;
  pageLoadOverheadPct: number;
  /** The floor: an extension whose only code is an empty onHeadersReceived listener with extraHeaders. */
  pageLoadMsFloor: number;
  pageLoadFloorPct: number;
  /** The floor of what the features require: the same plus an empty cookies.onChanged listener. */
  pageLoadMsFloorWithCookies: number;
  pageLoadFloorWithCookiesPct: number;
  /**
   * Everything the features require, empty: the two listeners above plus an empty onSendHeaders with
   * extraHeaders on plain-HTTP requests (cookies sent in clear). The bench page is plain HTTP.
   */
  pageLoadMsFloorRequired: number;
  pageLoadFloorRequiredPct: number;
  pageLoadRuns: number;
}

/**
 * The least any extension that reads Set-Cookie in Chrome can cost: an empty listener with
 * extraHeaders (which Chrome requires to show Set-Cookie) on every response.
 */
function writeFloorExtension(withCookies: boolean, withRequestHeaders = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-floor-'));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'floor',
      version: '1.0',
      background: { service_worker: 'bg.js' },
      permissions: withCookies ? ['webRequest', 'cookies'] : ['webRequest'],
      host_permissions: ['<all_urls>'],
    }),
  );
  writeFileSync(
    path.join(dir, 'bg.js'),
    "chrome.webRequest.onHeadersReceived.addListener(() => {}, { urls: ['<all_urls>'] }, ['responseHeaders', 'extraHeaders']);\n" +
      (withCookies ? 'chrome.cookies.onChanged.addListener(() => {});\n' : '') +
      (withRequestHeaders
        ? "chrome.webRequest.onSendHeaders.addListener(() => {}, { urls: ['http://*/*'] }, ['requestHeaders', 'extraHeaders']);\n"
        : ''),
  );
  return dir;
}

const PAGE = `<!doctype html><title>bench</title><script>
const t0 = performance.now();
Promise.all(Array.from({ length: 200 }, (_, i) => fetch('/c/' + i, { cache: 'no-store' }).then((r) => r.text())))
  .then(() => { window.__loadMs = performance.now() - t0; document.title = 'done'; });
</script>`;

function startServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
      res.end(PAGE);
      return;
    }
    const i = Number(req.url?.split('/')[2] ?? 0);
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Cache-Control': 'no-store',
      'Set-Cookie': [
        `c${i % 40}=${'v'.repeat(24)}${i}; Path=/; SameSite=Lax`,
        `sessionid=${'s'.repeat(32)}; Path=/; HttpOnly`,
      ],
    });
    res.end('ok');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

async function measure(extension: 'none' | 'ours' | string, url: string, runs: number): Promise<number[]> {
  const browser = await launchChromium(
    extension === 'none' ? { withExtension: false } : extension === 'ours' ? {} : { dist: extension },
  );
  try {
    const page = await browser.context.newPage();
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 30_000 });
      const total = performance.now() - t0;
      if (i >= 2) times.push(total); // the first loads warm caches and the worker
    }
    return times;
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function runPageLoadBench(runs = 15): Promise<PageLoadBench> {
  const server = await startServer();
  try {
    const url = `http://127.0.0.1:${server.port}/`;
    // Interleave rounds of each configuration to even out machine noise.
    const floorDir = writeFloorExtension(false);
    const floorCookiesDir = writeFloorExtension(true);
    const floorRequiredDir = writeFloorExtension(true, true);
    const without: number[] = [];
    const withExt: number[] = [];
    const floor: number[] = [];
    const floorCookies: number[] = [];
    const floorRequired: number[] = [];
    try {
      for (let round = 0; round < 2; round++) {
        without.push(...(await measure('none', url, Math.ceil(runs / 2))));
        floor.push(...(await measure(floorDir, url, Math.ceil(runs / 2))));
        floorCookies.push(...(await measure(floorCookiesDir, url, Math.ceil(runs / 2))));
        floorRequired.push(...(await measure(floorRequiredDir, url, Math.ceil(runs / 2))));
        withExt.push(...(await measure('ours', url, Math.ceil(runs / 2))));
      }
    } finally {
      rmSync(floorDir, { recursive: true, force: true });
      rmSync(floorCookiesDir, { recursive: true, force: true });
      rmSync(floorRequiredDir, { recursive: true, force: true });
    }
    const a = median(without);
    const b = median(withExt);
    const f = median(floor);
    const fc = median(floorCookies);
    const fr = median(floorRequired);
    return {
      pageLoadMsWithout: +a.toFixed(1),
      pageLoadMsWith: +b.toFixed(1),
      pageLoadOverheadPct: +(((b - a) / a) * 100).toFixed(2),
      pageLoadMsFloor: +f.toFixed(1),
      pageLoadFloorPct: +(((f - a) / a) * 100).toFixed(2),
      pageLoadMsFloorWithCookies: +fc.toFixed(1),
      pageLoadFloorWithCookiesPct: +(((fc - a) / a) * 100).toFixed(2),
      pageLoadMsFloorRequired: +fr.toFixed(1),
      pageLoadFloorRequiredPct: +(((fr - a) / a) * 100).toFixed(2),
      pageLoadRuns: without.length,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runPageLoadBench());
}
