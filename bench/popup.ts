/**
 * Popup first render in real Chromium at 100 / 1,000 / 10,000 cookies: the popup component built
 * by Vite exactly as in the extension, rendered from generated view models (median of 5 loads).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';
import { launchChromium } from '../src/cli/chromium.ts';
import { ROOT } from '../src/cli/paths.ts';

export interface PopupBench {
  popupRenderMs100: number;
  popupRenderMs1000: number;
  popupRenderMs10000: number;
}

const OUT = path.join(ROOT, 'bench', '.popup-build');

/** Builds a bench page (bench/<name>/index.html) with Vite, as the extension's pages are built. */
export async function buildBenchPage(name = 'popup', outDir = OUT): Promise<void> {
  await build({
    root: path.join(ROOT, 'bench', name),
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [preact()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
}

export function serve(dir: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel =
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      const type = file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'text/html';
      res.writeHead(200, { 'Content-Type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runPopupBench(repeats = 5): Promise<PopupBench> {
  await buildBenchPage();
  const server = await serve(OUT);
  const browser = await launchChromium({ withExtension: false });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 420, height: 600 });
    const result: Record<number, number> = {};
    for (const n of [100, 1000, 10000]) {
      const times: number[] = [];
      for (let i = 0; i < repeats + 1; i++) {
        await page.goto(`http://127.0.0.1:${server.port}/index.html?n=${n}`);
        await page.waitForFunction(() => document.title === 'rendered', undefined, { timeout: 60_000 });
        const ms = await page.evaluate(() => (window as unknown as { __renderMs: number }).__renderMs);
        if (i > 0) times.push(ms); // the first load warms the caches
      }
      result[n] = +median(times).toFixed(1);
    }
    return {
      popupRenderMs100: result[100],
      popupRenderMs1000: result[1000],
      popupRenderMs10000: result[10000],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runPopupBench());
}
