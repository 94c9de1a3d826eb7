/**
 * Page-load overhead of the extension in real Chromium: a loopback page that makes 200
 * cookie-setting requests, loaded with no extension, with empty-listener floors, with Cookie Audit
 * having no access to the page's site, and with Cookie Audit auditing it; load by load, interleaved.
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
  /** Our extension with access to another site only: the bench page is not granted. */
  pageLoadMsNoAccess: number;
  pageLoadNoAccessOverheadPct: number;
  /** Audited overhead minus the floor of required listeners, per round (points). */
  pageLoadOverFloorPts: number;
  /** Interquartile range (p25–p75) of each variant's per-round overhead. */
  spread: Record<string, { median?: number; p25: number; p75: number }>;
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

type Variant = 'none' | 'floor' | 'floorCookies' | 'floorRequired' | 'noAccess' | 'audited';

/** One browser per variant, all open at once, so that loads can alternate between them. */
async function openVariant(variant: Variant, dirs: Record<string, string>, url: string) {
  const origin = new URL(url);
  const browser = await launchChromium(
    variant === 'none'
      ? { withExtension: false }
      : variant === 'noAccess'
        ? // Access to one other site only: the bench page's host is not granted.
          { hostAccess: ['http://audited-elsewhere.test/*'] }
        : variant === 'audited'
          ? { hostAccess: [`${origin.protocol}//${origin.hostname}/*`] }
          : { dist: dirs[variant] },
  );
  const page = await browser.context.newPage();
  const load = async () => {
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 30_000 });
    return performance.now() - t0;
  };
  return { browser, load };
}

const median = (xs: number[]) => quantile(xs, 0.5);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Overhead of a variant in % of the same round's load without extension: median and IQR of the rounds. */
function overhead(times: number[], without: number[]): { median: number; p25: number; p75: number } {
  const pct = times.map((t, i) => ((t - without[i]) / without[i]) * 100);
  return {
    median: +median(pct).toFixed(2),
    p25: +quantile(pct, 0.25).toFixed(2),
    p75: +quantile(pct, 0.75).toFixed(2),
  };
}

/**
 * Every variant is loaded once per round, in a rotating order, for `runs` rounds after two warm-up
 * rounds; each variant's overhead is taken per round against that round's plain load (paired), so
 * the machine's swings hit every variant alike. Reported: the median over rounds and its spread.
 */
export async function runPageLoadBench(runs = 15): Promise<PageLoadBench> {
  const server = await startServer();
  const dirs = {
    floor: writeFloorExtension(false),
    floorCookies: writeFloorExtension(true),
    floorRequired: writeFloorExtension(true, true),
  };
  const url = `http://127.0.0.1:${server.port}/`;
  const variants: Variant[] = ['none', 'floor', 'floorCookies', 'floorRequired', 'noAccess', 'audited'];
  const open: Awaited<ReturnType<typeof openVariant>>[] = [];
  try {
    for (const v of variants) open.push(await openVariant(v, dirs, url));
    const times: number[][] = variants.map(() => []);
    for (let round = 0; round < runs + 2; round++) {
      for (let k = 0; k < variants.length; k++) {
        const i = (k + round) % variants.length;
        const ms = await open[i].load();
        if (round >= 2) times[i].push(ms);
      }
    }
    // The figures mean something only if the audited browser recorded the page and the other did not.
    const recorded = async (v: Variant) =>
      (
        (await open[variants.indexOf(v)].browser.serviceWorker?.evaluate(async () =>
          Object.keys(
            await (
              globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<object> } } } }
            ).chrome.storage.session.get(null),
          ),
        )) ?? []
      ).some((key) => key.includes('127.0.0.1'));
    if (!(await recorded('audited'))) throw new Error('The audited variant recorded nothing of the page');
    if (await recorded('noAccess')) throw new Error('The variant without access recorded the page');
    const [none, floor, floorCookies, floorRequired, noAccess, audited] = times;
    const o = {
      floor: overhead(floor, none),
      floorCookies: overhead(floorCookies, none),
      floorRequired: overhead(floorRequired, none),
      noAccess: overhead(noAccess, none),
      audited: overhead(audited, none),
    };
    const overFloor = audited.map(
      (t, i) => ((t - none[i]) / none[i]) * 100 - ((floorRequired[i] - none[i]) / none[i]) * 100,
    );
    return {
      pageLoadMsWithout: +median(none).toFixed(1),
      pageLoadMsWith: +median(audited).toFixed(1),
      pageLoadOverheadPct: o.audited.median,
      pageLoadMsFloor: +median(floor).toFixed(1),
      pageLoadFloorPct: o.floor.median,
      pageLoadMsFloorWithCookies: +median(floorCookies).toFixed(1),
      pageLoadFloorWithCookiesPct: o.floorCookies.median,
      pageLoadMsFloorRequired: +median(floorRequired).toFixed(1),
      pageLoadFloorRequiredPct: o.floorRequired.median,
      pageLoadMsNoAccess: +median(noAccess).toFixed(1),
      pageLoadNoAccessOverheadPct: o.noAccess.median,
      pageLoadOverFloorPts: +median(overFloor).toFixed(2),
      spread: {
        ...o,
        overFloorPts: {
          p25: +quantile(overFloor, 0.25).toFixed(2),
          p75: +quantile(overFloor, 0.75).toFixed(2),
        },
      },
      pageLoadRuns: none.length,
    };
  } finally {
    for (const v of open) await v.browser.close();
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runPageLoadBench());
}
