/**
 * Page-load overhead of the extension in real Chromium: a loopback page that makes 200
 * cookie-setting requests, loaded with no extension, with empty-listener floors, with Cookie Audit
 * having no access to the page's site, and with Cookie Audit auditing it; load by load, interleaved.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Held `webRequest` and `cookies` and a grant for another site, no listener: the permission's own cost. */
  pageLoadPermissionOnlyPct: number;
  /**
   * The site without access: our extension over that permission-only floor, per round (points), in
   * wall-clock and CPU time: what Cookie Audit's own code costs there, beyond what Chromium charges
   * any extension that holds `webRequest`.
   */
  pageLoadNoAccessOverPermissionPts: number;
  pageLoadNoAccessCpuOverPermissionPts: number;
  /** The same plus the required listeners, empty, on every URL: what listeners cost on a site without access. */
  pageLoadListenersElsewherePct: number;
  /** The browser's CPU time per load (its whole process tree), without extension, and overheads by it. */
  pageLoadCpuMsWithout: number;
  pageLoadNoAccessCpuOverheadPct: number;
  pageLoadCpuOverheadPct: number;
  pageLoadCpuOverFloorPts: number;
  /** Interquartile range (p25–p75) of each variant's per-round overhead. */
  spread: Record<string, { median?: number; p25: number; p75: number }>;
  cpuSpread: Record<string, { median?: number; p25: number; p75: number }>;
  pageLoadRuns: number;
}

/**
 * The least any extension that reads Set-Cookie in Chrome can cost: an empty listener with
 * extraHeaders (which Chrome requires to show Set-Cookie) on every response. With `hosts` other than
 * every site and no listeners, it is the cost of holding the `webRequest` permission alone.
 */
function writeFloorExtension(
  withCookies: boolean,
  withRequestHeaders = false,
  hosts: string[] = ['<all_urls>'],
  withListeners = true,
): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-floor-'));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'floor',
      version: '1.0',
      background: { service_worker: 'bg.js' },
      permissions: withCookies ? ['webRequest', 'cookies'] : ['webRequest'],
      host_permissions: hosts,
    }),
  );
  const listeners =
    "chrome.webRequest.onHeadersReceived.addListener(() => {}, { urls: ['<all_urls>'] }, ['responseHeaders', 'extraHeaders']);\n" +
    (withCookies ? 'chrome.cookies.onChanged.addListener(() => {});\n' : '') +
    (withRequestHeaders
      ? "chrome.webRequest.onSendHeaders.addListener(() => {}, { urls: ['http://*/*'] }, ['requestHeaders', 'extraHeaders']);\n"
      : '');
  writeFileSync(
    path.join(dir, 'bg.js'),
    withListeners ? listeners : '// holds the permissions, listens to nothing\n',
  );
  return dir;
}

const PAGE = `<!doctype html><title>bench</title><script>
const t0 = performance.now();
Promise.all(Array.from({ length: 200 }, (_, i) => fetch('/c/' + i, { cache: 'no-store' }).then((r) => r.text())))
  .then(() => { window.__loadMs = performance.now() - t0; document.title = 'done'; });
</script>`;

export function startBenchServer(): Promise<{ port: number; close(): Promise<void> }> {
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

type Variant =
  | 'none'
  | 'floor'
  | 'floorCookies'
  | 'floorRequired'
  | 'permissionOnly'
  | 'listenersElsewhere'
  | 'noAccess'
  | 'audited';

/** The granted host of the variants that audit another site: the bench page's host is not granted. */
const ELSEWHERE = 'http://audited-elsewhere.test/*';

/**
 * CPU time (user + system, ms) of a browser's whole process tree: its main process (found by its
 * profile directory) and every descendant, including reaped children. A load's CPU time is the
 * difference around it; on a shared machine it swings far less than wall-clock time, because time
 * spent waiting for a core does not count.
 */
export function processTreeCpuMs(profileDir: string): number {
  return treeCpuMs(
    (_pid, cmd) => cmd().includes(`--user-data-dir=${profileDir}`) && !cmd().includes('--type='),
  );
}

/** The same for the process tree under a known process id (Firefox, started by puppeteer). */
export function processTreeCpuMsOfPid(rootPid: number): number {
  return treeCpuMs((pid) => pid === rootPid);
}

function treeCpuMs(isMain: (pid: number, cmd: () => string) => boolean): number {
  const ticksPerMs = 100 / 1000; // Linux USER_HZ is 100 on every platform Node runs on.
  const stats = new Map<number, { ppid: number; ticks: number }>();
  let main = -1;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields are counted after it.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      stats.set(pid, { ppid: Number(f[1]), ticks });
      if (main < 0 && isMain(pid, () => readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) main = pid;
    } catch {
      // The process ended while the table was read.
    }
  }
  if (main < 0) return Number.NaN;
  let total = 0;
  const inTree = new Set([main]);
  // Parents have lower pids than children almost always; repeat until no process joins the tree.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of stats) {
      if (!inTree.has(pid) && inTree.has(ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of inTree) total += stats.get(pid)?.ticks ?? 0;
  return total / ticksPerMs;
}

/**
 * BENCH_AUDITED_DISTS="name=dir,…" adds variants that audit the page with another build of the
 * extension (an A/B of a change, in the same run): `audited:name` in the details;
 * BENCH_NOACCESS_DISTS the same for the variant without access (`noAccess:name`).
 */
function extraDists(): Record<string, string> {
  const parse = (variable: string, prefix: string) =>
    (process.env[variable] ?? '')
      .split(',')
      .filter((part) => part.includes('='))
      .map((part) => {
        const [name, dir] = part.split('=');
        return [`${prefix}:${name.trim()}`, path.resolve(dir.trim())];
      });
  return Object.fromEntries([
    ...parse('BENCH_AUDITED_DISTS', 'audited'),
    ...parse('BENCH_NOACCESS_DISTS', 'noAccess'),
  ]);
}

/** One browser per variant, all open at once, so that loads can alternate between them. */
async function openVariant(variant: string, dirs: Record<string, string>, url: string) {
  const origin = new URL(url);
  const browser = await launchChromium(
    variant.startsWith('audited:')
      ? { dist: dirs[variant], hostAccess: [`${origin.protocol}//${origin.hostname}/*`] }
      : variant.startsWith('noAccess:')
        ? { dist: dirs[variant], hostAccess: [ELSEWHERE] }
        : variant === 'none'
          ? { withExtension: false }
          : variant === 'noAccess'
            ? // Access to one other site only: the bench page's host is not granted.
              { hostAccess: [ELSEWHERE] }
            : variant === 'audited'
              ? { hostAccess: [`${origin.protocol}//${origin.hostname}/*`] }
              : { dist: dirs[variant] },
  );
  const page = await browser.context.newPage();
  const load = async () => {
    const cpu0 = processTreeCpuMs(browser.profileDir);
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 30_000 });
    const ms = performance.now() - t0;
    return { ms, cpuMs: processTreeCpuMs(browser.profileDir) - cpu0 };
  };
  return { browser, load };
}

export const median = (xs: number[]) => quantile(xs, 0.5);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface Spread {
  median: number;
  p25: number;
  p75: number;
}

export const summary = (xs: number[]): Spread => ({
  median: +median(xs).toFixed(2),
  p25: +quantile(xs, 0.25).toFixed(2),
  p75: +quantile(xs, 0.75).toFixed(2),
});

/** Overhead of a variant in % of the same round's load without extension: median and IQR of the rounds. */
export function overhead(times: number[], without: number[]): Spread {
  return summary(times.map((t, i) => ((t - without[i]) / without[i]) * 100));
}

/**
 * Every variant loads once per round, in a rotating order, for `runs` rounds after two warm-up rounds:
 * wall-clock and CPU milliseconds per variant, round by round (so that they can be paired).
 */
export async function interleavedRounds(
  loads: (() => Promise<{ ms: number; cpuMs: number }>)[],
  runs: number,
): Promise<{ times: number[][]; cpu: number[][] }> {
  const times: number[][] = loads.map(() => []);
  const cpu: number[][] = loads.map(() => []);
  for (let round = 0; round < runs + 2; round++) {
    for (let k = 0; k < loads.length; k++) {
      const i = (k + round) % loads.length;
      const { ms, cpuMs } = await loads[i]();
      if (round >= 2) {
        times[i].push(ms);
        cpu[i].push(cpuMs);
      }
    }
  }
  return { times, cpu };
}

export const PAGELOAD_VARIANTS: readonly Variant[] = [
  'none',
  'floor',
  'floorCookies',
  'floorRequired',
  'permissionOnly',
  'listenersElsewhere',
  'noAccess',
  'audited',
];

/**
 * Every variant is loaded once per round, in a rotating order, for `runs` rounds after two warm-up
 * rounds; each variant's overhead is taken per round against that round's plain load (paired), so
 * the machine's swings hit every variant alike. Reported: the median over rounds and its spread,
 * for wall-clock time and for the browser's CPU time per load.
 */
export async function runPageLoadBench(runs = 15): Promise<PageLoadBench> {
  const server = await startBenchServer();
  const dirs = {
    floor: writeFloorExtension(false),
    floorCookies: writeFloorExtension(true),
    floorRequired: writeFloorExtension(true, true),
    permissionOnly: writeFloorExtension(true, true, [ELSEWHERE], false),
    listenersElsewhere: writeFloorExtension(true, true, [ELSEWHERE], true),
  };
  const url = `http://127.0.0.1:${server.port}/`;
  const extra = extraDists();
  const variants: string[] = [...PAGELOAD_VARIANTS, ...Object.keys(extra)];
  const open: Awaited<ReturnType<typeof openVariant>>[] = [];
  try {
    for (const v of variants) open.push(await openVariant(v, { ...dirs, ...extra }, url));
    const { times, cpu } = await interleavedRounds(
      open.map((v) => v.load),
      runs,
    );
    // The figures mean something only if the audited browser recorded the page and the other did not.
    const recorded = async (v: string) =>
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
    const at = (v: string) => times[variants.indexOf(v)];
    const cpuAt = (v: string) => cpu[variants.indexOf(v)];
    const none = at('none');
    for (const v of Object.keys(extra)) {
      if ((await recorded(v)) !== v.startsWith('audited:'))
        throw new Error(`The ${v} variant recorded ${v.startsWith('audited:') ? 'nothing of' : ''} the page`);
    }
    const o = Object.fromEntries(variants.slice(1).map((v) => [v, overhead(at(v), none)])) as Record<
      Exclude<Variant, 'none'>,
      Spread
    >;
    const cpuOverhead = Object.fromEntries(
      variants.slice(1).map((v) => [v, overhead(cpuAt(v), cpuAt('none'))]),
    ) as Record<Exclude<Variant, 'none'>, Spread>;
    const overFloor = at('audited').map(
      (t, i) => ((t - none[i]) / none[i]) * 100 - ((at('floorRequired')[i] - none[i]) / none[i]) * 100,
    );
    const cpuNone = cpuAt('none');
    const cpuOverFloor = cpuAt('audited').map(
      (t, i) =>
        ((t - cpuNone[i]) / cpuNone[i]) * 100 - ((cpuAt('floorRequired')[i] - cpuNone[i]) / cpuNone[i]) * 100,
    );
    const overFloorSpread = summary(overFloor);
    const pointsOver = (xs: number[], floor: number[], base: number[]) =>
      summary(xs.map((t, i) => ((t - floor[i]) / base[i]) * 100));
    const noAccessOverPermission = pointsOver(at('noAccess'), at('permissionOnly'), none);
    const noAccessCpuOverPermission = pointsOver(cpuAt('noAccess'), cpuAt('permissionOnly'), cpuNone);
    return {
      pageLoadMsWithout: +median(none).toFixed(1),
      pageLoadMsWith: +median(at('audited')).toFixed(1),
      pageLoadOverheadPct: o.audited.median,
      pageLoadMsFloor: +median(at('floor')).toFixed(1),
      pageLoadFloorPct: o.floor.median,
      pageLoadMsFloorWithCookies: +median(at('floorCookies')).toFixed(1),
      pageLoadFloorWithCookiesPct: o.floorCookies.median,
      pageLoadMsFloorRequired: +median(at('floorRequired')).toFixed(1),
      pageLoadFloorRequiredPct: o.floorRequired.median,
      pageLoadMsNoAccess: +median(at('noAccess')).toFixed(1),
      pageLoadNoAccessOverheadPct: o.noAccess.median,
      pageLoadOverFloorPts: overFloorSpread.median,
      pageLoadPermissionOnlyPct: o.permissionOnly.median,
      pageLoadNoAccessOverPermissionPts: noAccessOverPermission.median,
      pageLoadNoAccessCpuOverPermissionPts: noAccessCpuOverPermission.median,
      pageLoadListenersElsewherePct: o.listenersElsewhere.median,
      pageLoadCpuMsWithout: +median(cpuNone).toFixed(1),
      pageLoadNoAccessCpuOverheadPct: cpuOverhead.noAccess.median,
      pageLoadCpuOverheadPct: cpuOverhead.audited.median,
      pageLoadCpuOverFloorPts: summary(cpuOverFloor).median,
      spread: { ...o, overFloorPts: overFloorSpread, noAccessOverPermissionPts: noAccessOverPermission },
      cpuSpread: {
        ...cpuOverhead,
        overFloorPts: summary(cpuOverFloor),
        noAccessOverPermissionPts: noAccessCpuOverPermission,
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
  console.log(JSON.stringify(await runPageLoadBench(Number(process.env.BENCH_ROUNDS ?? 15)), null, 2));
}
