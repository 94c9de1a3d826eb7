/**
 * The CLI's throughput in real Chromium: 40 pages of the demo's crawlable site audited with
 * --concurrency 1 and --concurrency 4 (one fresh browser profile each run), pages per second for
 * each and their ratio, the median time per page, CPU-seconds per page (robust on a shared
 * machine), and where a page's time goes (navigation, settling, waiting for the extension's
 * audit, the redirect check, browser start, the report) with a timeline of how the tabs overlap.
 *
 * Trustworthy on a shared machine: the two variants alternate within one run (c1 c4 c4 c1 c1 c4 …,
 * so a load that rises or falls during the run hits both alike), each figure is the median of the
 * repetitions with its spread, and the load average is recorded beside them.
 * `npm run bench:cli` runs this entry alone (BENCH_CLI_ROUNDS=N repetitions of each, default 3).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditUrls, type PagePhases } from '../src/cli/audit.ts';
import { openDriver } from '../src/cli/drivers.ts';
import { ROOT } from '../src/cli/paths.ts';
import { checkRedirectFromNode } from '../src/cli/redirect-check.ts';
import { DEMO_HOSTS, startDemoSite } from '../src/demo/server.ts';

type PhaseKey = 'navigateMs' | 'settleMs' | 'auditWaitMs' | 'redirectCheckMs' | 'linksMs';

interface Spread {
  median: number;
  min: number;
  max: number;
}

interface VariantFigures {
  pagesPerSec: Spread;
  /** Wall seconds of the 40 pages (tabs opened, pages audited, report read), per run. */
  runSeconds: number[];
  /** CPU-seconds per page of everything involved (browser processes, this Node process). */
  cpuSecondsPerPage: Spread;
  /** CPU-seconds per page by process kind (browser, renderer, extension, gpu, network…), median. */
  cpuByProcess: Record<string, number>;
  /** Median milliseconds per phase of a page. */
  phaseMedianMs: Record<PhaseKey, number>;
  /** Reading the report, cookies and observations from the extension at the end (ms, median). */
  reportMs: number;
  /** Sum of the pages' times over the run's time: how many pages were in flight on average. */
  meanPagesInFlight: number;
  /** When each tab audited its first page (ms from the run's start, median over runs). */
  firstPageStartMs: number[];
}

export interface CliBench {
  cliPagesPerSecConcurrency1: number;
  cliPagesPerSecConcurrency4: number;
  cliParallelSpeedup: number;
  cliMedianSecondsPerPage: number;
  /** CPU-seconds per page at --concurrency 1 and 4: stable under load where wall time is not. */
  cliCpuSecondsPerPageConcurrency1: number;
  cliCpuSecondsPerPageConcurrency4: number;
  cliPages: number;
  cliRounds: number;
  /** Speed ratio of each pair of runs made next to each other (c4 over c1). */
  cliSpeedupPerRound: number[];
  /** Browser start with the extension, until the first page can be opened (median of the runs). */
  cliBrowserStartSeconds: number;
  /** Median milliseconds per phase of a page at concurrency 1 (kept for older readers). */
  cliPhaseMedianMs: Record<PhaseKey, number>;
  concurrency1: VariantFigures;
  concurrency4: VariantFigures;
  /** 1-minute load average before, between (max) and after the runs; cores of the machine. */
  loadAverage: { before: number; max: number; after: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? 0
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs: number[], digits: number): Spread => ({
  median: +median(xs).toFixed(digits),
  min: +Math.min(...xs).toFixed(digits),
  max: +Math.max(...xs).toFixed(digits),
});

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU-seconds of every live process below this one (the browser and its helpers), by kind, from
 * /proc (Linux). This Node process is measured with process.cpuUsage() instead. Empty elsewhere.
 */
function descendantCpu(): Map<number, { kind: string; seconds: number }> {
  const procs = new Map<number, { ppid: number; seconds: number; cmd: string }>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return new Map();
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: the process and its reaped children.
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      procs.set(Number(entry), { ppid: Number(fields[1]), seconds: ticks / USER_HZ, cmd });
    } catch {
      // the process ended meanwhile
    }
  }
  const out = new Map<number, { kind: string; seconds: number }>();
  const walk = (parent: number) => {
    for (const [pid, p] of procs) {
      if (p.ppid !== parent || out.has(pid)) continue;
      const type = /--type=(\S+)/.exec(p.cmd)?.[1];
      const kind =
        type === 'renderer' && p.cmd.includes('--extension-process')
          ? 'extension'
          : type === 'utility'
            ? (/--utility-sub-type=\S*?(\w+)\.mojom/.exec(p.cmd)?.[1] ?? 'utility')
            : (type ?? (/chrom/.test(p.cmd) ? 'browser' : path.basename(p.cmd.split(' ')[0] || '?')));
      out.set(pid, { kind, seconds: p.seconds });
      walk(pid);
    }
  };
  walk(process.pid);
  return out;
}

function cpuSince(before: Map<number, { kind: string; seconds: number }>, nodeBefore: NodeJS.CpuUsage) {
  const byKind: Record<string, number> = {};
  for (const [pid, p] of descendantCpu()) {
    const delta = p.seconds - (before.get(pid)?.seconds ?? 0);
    if (delta > 0) byKind[p.kind] = (byKind[p.kind] ?? 0) + delta;
  }
  const node = process.cpuUsage(nodeBefore);
  byKind.node = (node.user + node.system) / 1e6;
  return byKind;
}

async function auditOnce(urls: string[], concurrency: number) {
  const t0 = performance.now();
  const loopbackHosts = Object.values(DEMO_HOSTS);
  const driver = await openDriver('chromium', { insecure: true, loopbackHosts, quiet: true });
  const startSeconds = (performance.now() - t0) / 1000;
  const perPage: number[] = [];
  const phases: PagePhases[] = [];
  try {
    const cpuBefore = descendantCpu();
    const nodeBefore = process.cpuUsage();
    const t1 = performance.now();
    let reportStarted = 0;
    const run = await auditUrls(driver, urls, {
      concurrency,
      // As the CLI does it: from Node, once per origin.
      checkRedirect: (target) => checkRedirectFromNode(target, { loopbackHosts }),
      events: {
        done: (_url, outcome) => {
          perPage.push(outcome.ms / 1000);
          if (perPage.length === urls.length) reportStarted = performance.now();
        },
        phases: (_url, p) => phases.push(p),
      },
    });
    const ended = performance.now();
    const seconds = (ended - t1) / 1000;
    const cpu = cpuSince(cpuBefore, nodeBefore);
    if (run.failed > 0) throw new Error(`bench: ${run.failed} page(s) failed: ${run.warnings.join('; ')}`);
    const firstStarts = new Map<number, number>();
    for (const p of phases) if (!firstStarts.has(p.slot)) firstStarts.set(p.slot, p.startMs);
    return {
      seconds,
      startSeconds,
      perPage,
      phases,
      cpu,
      reportMs: reportStarted ? ended - reportStarted : 0,
      inFlight: perPage.reduce((a, b) => a + b, 0) / seconds,
      firstStarts: [...firstStarts.entries()].sort((a, b) => a[0] - b[0]).map(([, ms]) => ms),
    };
  } finally {
    await driver.close();
  }
}

type Run = Awaited<ReturnType<typeof auditOnce>>;

function figures(runs: Run[], pages: number): VariantFigures {
  const phases = runs.flatMap((x) => x.phases);
  const phaseMedian = (key: PhaseKey) => Math.round(median(phases.map((p) => p[key])));
  const cpuTotals = runs.map((r) => Object.values(r.cpu).reduce((a, b) => a + b, 0) / pages);
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.cpu)))];
  const slots = Math.max(...runs.map((r) => r.firstStarts.length));
  return {
    pagesPerSec: spread(
      runs.map((r) => pages / r.seconds),
      2,
    ),
    runSeconds: runs.map((r) => +r.seconds.toFixed(2)),
    cpuSecondsPerPage: spread(cpuTotals, 3),
    cpuByProcess: Object.fromEntries(
      kinds.map((k) => [k, +median(runs.map((r) => (r.cpu[k] ?? 0) / pages)).toFixed(3)]),
    ),
    phaseMedianMs: {
      navigateMs: phaseMedian('navigateMs'),
      settleMs: phaseMedian('settleMs'),
      auditWaitMs: phaseMedian('auditWaitMs'),
      // Made once per origin: the page that made it.
      redirectCheckMs: Math.round(
        median(runs.map((r) => Math.max(...r.phases.map((p) => p.redirectCheckMs)))),
      ),
      linksMs: phaseMedian('linksMs'),
    },
    reportMs: Math.round(median(runs.map((r) => r.reportMs))),
    meanPagesInFlight: +median(runs.map((r) => r.inFlight)).toFixed(2),
    firstPageStartMs: Array.from({ length: slots }, (_, i) =>
      Math.round(median(runs.flatMap((r) => (r.firstStarts[i] === undefined ? [] : [r.firstStarts[i]])))),
    ),
  };
}

export async function runCliBench(pages = 40, rounds = 3): Promise<CliBench> {
  const demo = await startDemoSite();
  const load = [loadavg()[0]];
  try {
    const urls = Array.from({ length: pages }, (_, i) => demo.urls.sitePage(i + 1));
    // Warm-up: the first browser start of a process pays for loading playwright and the profile.
    await auditOnce(urls.slice(0, 2), 1);
    const one: Run[] = [];
    const four: Run[] = [];
    // Alternating pairs in ABBA order: a load that changes during the run weighs on both alike.
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [1, 4] : [4, 1];
      for (const c of order) {
        (c === 1 ? one : four).push(await auditOnce(urls, c));
        load.push(loadavg()[0]);
      }
    }
    const c1 = figures(one, pages);
    const c4 = figures(four, pages);
    const rate1 = pages / median(one.map((x) => x.seconds));
    const rate4 = pages / median(four.map((x) => x.seconds));
    return {
      cliPagesPerSecConcurrency1: +rate1.toFixed(2),
      cliPagesPerSecConcurrency4: +rate4.toFixed(2),
      cliParallelSpeedup: +(rate4 / rate1).toFixed(2),
      cliMedianSecondsPerPage: +median(one.flatMap((x) => x.perPage)).toFixed(3),
      cliCpuSecondsPerPageConcurrency1: c1.cpuSecondsPerPage.median,
      cliCpuSecondsPerPageConcurrency4: c4.cpuSecondsPerPage.median,
      cliPages: pages,
      cliRounds: rounds,
      cliSpeedupPerRound: one.map((x, i) => +(x.seconds / four[i].seconds).toFixed(2)),
      cliBrowserStartSeconds: +median([...one, ...four].map((x) => x.startSeconds)).toFixed(2),
      cliPhaseMedianMs: c1.phaseMedianMs,
      concurrency1: c1,
      concurrency4: c4,
      loadAverage: {
        before: +load[0].toFixed(2),
        max: +Math.max(...load).toFixed(2),
        after: +(load.at(-1) ?? 0).toFixed(2),
      },
    };
  } finally {
    await demo.close();
  }
}

/** The keys `npm run bench:cli` updates at the top of bench/results.json (the others are kept). */
export const CLI_KEYS = [
  'cliPagesPerSecConcurrency1',
  'cliPagesPerSecConcurrency4',
  'cliParallelSpeedup',
  'cliMedianSecondsPerPage',
  'cliCpuSecondsPerPageConcurrency1',
  'cliCpuSecondsPerPageConcurrency4',
] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm run bench:cli`: this entry alone, its keys updated in bench/results.json.
  const quick = process.env.BENCH_QUICK === '1';
  const rounds = Number(process.env.BENCH_CLI_ROUNDS) || (quick ? 1 : 3);
  const cli = await runCliBench(40, rounds);
  console.log(JSON.stringify(cli, null, 2));
  const file = path.join(ROOT, 'bench', 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
    details: Record<string, unknown>;
    goalsMet: Record<string, boolean>;
  };
  for (const key of CLI_KEYS) {
    results[key] = cli[key];
    results.goalsMet[key] = key === 'cliParallelSpeedup' ? cli.cliParallelSpeedup >= 2.5 : true;
  }
  results.details.cli = { ...cli, measuredAt: new Date().toISOString(), quick };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `c1 ${cli.cliPagesPerSecConcurrency1} pages/s, c4 ${cli.cliPagesPerSecConcurrency4} pages/s, speedup ${cli.cliParallelSpeedup}× (per round ${cli.cliSpeedupPerRound.join(', ')}), CPU ${cli.cliCpuSecondsPerPageConcurrency1} / ${cli.cliCpuSecondsPerPageConcurrency4} s a page, load average ${cli.loadAverage.before}–${cli.loadAverage.max}`,
  );
  console.log('Saved the CLI keys to bench/results.json.');
}
