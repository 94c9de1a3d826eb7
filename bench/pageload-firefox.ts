/**
 * Page-load overhead of the extension in real Firefox, on the same loopback page as the Chromium
 * bench: no extension, Cookie Audit with access to another site only, and Cookie Audit auditing the
 * page; load by load, interleaved, paired per round. Firefox's webRequest has no per-profile proxy:
 * an extension without listeners for a request should cost that request nothing.
 */
import type { Browser, Page } from 'puppeteer-core';
import { findFirefox, launchFirefox } from '../src/cli/firefox.ts';
import {
  interleavedRounds,
  median,
  overhead,
  processTreeCpuMsOfPid,
  type Spread,
  startBenchServer,
  summary,
} from './pageload.ts';

export interface FirefoxPageLoadBench {
  firefoxPageLoadMsWithout: number;
  /** Cookie Audit with access to another site only: the bench page is not granted. */
  firefoxPageLoadNoAccessOverheadPct: number;
  firefoxPageLoadNoAccessCpuOverheadPct: number;
  /** Cookie Audit auditing the bench page. */
  firefoxPageLoadOverheadPct: number;
  firefoxPageLoadCpuOverheadPct: number;
  spread: Record<string, Spread>;
  cpuSpread: Record<string, Spread>;
  firefoxPageLoadRuns: number;
}

type Variant = 'none' | 'noAccess' | 'audited';
const VARIANTS: readonly Variant[] = ['none', 'noAccess', 'audited'];

async function openVariant(variant: Variant, url: string) {
  let browser: Browser;
  let recorded = async () => false;
  if (variant === 'none') {
    const { default: puppeteer } = await import('puppeteer-core');
    // The same preferences as the CLI's Firefox, less the extension's own.
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'datareporting.policy.dataSubmissionEnabled': false,
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
      },
    });
  } else {
    const origin = new URL(url);
    const firefox = await launchFirefox({
      hostAccess:
        variant === 'audited'
          ? [`${origin.protocol}//${origin.hostname}/*`]
          : ['http://audited-elsewhere.test/*'],
    });
    browser = firefox.browser;
    recorded = async () => {
      const page = await firefox.extensionPage();
      try {
        const keys = await page.evaluate(async () =>
          Object.keys(
            await (
              globalThis as unknown as {
                browser: { storage: { session: { get(k: null): Promise<object> } } };
              }
            ).browser.storage.session.get(null),
          ),
        );
        return keys.some((key) => key.includes(origin.host));
      } finally {
        await page.close();
      }
    };
  }
  const pid = browser.process()?.pid ?? -1;
  const page: Page = await browser.newPage();
  const load = async () => {
    const cpu0 = processTreeCpuMsOfPid(pid);
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.title === 'done', { timeout: 30_000 });
    const ms = performance.now() - t0;
    return { ms, cpuMs: processTreeCpuMsOfPid(pid) - cpu0 };
  };
  return { browser, load, recorded };
}

/** Rounds as in the Chromium bench: every variant once per round, rotating, after two warm-up rounds. */
export async function runFirefoxPageLoadBench(runs = 15): Promise<FirefoxPageLoadBench> {
  const server = await startBenchServer();
  const url = `http://127.0.0.1:${server.port}/`;
  const open: Awaited<ReturnType<typeof openVariant>>[] = [];
  try {
    for (const v of VARIANTS) open.push(await openVariant(v, url));
    const { times, cpu } = await interleavedRounds(
      open.map((v) => v.load),
      runs,
    );
    // The figures mean something only if the audited browser recorded the page and the other did not.
    if (!(await open[VARIANTS.indexOf('audited')].recorded()))
      throw new Error('Firefox: the audited variant recorded nothing of the page');
    if (await open[VARIANTS.indexOf('noAccess')].recorded())
      throw new Error('Firefox: the variant without access recorded the page');
    const at = (v: Variant) => times[VARIANTS.indexOf(v)];
    const cpuAt = (v: Variant) => cpu[VARIANTS.indexOf(v)];
    const o = {
      noAccess: overhead(at('noAccess'), at('none')),
      audited: overhead(at('audited'), at('none')),
    };
    const c = {
      noAccess: overhead(cpuAt('noAccess'), cpuAt('none')),
      audited: overhead(cpuAt('audited'), cpuAt('none')),
    };
    return {
      firefoxPageLoadMsWithout: +median(at('none')).toFixed(1),
      firefoxPageLoadNoAccessOverheadPct: o.noAccess.median,
      firefoxPageLoadNoAccessCpuOverheadPct: c.noAccess.median,
      firefoxPageLoadOverheadPct: o.audited.median,
      firefoxPageLoadCpuOverheadPct: c.audited.median,
      spread: { ...o, none: summary(at('none')) },
      cpuSpread: c,
      firefoxPageLoadRuns: at('none').length,
    };
  } finally {
    for (const v of open) await v.browser.close().catch(() => undefined);
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runFirefoxPageLoadBench(Number(process.env.BENCH_ROUNDS ?? 15)), null, 2));
}
