/**
 * One differential run: the corpus served raw on loopback, loaded into one browser, its jar read
 * once and compared with the engine case by case.
 */
import { type BrowserName, caseUrl, runChromium, runFirefox } from './browsers.ts';
import { type CaseResult, caseOfCookie, compareCase } from './compare.ts';
import { CORPUS, type DiffCase } from './corpus.ts';
import { type RawResponse, startRawServer } from './raw-server.ts';

export interface DifferentialRun {
  browser: BrowserName;
  results: CaseResult[];
  /** Jar cookies no case accounts for. */
  stray: string[];
  ms: number;
}

function responseFor(c: DiffCase): RawResponse {
  return {
    headers: c.lines.map((l) => Buffer.concat([Buffer.from('Set-Cookie: '), Buffer.from(l, 'utf8')])),
  };
}

export async function runDifferential(
  browser: BrowserName,
  cases: readonly DiffCase[] = CORPUS,
): Promise<DifferentialRun> {
  const byHost = new Map<string, DiffCase[]>();
  for (const c of cases) {
    const list = byHost.get(`${c.scheme} ${c.host}`) ?? [];
    list.push(c);
    byHost.set(`${c.scheme} ${c.host}`, list);
  }
  const servedAt = new Map<string, number>();
  const server = await startRawServer((host, path, scheme) => {
    if (path === '/__top') return { headers: [], body: '<!doctype html><title>differential</title>' };
    const list = byHost.get(`${scheme} ${host}`);
    const c = list?.length === 1 ? list[0] : list?.find((x) => x.path === path);
    if (!c) return null;
    servedAt.set(c.id, Date.now());
    return responseFor(c);
  });
  try {
    const ports = { http: server.httpPort, https: server.httpsPort };
    const run = browser === 'chromium' ? await runChromium(cases, ports) : await runFirefox(cases, ports);
    const jarByCase = new Map<string, typeof run.cookies>();
    const stray: string[] = [];
    for (const cookie of run.cookies) {
      const id = caseOfCookie(cookie);
      if (!id) {
        stray.push(`${cookie.name}@${cookie.domain}${cookie.path}`);
        continue;
      }
      const list = jarByCase.get(id) ?? [];
      list.push(cookie);
      jarByCase.set(id, list);
    }
    const results = cases.map((c) => {
      const r = compareCase(
        c,
        caseUrl(c, ports),
        servedAt.get(c.id) ?? 0,
        jarByCase.get(c.id) ?? [],
        browser,
        run.readAt,
      );
      if (!servedAt.has(c.id)) {
        r.agree = false;
        r.differences.unshift('never requested by the browser');
      }
      return r;
    });
    return { browser, results, stray, ms: run.ms };
  } finally {
    await server.close();
  }
}
