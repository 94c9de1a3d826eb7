/**
 * Compares, case by case, the jar a real browser holds with the jar the engine predicts
 * (src/core/jar-model.ts) for the same lines: accepted or rejected, and per stored cookie name,
 * value length, domain and host-only, path, Secure, HttpOnly, SameSite, session or persistent
 * (expiry within a second) and Partitioned.
 */
import { type BrowserModel, type ModelledCookie, modelJar } from '../../src/core/index.ts';
import type { BrowserCookie } from './browsers.ts';
import type { DiffCase } from './corpus.ts';

export interface CaseResult {
  id: string;
  family: string;
  agree: boolean;
  /** One line per difference ("engine …, browser …"). */
  differences: string[];
}

const SHARED_NAME = /^(?:__Host-)?(?:lh|ip|reg)(c\d+)=?/;

/** Which case a jar cookie belongs to: by its case-own host label, else by its case-unique name. */
export function caseOfCookie(c: { name: string; domain: string }): string | null {
  const labels = c.domain.split('.');
  for (const label of labels) if (/^c\d+$/.test(label)) return label;
  return SHARED_NAME.exec(c.name)?.[1] ?? null;
}

function describe(c: ModelledCookie | BrowserCookie): string {
  const name = c.name.length > 40 ? `${c.name.slice(0, 40)}…(${c.name.length})` : c.name;
  return `${name || '(nameless)'}@${c.hostOnly ? '' : '.'}${c.domain}${c.path}`;
}

const FIELDS = ['valueLength', 'hostOnly', 'secure', 'httpOnly', 'sameSite', 'partitioned'] as const;

function expiryText(ms: number | null): string {
  return ms === null ? 'session' : new Date(ms).toISOString();
}

export function compareCase(
  c: DiffCase,
  url: string,
  servedAt: number,
  jar: readonly BrowserCookie[],
  browser: BrowserModel,
  readAt: number,
): CaseResult {
  const expected = modelJar(c.lines, url, servedAt, browser).filter(
    (e) => e.expires === null || e.expires > readAt,
  );
  const differences: string[] = [];
  const key = (x: { name: string; domain: string; path: string }) =>
    `${x.name}\u0000${x.domain}\u0000${x.path}`;
  // Expired cookies are gone for every purpose (never sent): Firefox's BiDi still lists them until
  // it purges, so both sides drop what has expired by the time the jar was read.
  const actual = new Map(jar.filter((x) => x.expires === null || x.expires > readAt).map((x) => [key(x), x]));
  for (const e of expected) {
    const a = actual.get(key(e));
    if (!a) {
      differences.push(`engine stores ${describe(e)}, browser does not`);
      continue;
    }
    actual.delete(key(e));
    for (const f of FIELDS) {
      if (e[f] !== a[f]) differences.push(`${describe(e)} ${f}: engine ${e[f]}, browser ${a[f]}`);
    }
    if (
      (e.expires === null) !== (a.expires === null) ||
      (e.expires !== null && Math.abs(e.expires - (a.expires ?? 0)) > 1000)
    ) {
      differences.push(
        `${describe(e)} expires: engine ${expiryText(e.expires)}, browser ${expiryText(a.expires)}`,
      );
    }
  }
  for (const a of actual.values()) differences.push(`browser stores ${describe(a)}, engine does not`);
  return { id: c.id, family: c.family, agree: differences.length === 0, differences };
}

/** "N/M agree" and one line per disagreeing case. */
export function summarise(browser: string, results: readonly CaseResult[]): string {
  const agree = results.filter((r) => r.agree).length;
  const lines = [`${browser}: ${agree}/${results.length} agree`];
  for (const r of results) if (!r.agree) lines.push(`  ${r.id} [${r.family}] ${r.differences.join('; ')}`);
  return lines.join('\n');
}
