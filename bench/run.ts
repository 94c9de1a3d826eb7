/**
 * `npm run bench`: every figure of docs/performance.md measured side by side in one run, printed as
 * one table and saved to bench/results.json. A benchmark, not a test: it fails nothing.
 * BENCH_QUICK=1 shortens the slow parts (page loads, repeats) for a smoke run; BENCH_ONLY=a,b runs
 * only those sections (`npm run bench:access` = page loads and the DevTools panel).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/cli/paths.ts';
import { runCliBench } from './cli.ts';
import { runDevtoolsBench } from './devtools.ts';
import { runEngineBench } from './engine.ts';
import { runHandlerBench } from './handler.ts';
import { runPageLoadBench } from './pageload.ts';
import { runFirefoxPageLoadBench } from './pageload-firefox.ts';
import { runPopupBench } from './popup.ts';
import { runSizeBench } from './size.ts';

interface Row {
  key: string;
  what: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean;
}

const quick = process.env.BENCH_QUICK === '1';
/**
 * BENCH_ONLY=pageload,devtools runs only these sections (handler, engine, pageload, pageload-firefox,
 * popup, devtools, sizes, cli).
 */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;

function run<T>(section: string, label: string, fn: () => T): T | undefined {
  if (only && !only.has(section)) return undefined;
  console.error(label);
  return fn();
}

async function main(): Promise<void> {
  const started = Date.now();
  // The handler runs first: after the engine bench the heap holds a 100,000-line corpus and its
  // garbage, whose collection pauses would land in the handler's tail (a worker holds no such heap).
  const handler = run('handler', 'background handler: 10 Set-Cookie lines per response…', () =>
    runHandlerBench(quick ? 5_000 : 50_000),
  );
  const engine = await run(
    'engine',
    'engine: full audit vs tough-cookie and set-cookie-parser on the same corpus…',
    () => runEngineBench(quick ? { minLines: 20_000, rounds: 1 } : {}),
  );
  const pageLoad = await run(
    'pageload',
    'page load in Chromium: no extension, floors, no access, audited…',
    () => runPageLoadBench(quick ? 4 : 40),
  );
  const firefoxPageLoad = await run(
    'pageload-firefox',
    'page load in Firefox: no extension, no access, audited…',
    () => runFirefoxPageLoadBench(quick ? 3 : 15),
  );
  const popup = await run('popup', 'popup first render in Chromium…', () => runPopupBench(quick ? 2 : 5));
  const devtools = await run('devtools', 'DevTools panel first render and timeline bound…', () =>
    runDevtoolsBench(quick ? 2 : 15),
  );
  const sizes = await run('sizes', 'bundle sizes and stored state…', () => runSizeBench());
  const cli = await run('cli', 'CLI: 40 demo pages at --concurrency 1 and 4…', () =>
    runCliBench(40, quick ? 1 : 3),
  );

  const rows: Row[] = [
    ...(engine
      ? [
          {
            key: 'engineVsToughCookie',
            what: 'full audit vs tough-cookie parse (speed ratio)',
            value: engine.engineVsToughCookie,
            unit: '×',
            goal: '≥ 3',
            met: engine.engineVsToughCookie >= 3,
          },
          {
            key: 'engineVsSetCookieParser',
            what: 'full audit vs set-cookie-parser parse (speed ratio)',
            value: engine.engineVsSetCookieParser,
            unit: '×',
            goal: '—',
            met: true,
          },
          {
            key: 'readOnceShareOfBudgetPct',
            what: '  floor: reading each character once, % of the 3× budget',
            value: engine.readOnceShareOfBudgetPct,
            unit: '%',
            goal: '—',
            met: true,
          },
        ]
      : []),
    ...(handler
      ? [
          {
            key: 'handlerP99Micros',
            what: 'background handler per response, p99',
            value: handler.handlerP99Micros,
            unit: 'µs',
            goal: '< 50',
            met: handler.handlerP99Micros < 50,
          },
        ]
      : []),
    ...(pageLoad
      ? [
          {
            key: 'pageLoadNoAccessOverheadPct',
            what: 'page load on a site without access vs no extension (median of rounds)',
            value: pageLoad.pageLoadNoAccessOverheadPct,
            unit: '%',
            goal: '< 2',
            met: pageLoad.pageLoadNoAccessOverheadPct < 2,
          },
          {
            key: 'pageLoadOverheadPct',
            what: 'page load, 200 cookie-setting requests, audited site vs no extension',
            value: pageLoad.pageLoadOverheadPct,
            unit: '%',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadFloorPct',
            what: '  floor: an empty onHeadersReceived+extraHeaders',
            value: pageLoad.pageLoadFloorPct,
            unit: '%',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadFloorWithCookiesPct',
            what: '  floor: the same + an empty cookies.onChanged',
            value: pageLoad.pageLoadFloorWithCookiesPct,
            unit: '%',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadFloorRequiredPct',
            what: '  floor: the same + an empty onSendHeaders on http://',
            value: pageLoad.pageLoadFloorRequiredPct,
            unit: '%',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadOverFloorPts',
            what: 'audited site over the floor of required listeners',
            value: pageLoad.pageLoadOverFloorPts,
            unit: 'pts',
            goal: '≤ 5',
            met: pageLoad.pageLoadOverFloorPts <= 5,
          },
          {
            key: 'pageLoadPermissionOnlyPct',
            what: '  floor without access: webRequest + cookies held, no listener',
            value: pageLoad.pageLoadPermissionOnlyPct,
            unit: '%',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadNoAccessOverPermissionPts',
            what: '  site without access: Cookie Audit over that floor',
            value: pageLoad.pageLoadNoAccessOverPermissionPts,
            unit: 'pts',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadNoAccessCpuOverPermissionPts',
            what: '  the same in browser CPU per load',
            value: pageLoad.pageLoadNoAccessCpuOverPermissionPts,
            unit: 'pts',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadListenersElsewherePct',
            what: '  the same + the required listeners, empty, on every URL',
            value: pageLoad.pageLoadListenersElsewherePct,
            unit: '%',
            goal: '—',
            met: true,
          },
          {
            key: 'pageLoadNoAccessCpuOverheadPct',
            what: 'browser CPU per load, site without access vs no extension',
            value: pageLoad.pageLoadNoAccessCpuOverheadPct,
            unit: '%',
            goal: '< 2',
            met: pageLoad.pageLoadNoAccessCpuOverheadPct < 2,
          },
          {
            key: 'pageLoadCpuOverFloorPts',
            what: 'browser CPU per load, audited site over the floor',
            value: pageLoad.pageLoadCpuOverFloorPts,
            unit: 'pts',
            goal: '≤ 5',
            met: pageLoad.pageLoadCpuOverFloorPts <= 5,
          },
        ]
      : []),
    ...(firefoxPageLoad
      ? [
          {
            key: 'firefoxPageLoadNoAccessOverheadPct',
            what: 'Firefox: page load on a site without access vs no extension',
            value: firefoxPageLoad.firefoxPageLoadNoAccessOverheadPct,
            unit: '%',
            goal: '< 2',
            met: firefoxPageLoad.firefoxPageLoadNoAccessOverheadPct < 2,
          },
          {
            key: 'firefoxPageLoadNoAccessCpuOverheadPct',
            what: '  the same in browser CPU per load',
            value: firefoxPageLoad.firefoxPageLoadNoAccessCpuOverheadPct,
            unit: '%',
            goal: '< 2',
            met: firefoxPageLoad.firefoxPageLoadNoAccessCpuOverheadPct < 2,
          },
          {
            key: 'firefoxPageLoadOverheadPct',
            what: 'Firefox: page load on an audited site vs no extension',
            value: firefoxPageLoad.firefoxPageLoadOverheadPct,
            unit: '%',
            goal: '—',
            met: true,
          },
        ]
      : []),
    ...(popup
      ? [
          {
            key: 'popupRenderMs100',
            what: 'popup first render, 100 cookies',
            value: popup.popupRenderMs100,
            unit: 'ms',
            goal: '—',
            met: true,
          },
          {
            key: 'popupRenderMs1000',
            what: 'popup first render, 1,000 cookies',
            value: popup.popupRenderMs1000,
            unit: 'ms',
            goal: '< 100',
            met: popup.popupRenderMs1000 < 100,
          },
          {
            key: 'popupRenderMs10000',
            what: 'popup first render, 10,000 cookies',
            value: popup.popupRenderMs10000,
            unit: 'ms',
            goal: 'usable',
            met: true,
          },
        ]
      : []),
    ...(devtools
      ? [
          {
            key: 'devtoolsRenderMs1000',
            what: 'DevTools panel first render, 1,000 timeline entries',
            value: devtools.devtoolsRenderMs1000,
            unit: 'ms',
            goal: '< 100',
            met: devtools.devtoolsRenderMs1000 < 100,
          },
          {
            key: 'devtoolsRenderMs1000P25',
            what: '  spread of that render: 25th percentile',
            value: devtools.devtoolsRenderMs1000P25,
            unit: 'ms',
            goal: '—',
            met: true,
          },
          {
            key: 'devtoolsRenderMs1000P75',
            what: '  spread of that render: 75th percentile',
            value: devtools.devtoolsRenderMs1000P75,
            unit: 'ms',
            goal: '—',
            met: true,
          },
          {
            key: 'devtoolsRenderCpuMs1000',
            what: '  main-thread CPU time of that render (load-independent)',
            value: devtools.devtoolsRenderCpuMs1000,
            unit: 'ms',
            goal: '—',
            met: true,
          },
          {
            key: 'devtoolsPanelEntriesAt10000',
            what: '  10,000 entries sent: entries the panel holds',
            value: devtools.devtoolsPanelEntriesAt10000,
            unit: '',
            goal: '≤ 1,000',
            met: devtools.devtoolsPanelEntriesAt10000 <= 1000,
          },
          {
            key: 'timelineEntriesKeptAt10000',
            what: '  10,000 entries appended: entries a tab keeps (stored too)',
            value: devtools.timelineEntriesKeptAt10000,
            unit: '',
            goal: '≤ 1,000',
            met: devtools.timelineEntriesKeptAt10000 <= 1000,
          },
          {
            key: 'timelineStoredKBAt10000',
            what: '  stored timeline of that tab',
            value: devtools.timelineStoredKBAt10000,
            unit: 'KB',
            goal: '—',
            met: true,
          },
        ]
      : []),
    ...(sizes
      ? [
          {
            key: 'popupGzipKB',
            what: 'popup bundle, gzip',
            value: sizes.popupGzipKB,
            unit: 'KB',
            goal: '≤ 40',
            met: sizes.popupGzipKB <= 40,
          },
          {
            key: 'popupOnDemandGzipKB',
            what: '  lesson texts, loaded when an explanation is first opened',
            value: sizes.popupOnDemandGzipKB,
            unit: 'KB',
            goal: '—',
            met: true,
          },
          {
            key: 'backgroundGzipKB',
            what: 'background bundle, gzip',
            value: sizes.backgroundGzipKB,
            unit: 'KB',
            goal: '≤ 30',
            met: sizes.backgroundGzipKB <= 30,
          },
          {
            key: 'storageBytes200Tabs',
            what: 'stored state for 200 tabs',
            value: sizes.storageBytes200Tabs,
            unit: 'B',
            goal: '≤ 5 MB',
            met: sizes.storageBytes200Tabs <= 5 * 1024 * 1024,
          },
        ]
      : []),
    ...(cli
      ? [
          {
            key: 'cliPagesPerSecConcurrency1',
            what: 'CLI, 40 demo pages, --concurrency 1',
            value: cli.cliPagesPerSecConcurrency1,
            unit: 'pages/s',
            goal: '—',
            met: true,
          },
          {
            key: 'cliPagesPerSecConcurrency4',
            what: 'CLI, 40 demo pages, --concurrency 4',
            value: cli.cliPagesPerSecConcurrency4,
            unit: 'pages/s',
            goal: '—',
            met: true,
          },
          {
            key: 'cliParallelSpeedup',
            what: 'CLI, --concurrency 4 vs 1 (speed ratio)',
            value: cli.cliParallelSpeedup,
            unit: '×',
            goal: '≥ 2.5',
            met: cli.cliParallelSpeedup >= 2.5,
          },
          {
            key: 'cliCpuSecondsPerPageConcurrency1',
            what: 'CLI, CPU-seconds per page (browser + Node), --concurrency 1',
            value: cli.cliCpuSecondsPerPageConcurrency1,
            unit: 's',
            goal: '—',
            met: true,
          },
          {
            key: 'cliCpuSecondsPerPageConcurrency4',
            what: 'CLI, CPU-seconds per page (browser + Node), --concurrency 4',
            value: cli.cliCpuSecondsPerPageConcurrency4,
            unit: 's',
            goal: '—',
            met: true,
          },
          {
            key: 'cliMedianSecondsPerPage',
            what: 'CLI, median time per page at --concurrency 1',
            value: cli.cliMedianSecondsPerPage,
            unit: 's',
            goal: '—',
            met: true,
          },
        ]
      : []),
  ];

  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  // A partial run (BENCH_ONLY) updates its own figures and keeps the others of the last full run.
  const previous = only ? readPrevious() : {};
  const results = {
    ...previous,
    ...Object.fromEntries(rows.map((r) => [r.key, r.value])),
    details: {
      ...(previous.details ?? {}),
      ...definedOnly({ engine, handler, pageLoad, firefoxPageLoad, popup, devtools, sizes, cli }),
    },
    goalsMet: { ...(previous.goalsMet ?? {}), ...Object.fromEntries(rows.map((r) => [r.key, r.met])) },
    ...(only ? { partial: [...only] } : {}),
    machine,
    quick,
    measuredAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(
    `\nCookie Audit benchmark — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}${quick ? ' (quick)' : ''}\n`,
  );
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(12)}  goal      met`);
  for (const r of rows) {
    const value = `${r.value.toLocaleString('en')} ${r.unit}`;
    console.log(
      `${r.what.padEnd(width)}  ${value.padStart(12)}  ${r.goal.padEnd(8)}  ${r.met ? 'yes' : 'NO'}`,
    );
  }
  console.log(`\nSaved to bench/results.json (${results.durationSeconds} s).`);
}

const RESULTS = path.join(ROOT, 'bench', 'results.json');

function readPrevious(): { details?: object; goalsMet?: object } & Record<string, unknown> {
  try {
    const { partial: _partial, ...rest } = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<
      string,
      unknown
    >;
    return rest;
  } catch {
    return {};
  }
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
