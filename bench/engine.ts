/**
 * Engine throughput: the full audit (parse + observe + classify + every rule + score, through
 * auditSite over sites of realistic size) against tough-cookie's `Cookie.parse` and
 * set-cookie-parser's `parseString` on the same corpus, in the same run.
 *
 *   npx tsx bench/engine.ts
 *
 * A benchmark, not a timed test: it prints a table and returns the figures.
 */
import { pathToFileURL } from 'node:url';
import setCookieParser from 'set-cookie-parser';
import { Cookie } from 'tough-cookie';
import { auditSite, emptySiteObservations, observeSetCookie } from '../src/core/index.ts';
import { CORPUS_NOW, type Corpus, generateCorpus } from './corpus.ts';

export interface EngineBench {
  engineHeadersPerSec: number;
  /** observeSetCookie alone (parse + storage model + value analysis), for the breakdown. */
  engineObserveOnlyPerSec: number;
  toughCookiePerSec: number;
  setCookieParserPerSec: number;
  engineVsToughCookie: number;
  engineVsSetCookieParser: number;
  /**
   * A floor, not a contender: reading every character of every header once (charCodeAt, summed)
   * and nothing else. Any audit that parses the whole line costs at least this much.
   */
  readOnceFloorPerSec: number;
  /** The per-header time budget that the 3× goal leaves for the whole audit, in µs. */
  goalBudgetMicros: number;
  /** The share of that budget that reading the characters once already takes, in %. */
  readOnceShareOfBudgetPct: number;
}

let sink = 0;

function auditCorpus(corpus: Corpus): void {
  for (const site of corpus.sites) {
    const cookies = new Array(site.lines.length);
    for (let i = 0; i < site.lines.length; i++) {
      cookies[i] = observeSetCookie(site.lines[i], { url: site.url, now: CORPUS_NOW + i });
    }
    const origin = site.url.slice(0, site.url.indexOf('/', 8));
    const obs = emptySiteObservations(site.url, {
      origin,
      cookies,
      responses: [{ url: site.url, status: 200, hsts: null, mainFrame: true, observedAt: CORPUS_NOW }],
      schemesSeen: [site.url.startsWith('https') ? 'https' : 'http'],
    });
    sink += auditSite(obs, { now: CORPUS_NOW + 1000 }).score;
  }
}

function observeOnly(corpus: Corpus): void {
  for (const site of corpus.sites) {
    for (let i = 0; i < site.lines.length; i++) {
      sink += observeSetCookie(site.lines[i], { url: site.url, now: CORPUS_NOW + i }).sizeBytes;
    }
  }
}

function toughCookie(lines: readonly string[]): void {
  for (const l of lines) if (Cookie.parse(l)) sink++;
}

function setCookieParserParse(lines: readonly string[]): void {
  for (const l of lines) sink += setCookieParser.parseString(l)?.name.length ?? 0;
}

/** Every character read once: the least work a full parse of the line can do. */
function readOnce(lines: readonly string[]): void {
  let acc = 0;
  for (const l of lines) for (let i = 0; i < l.length; i++) acc += l.charCodeAt(i);
  sink += acc;
}

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Best of `rounds` runs of each contender, interleaved so that all see the same machine state. */
export async function runEngineBench(
  options: { minLines?: number; rounds?: number } = {},
): Promise<EngineBench> {
  const corpus = generateCorpus(options.minLines ?? 100_000);
  const n = corpus.lines.length;
  const rounds = options.rounds ?? 5;
  // Warm up the JIT on a slice.
  const warm: Corpus = {
    sites: corpus.sites.slice(0, 500),
    lines: corpus.sites.slice(0, 500).flatMap((s) => s.lines),
  };
  auditCorpus(warm);
  observeOnly(warm);
  toughCookie(warm.lines);
  setCookieParserParse(warm.lines);
  readOnce(warm.lines);
  let engine = Number.POSITIVE_INFINITY;
  let observe = Number.POSITIVE_INFINITY;
  let tough = Number.POSITIVE_INFINITY;
  let scp = Number.POSITIVE_INFINITY;
  let floor = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    engine = Math.min(
      engine,
      timeIt(() => auditCorpus(corpus)),
    );
    observe = Math.min(
      observe,
      timeIt(() => observeOnly(corpus)),
    );
    tough = Math.min(
      tough,
      timeIt(() => toughCookie(corpus.lines)),
    );
    scp = Math.min(
      scp,
      timeIt(() => setCookieParserParse(corpus.lines)),
    );
    floor = Math.min(
      floor,
      timeIt(() => readOnce(corpus.lines)),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const perSec = (ms: number) => Math.round((n / ms) * 1000);
  const result: EngineBench = {
    engineHeadersPerSec: perSec(engine),
    engineObserveOnlyPerSec: perSec(observe),
    toughCookiePerSec: perSec(tough),
    setCookieParserPerSec: perSec(scp),
    engineVsToughCookie: Math.round((tough / engine) * 100) / 100,
    engineVsSetCookieParser: Math.round((scp / engine) * 100) / 100,
    readOnceFloorPerSec: perSec(floor),
    goalBudgetMicros: Math.round((tough / 3 / n) * 1000 * 1000) / 1000,
    readOnceShareOfBudgetPct: Math.round((floor / (tough / 3)) * 100),
  };
  if (sink === Number.MIN_SAFE_INTEGER) console.log(sink);
  return result;
}

function printTable(r: EngineBench, lines: number, sites: number): void {
  const rows: [string, string, string][] = [
    [
      'cookie-audit full audit (parse+classify+all rules+score)',
      r.engineHeadersPerSec.toLocaleString('en'),
      '1.00×',
    ],
    [
      '  of which observeSetCookie alone (parse+storage model+value)',
      r.engineObserveOnlyPerSec.toLocaleString('en'),
      `${(r.engineObserveOnlyPerSec / r.engineHeadersPerSec).toFixed(2)}×`,
    ],
    [
      'tough-cookie Cookie.parse (parse only)',
      r.toughCookiePerSec.toLocaleString('en'),
      `${(1 / r.engineVsToughCookie).toFixed(2)}×`,
    ],
    [
      'set-cookie-parser parseString (parse only)',
      r.setCookieParserPerSec.toLocaleString('en'),
      `${(1 / r.engineVsSetCookieParser).toFixed(2)}×`,
    ],
    [
      'floor: read every character once, nothing else',
      r.readOnceFloorPerSec.toLocaleString('en'),
      `${(r.readOnceFloorPerSec / r.engineHeadersPerSec).toFixed(2)}×`,
    ],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length), 'contender'.length);
  const w1 = Math.max(...rows.map((x) => x[1].length), 'headers/s'.length);
  console.log(
    `Corpus: ${lines.toLocaleString('en')} Set-Cookie headers in ${sites.toLocaleString('en')} sites (best of 5 runs)`,
  );
  console.log(`${'contender'.padEnd(w0)}  ${'headers/s'.padStart(w1)}  relative`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  console.log(
    `full audit vs tough-cookie parse: ${r.engineVsToughCookie}× (target ≥ 3×); vs set-cookie-parser: ${r.engineVsSetCookieParser}×`,
  );
  console.log(
    `the 3× target leaves ${r.goalBudgetMicros} µs per header for the whole audit; reading the characters once takes ${r.readOnceShareOfBudgetPct} % of it`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const corpus = generateCorpus();
  const r = await runEngineBench();
  printTable(r, corpus.lines.length, corpus.sites.length);
}
