/**
 * The CLI's throughput in real Chromium: 40 pages of the demo's crawlable site audited with
 * --concurrency 1 and --concurrency 4 in the same run (one fresh browser profile each), pages per
 * second for each and their ratio, the median time per page, and where a page's time goes
 * (navigation, settling, waiting for the extension's audit, the redirect check, browser start).
 * `npm run bench:cli` runs this entry alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditUrls, type PagePhases } from '../src/cli/audit.ts';
import { openDriver } from '../src/cli/drivers.ts';
import { ROOT } from '../src/cli/paths.ts';
import { DEMO_HOSTS, startDemoSite } from '../src/demo/server.ts';

export interface CliBench {
  cliPagesPerSecConcurrency1: number;
  cliPagesPerSecConcurrency4: number;
  cliParallelSpeedup: number;
  cliMedianSecondsPerPage: number;
  cliPages: number;
  /** Browser start with the extension, until the first page can be opened (median of the runs). */
  cliBrowserStartSeconds: number;
  /** Median milliseconds per phase of a page at concurrency 1. */
  cliPhaseMedianMs: Record<Exclude<keyof PagePhases, 'startMs' | 'slot'>, number>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? 0
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function auditOnce(urls: string[], concurrency: number) {
  const t0 = performance.now();
  const driver = await openDriver('chromium', { insecure: true, loopbackHosts: Object.values(DEMO_HOSTS) });
  const startSeconds = (performance.now() - t0) / 1000;
  const perPage: number[] = [];
  const phases: PagePhases[] = [];
  try {
    const t1 = performance.now();
    const run = await auditUrls(driver, urls, {
      concurrency,
      events: {
        done: (_url, outcome) => perPage.push(outcome.ms / 1000),
        phases: (_url, p) => phases.push(p),
      },
    });
    const seconds = (performance.now() - t1) / 1000;
    if (run.failed > 0) throw new Error(`bench: ${run.failed} page(s) failed: ${run.warnings.join('; ')}`);
    return { seconds, startSeconds, perPage, phases };
  } finally {
    await driver.close();
  }
}

export async function runCliBench(pages = 40, rounds = 1): Promise<CliBench> {
  const demo = await startDemoSite();
  try {
    const urls = Array.from({ length: pages }, (_, i) => demo.urls.sitePage(i + 1));
    // Warm-up: the first browser start of a process pays for loading playwright and the profile.
    await auditOnce(urls.slice(0, 2), 1);
    const one: Awaited<ReturnType<typeof auditOnce>>[] = [];
    const four: Awaited<ReturnType<typeof auditOnce>>[] = [];
    // Interleaved rounds even out the noise of a shared machine.
    for (let r = 0; r < rounds; r++) {
      one.push(await auditOnce(urls, 1));
      four.push(await auditOnce(urls, 4));
    }
    const rate = (runs: typeof one) => pages / median(runs.map((x) => x.seconds));
    const c1 = rate(one);
    const c4 = rate(four);
    const phases = one.flatMap((x) => x.phases);
    const phaseMedian = (key: Exclude<keyof PagePhases, 'startMs' | 'slot'>) =>
      Math.round(median(phases.map((p) => p[key])));
    return {
      cliPagesPerSecConcurrency1: +c1.toFixed(2),
      cliPagesPerSecConcurrency4: +c4.toFixed(2),
      cliParallelSpeedup: +(c4 / c1).toFixed(2),
      cliMedianSecondsPerPage: +median(one.flatMap((x) => x.perPage)).toFixed(3),
      cliPages: pages,
      cliBrowserStartSeconds: +median([...one, ...four].map((x) => x.startSeconds)).toFixed(2),
      cliPhaseMedianMs: {
        navigateMs: phaseMedian('navigateMs'),
        settleMs: phaseMedian('settleMs'),
        auditWaitMs: phaseMedian('auditWaitMs'),
        redirectCheckMs: Math.round(Math.max(...phases.map((p) => p.redirectCheckMs))),
        linksMs: phaseMedian('linksMs'),
      },
    };
  } finally {
    await demo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm run bench:cli`: this entry alone, its keys updated in bench/results.json.
  const quick = process.env.BENCH_QUICK === '1';
  const cli = await runCliBench(40, quick ? 1 : 2);
  console.log(cli);
  const file = path.join(ROOT, 'bench', 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
    details: Record<string, unknown>;
    goalsMet: Record<string, boolean>;
  };
  for (const key of [
    'cliPagesPerSecConcurrency1',
    'cliPagesPerSecConcurrency4',
    'cliParallelSpeedup',
    'cliMedianSecondsPerPage',
  ] as const) {
    results[key] = cli[key];
    results.goalsMet[key] = key === 'cliParallelSpeedup' ? cli.cliParallelSpeedup >= 2.5 : true;
  }
  results.details.cli = { ...cli, measuredAt: new Date().toISOString(), quick };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log('Saved the CLI keys to bench/results.json.');
}
