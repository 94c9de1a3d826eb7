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
  /** Wall time from render() to the second painted frame (median). */
  devtoolsRenderMs1000: number;
  /** Its 25th and 75th percentiles, for the spread on a busy machine. */
  devtoolsRenderMs1000P25: number;
  devtoolsRenderMs1000P75: number;
  /**
   * The page's main-thread CPU time in that span (median; trace events' thread time): script,
   * style, layout and paint, without the time the thread waited for a frame or for the CPU.
   */
  devtoolsRenderCpuMs1000: number;
  /** The same page fed 10,000 entries: what the panel holds and how long it took. */
  devtoolsRenderMs10000: number;
  devtoolsPanelEntriesAt10000: number;
  /** A tab's timeline after 10,000 appended entries: entries kept, dropped, and stored size. */
  timelineEntriesKeptAt10000: number;
  timelineEntriesDroppedAt10000: number;
  timelineStoredKBAt10000: number;
}

const OUT = path.join(ROOT, 'bench', '.devtools-build');
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
const median = (xs: number[]) => quantile(xs, 0.5);

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/** Thread CPU time of the main thread's tasks between the page's render-start and render-end marks. */
export function mainThreadCpuMs(events: readonly TraceEvent[]): number {
  const start = events.find((e) => e.name === 'render-start');
  const end = events.find((e) => e.name === 'render-end');
  if (!start || !end) throw new Error('The trace holds no render marks');
  let us = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.tid !== start.tid || !e.dur) continue;
    const overlap = Math.min(e.ts + e.dur, end.ts) - Math.max(e.ts, start.ts);
    // A task cut by a mark counts for its share inside the span.
    if (overlap > 0) us += (e.tdur ?? 0) * (overlap / e.dur);
  }
  return us / 1000;
}

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

export async function runDevtoolsBench(repeats = 15): Promise<DevtoolsBench> {
  await buildBenchPage('devtools', OUT);
  const server = await serve(OUT);
  const browser = await launchChromium({ withExtension: false });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    const cdp = await browser.context.newCDPSession(page);
    let events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      events.push(...(e.value as unknown as TraceEvent[]));
    });
    const result: Record<number, { ms: number[]; cpu: number[]; shown: number }> = {};
    for (const n of [1000, 10000]) {
      const times: number[] = [];
      const cpu: number[] = [];
      let shown = 0;
      for (let i = 0; i < repeats + 1; i++) {
        events = [];
        await cdp.send('Tracing.start', {
          categories: 'disabled-by-default-devtools.timeline,blink.user_timing',
          transferMode: 'ReportEvents',
        } as never);
        await page.goto(`http://127.0.0.1:${server.port}/index.html?n=${n}`);
        await page.waitForFunction(() => document.title === 'rendered', undefined, { timeout: 60_000 });
        const { __renderMs: ms, __shown } = await page.evaluate(() => ({
          __renderMs: (window as unknown as { __renderMs: number }).__renderMs,
          __shown: (window as unknown as { __shown: number }).__shown,
        }));
        const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
        await cdp.send('Tracing.end');
        await complete;
        shown = __shown;
        if (i > 0) {
          // the first load warms the caches
          times.push(ms);
          cpu.push(mainThreadCpuMs(events));
        }
      }
      result[n] = { ms: times, cpu, shown };
    }
    const round = (x: number) => +x.toFixed(1);
    return {
      devtoolsRenderMs1000: round(median(result[1000].ms)),
      devtoolsRenderMs1000P25: round(quantile(result[1000].ms, 0.25)),
      devtoolsRenderMs1000P75: round(quantile(result[1000].ms, 0.75)),
      devtoolsRenderCpuMs1000: round(median(result[1000].cpu)),
      devtoolsRenderMs10000: round(median(result[10000].ms)),
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
