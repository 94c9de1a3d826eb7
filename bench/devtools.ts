/**
 * The DevTools panel: first render in real Chromium with 1,000 timeline entries (the panel built by
 * Vite exactly as in the extension, on a mocked background), and the memory bound: 10,000 entries
 * appended to a tab's timeline keep 1,000, in memory, in storage and in the panel.
 */
import path from 'node:path';
import { Timeline } from '../src/background/timeline.ts';
import { launchChromium } from '../src/cli/chromium.ts';
import { ROOT } from '../src/cli/paths.ts';
import { makeTimeline } from '../src/devtools/fixtures.ts';
import { buildBenchPage, serve } from './popup.ts';

export interface DevtoolsBench {
  devtoolsRenderMs1000: number;
  /** The same page fed 10,000 entries: what the panel holds and how long it took. */
  devtoolsRenderMs10000: number;
  devtoolsPanelEntriesAt10000: number;
  /** A tab's timeline after 10,000 appended entries: entries kept, dropped, and stored size. */
  timelineEntriesKeptAt10000: number;
  timelineEntriesDroppedAt10000: number;
  timelineStoredKBAt10000: number;
}

const OUT = path.join(ROOT, 'bench', '.devtools-build');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function timelineBound(
  n = 10_000,
): Pick<
  DevtoolsBench,
  'timelineEntriesKeptAt10000' | 'timelineEntriesDroppedAt10000' | 'timelineStoredKBAt10000'
> {
  const timeline = new Timeline();
  for (const entry of makeTimeline(n)) {
    const { seq: _seq, at: _at, ...rest } = entry;
    timeline.append(7, rest as never);
  }
  const { set } = timeline.takeWrites();
  const tab = timeline.get(7);
  return {
    timelineEntriesKeptAt10000: tab.entries.length,
    timelineEntriesDroppedAt10000: tab.dropped,
    timelineStoredKBAt10000: +(JSON.stringify(set).length / 1024).toFixed(1),
  };
}

export async function runDevtoolsBench(repeats = 5): Promise<DevtoolsBench> {
  await buildBenchPage('devtools', OUT);
  const server = await serve(OUT);
  const browser = await launchChromium({ withExtension: false });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    const result: Record<number, { ms: number; shown: number }> = {};
    for (const n of [1000, 10000]) {
      const times: number[] = [];
      let shown = 0;
      for (let i = 0; i < repeats + 1; i++) {
        await page.goto(`http://127.0.0.1:${server.port}/index.html?n=${n}`);
        await page.waitForFunction(() => document.title === 'rendered', undefined, { timeout: 60_000 });
        const { __renderMs: ms, __shown } = await page.evaluate(() => ({
          __renderMs: (window as unknown as { __renderMs: number }).__renderMs,
          __shown: (window as unknown as { __shown: number }).__shown,
        }));
        shown = __shown;
        if (i > 0) times.push(ms); // the first load warms the caches
      }
      result[n] = { ms: +median(times).toFixed(1), shown };
    }
    return {
      devtoolsRenderMs1000: result[1000].ms,
      devtoolsRenderMs10000: result[10000].ms,
      devtoolsPanelEntriesAt10000: result[10000].shown,
      ...timelineBound(),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runDevtoolsBench());
}
