/**
 * Differential test: every Set-Cookie case of test/differential/corpus.ts, served byte for byte on
 * loopback over HTTP and HTTPS, loaded into real Chromium and real Firefox (one fresh profile each,
 * every case on hosts of its own), the jar read once (CDP Storage.getCookies, WebDriver BiDi
 * storage.getCookies) and compared with what the engine says the same browser stores. Prints
 * "N/M agree" per browser and every disagreement; fails on any disagreement not listed in
 * test/differential/known-differences.json, and on a listed one that no longer disagrees.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../differential/browsers.ts';
import { summarise } from '../differential/compare.ts';
import { CORPUS } from '../differential/corpus.ts';
import { runDifferential } from '../differential/run.ts';

interface KnownDifference {
  browser: BrowserName;
  lines: string[];
  reason: string;
}

const KNOWN: KnownDifference[] = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'differential', 'known-differences.json'), 'utf8'),
).cases;

function knownFor(browser: BrowserName): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of KNOWN) {
    if (k.browser !== browser) continue;
    const key = JSON.stringify(k.lines);
    const cases = CORPUS.filter((c) => JSON.stringify(c.lines) === key);
    if (cases.length === 0) throw new Error(`known-differences.json names lines no case has: ${key}`);
    for (const c of cases) out.set(c.id, k.reason);
  }
  return out;
}

describe('the engine agrees with the browser, case by case', () => {
  it('has a corpus of at least 400 cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(400);
  });

  for (const browser of ['chromium', 'firefox'] as const) {
    it(`${browser}: every case agrees, or is listed with its reason`, async () => {
      const run = await runDifferential(browser);
      const known = knownFor(browser);
      const unexpected = run.results.filter((r) => !r.agree && !known.has(r.id));
      const stale = run.results.filter((r) => r.agree && known.has(r.id));
      const agree = run.results.filter((r) => r.agree).length;
      console.log(`${summarise(browser, run.results)}\n  (browser run ${run.ms} ms)`);
      for (const r of run.results)
        if (!r.agree && known.has(r.id)) console.log(`  ${r.id} is known: ${known.get(r.id)}`);
      expect(run.stray, 'jar cookies no case accounts for').toEqual([]);
      expect(unexpected.map((r) => `${r.id} [${r.family}] ${r.differences.join('; ')}`)).toEqual([]);
      expect(stale.map((r) => `${r.id}: listed as known but agrees now`)).toEqual([]);
      expect(agree + known.size).toBe(run.results.length);
    });
  }
});
