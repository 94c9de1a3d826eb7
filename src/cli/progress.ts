/**
 * What a run says while it works and when it ends, on stderr (stdout is the report's):
 * a progress bar on a terminal (cli-progress: done/total, current URL, elapsed, ETA, redrawn in
 * place), one line per page in CI logs, nothing but errors with --quiet; and always one summary line.
 */
import cliProgress from 'cli-progress';
import type { CookieAuditReport, Severity } from '../core/index.ts';
import { scrubOutput } from './output.ts';

export interface ProgressSink {
  /** The number of pages to audit is known (a crawl raises it as it finds pages). */
  total(count: number): void;
  pageStarted(url: string): void;
  pageDone(url: string, outcome: { ok: boolean; ms: number; note?: string }): void;
  /** A line that must be seen (login steps, warnings): printed above the bar. */
  note(line: string): void;
  stop(): void;
}

export type ProgressMode = 'bar' | 'lines' | 'quiet';

export function progressMode(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (quiet) return 'quiet';
  return stream.isTTY && process.env.CI !== 'true' ? 'bar' : 'lines';
}

const shorten = (url: string, max = 60) => {
  const clean = scrubOutput(url);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
};

export function createProgress(
  mode: ProgressMode,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressSink {
  if (mode === 'quiet') {
    return { total() {}, pageStarted() {}, pageDone() {}, note() {}, stop() {} };
  }
  let total = 0;
  let done = 0;
  if (mode === 'lines') {
    return {
      total(count) {
        total = count;
      },
      pageStarted() {},
      pageDone(url, outcome) {
        done++;
        // A run of one page says it in its summary (or its one error line).
        if (total <= 1) return;
        const status = outcome.ok ? 'ok' : 'failed';
        stream.write(
          `[${done}/${total}] ${scrubOutput(url)} ${status} ${(outcome.ms / 1000).toFixed(1)} s${outcome.note ? ` (${outcome.note})` : ''}\n`,
        );
      },
      note(line) {
        stream.write(`${scrubOutput(line)}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} pages | {duration_formatted} elapsed | ETA {eta_formatted} | {url}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const inFlight: string[] = [];
  return {
    total(count) {
      total = count;
      if (!started) {
        bar.start(total, done, { url: '' });
        started = true;
      } else bar.setTotal(total);
    },
    pageStarted(url) {
      inFlight.push(url);
      bar.update({ url: shorten(url) });
    },
    pageDone(url, outcome) {
      done++;
      inFlight.splice(inFlight.indexOf(url), 1);
      if (!outcome.ok) this.note(`${url} failed${outcome.note ? `: ${outcome.note}` : ''}`);
      bar.update(done, { url: shorten(inFlight.at(-1) ?? url) });
    },
    note(line) {
      // Printed above the bar: clear the bar's line, write, let the bar redraw itself.
      if (started) stream.write('\r\x1b[2K');
      stream.write(`${scrubOutput(line)}\n`);
      if (started) bar.render();
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/**
 * "Audited 40 pages, 3 sites (A+, C, F), findings: 4 high, 2 medium, 0 low, 1 info, 12.3 s" (not
 * prefixed "cookie-audit:", which starts error lines).
 */
export function summaryLine(
  report: CookieAuditReport,
  pages: { audited: number; failed: number },
  seconds: number,
): string {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const site of report.sites) {
    for (const f of site.findings) counts[f.severity]++;
    for (const c of site.cookies) {
      if (c.thirdParty) continue;
      for (const f of c.findings) counts[f.severity]++;
    }
  }
  const grades = report.sites.map((s) => s.grade).join(', ');
  const failed = pages.failed > 0 ? ` (${pages.failed} failed)` : '';
  return (
    `Audited ${pages.audited} page${pages.audited === 1 ? '' : 's'}${failed}, ` +
    `${report.sites.length} site${report.sites.length === 1 ? '' : 's'}${grades ? ` (${grades})` : ''}, ` +
    `findings: ${SEVERITY_ORDER.map((s) => `${counts[s]} ${s}`).join(', ')}, ${seconds.toFixed(1)} s`
  );
}
