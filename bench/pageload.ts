/**
 * Page-load overhead of the extension in real Chromium: a loopback page that makes 200
 * cookie-setting requests, loaded repeatedly with and without the extension (same run).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../src/cli/chromium.ts';

export interface PageLoadBench {
  pageLoadMsWithout: number;
  pageLoadMsWith: number;
  pageLoadOverheadPct: number;
  pageLoadRuns: number;
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
      'Set-Cookie': [`c${i % 40}=${'v'.repeat(24)}${i}; Path=/; SameSite=Lax`, `sessionid=${'s'.repeat(32)}; Path=/; HttpOnly`],
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

async function measure(withExtension: boolean, url: string, runs: number): Promise<number[]> {
  const browser = await launchChromium({ withExtension });
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
    // Interleave two rounds of each to even out machine noise.
    const without: number[] = [];
    const withExt: number[] = [];
    for (let round = 0; round < 2; round++) {
      without.push(...(await measure(false, url, Math.ceil(runs / 2))));
      withExt.push(...(await measure(true, url, Math.ceil(runs / 2))));
    }
    const a = median(without);
    const b = median(withExt);
    return {
      pageLoadMsWithout: +a.toFixed(1),
      pageLoadMsWith: +b.toFixed(1),
      pageLoadOverheadPct: +(((b - a) / a) * 100).toFixed(2),
      pageLoadRuns: without.length,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runPageLoadBench());
}
