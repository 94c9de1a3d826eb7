/**
 * Hostile input through the whole path a response takes in the worker: Set-Cookie lines → Recorder →
 * engine → report text. A fuzz run (10^5 cases in `npm test`, 10^4 in `npm run check`, 10^6 with
 * `npm run fuzz`: test/helpers/depth.ts) and a corpus of malformed headers with the clear result each
 * must give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/background/recorder.ts';
import { emptyState, toSiteObservations } from '../../src/background/state.ts';
import {
  auditSite,
  buildReport,
  emptySiteObservations,
  formatText,
  observeSetCookie,
  parseSetCookie,
} from '../../src/core/index.ts';
import { wording } from '../../src/lessons/index.ts';
import { runsFor } from '../helpers/depth.ts';

const RUNS = runsFor({ quick: 10_000, full: 100_000, deep: 1_000_000 });
const NOW = Date.UTC(2026, 10, 1);

const piece = fc.constantFrom(
  ';',
  '=',
  ' ',
  '\t',
  '"',
  ',',
  '\n',
  '\r',
  '\u0000',
  '\u007f',
  'Secure',
  'secure',
  'HttpOnly',
  'SameSite=None',
  'SameSite=',
  'samesite=lax',
  'Path=/',
  'Domain=.example.com',
  'Domain=com',
  'Max-Age=-1',
  'Max-Age=99999999999999999999',
  'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  'Expires=garbage',
  'Partitioned',
  '__Host-',
  '__Secure-',
  'sessionid',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
  '%E0%A4%A',
  'é',
  '😀',
  '\ud800',
  '<img src=x onerror=alert(1)>',
);
const header = fc.oneof(
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 24 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 120 }) },
);

describe(`fuzz: ${RUNS.toLocaleString('en')} cases through parser, recorder and engine`, () => {
  it('never throws and always grades', () => {
    let i = 0;
    let cases = 0;
    fc.assert(
      fc.property(
        fc.array(header, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('https://app.example.com/x', 'http://localhost:8080/', 'https://127.0.0.1/'),
        (lines, url) => {
          cases++;
          const recorder = new Recorder(
            emptyState(),
            (v) => `h${v.length}`,
            () => NOW + i++,
          );
          recorder.onResponse({
            tabId: 1,
            requestId: 'r',
            url,
            type: 'main_frame',
            statusCode: 200,
            responseHeaders: lines.map((value) => ({ name: 'Set-Cookie', value })),
          });
          const site = recorder.siteForTab(1);
          if (!site) return;
          const audit = auditSite(toSiteObservations(site), { now: NOW }, wording);
          expect(audit.grade).toMatch(/^[A-F][+-]?$/);
          expect(Number.isInteger(audit.score)).toBe(true);
          const text = formatText(
            buildReport([audit], { version: 'fuzz', createdAt: new Date(NOW).toISOString() }),
          );
          expect(typeof text).toBe('string');
        },
      ),
      { numRuns: RUNS },
    );
    // The title's count is the count that ran.
    expect(cases).toBe(RUNS);
  }, 600_000);
});

describe('malformed headers get a clear result', () => {
  const url = 'https://app.example.com/';
  const observe = (line: string) => observeSetCookie(line, { url, now: NOW });

  it('no "=": a nameless cookie, reported as such', () => {
    const obs = observe('justavalue; Secure');
    expect(obs.nameless).toBe(true);
    expect(obs.name).toBe('');
    const audit = auditSite({ ...siteOf([obs]) }, { now: NOW }, wording);
    expect(audit.cookies[0].findings.map((f) => f.rule)).toContain('nameless-cookie');
  });

  it('only attributes: `Set-Cookie: secure; httponly` is a nameless cookie with those flags', () => {
    const obs = observe('secure; httponly');
    expect(obs.nameless).toBe(true);
    expect(obs.httpOnly).toBe(true);
  });

  it('duplicate attributes: the last one wins', () => {
    const obs = observe('a=1; SameSite=None; SameSite=Strict; Path=/x; Path=/');
    expect(obs.sameSite).toBe('strict');
    expect(obs.path).toBe('/');
  });

  it('a 5,000-byte value: the browser rejects it, the evidence stays short', () => {
    const obs = observe(`big=${'x'.repeat(5000)}; Secure`);
    expect(obs.rejected).toContain('name-value-too-large');
    expect(obs.evidence.length).toBeLessThan(600);
    expect(obs.evidence).not.toContain('x'.repeat(100));
  });

  it('NUL and control characters: rejected, never kept raw', () => {
    const obs = observe('ctl=abc\u0001def; Secure');
    expect(obs.rejected).toContain('control-character');
    // Searched in the strings themselves: JSON.stringify would escape the NUL, and a search of its
    // output for the raw text could never find it.
    const nul = observe('nul=abcSECRET\u0000defSECRET');
    for (const text of stringLeaves(nul)) {
      expect(text).not.toContain('abcSECRET');
      expect(text).not.toContain('defSECRET');
    }
    expect(stringLeaves(observe('ctl=abcSECRET\u0001defSECRET; Secure')).join('\n')).not.toMatch(/SECRET/);
  });

  it('a quoted value with ";" in it: the hidden text never reaches evidence or anything else', () => {
    const obs = observe('q="visible; HiddenSECRET=tailSECRET"; Path=/; Secure');
    expect(obs.path).toBe('/');
    expect(obs.secure).toBe(true);
    expect(stringLeaves(obs).join('\n')).not.toMatch(/SECRET/);
  });

  it('non-ASCII names and values and invalid percent-escapes do not break anything', () => {
    for (const line of ['näme=välue', 'emoji=😀😀', 'pct=%E0%A4%A', 'pct2=%ZZ%%', 'lone=\ud800x']) {
      const obs = observe(line);
      expect(typeof obs.value.length).toBe('number');
      expect(() => JSON.stringify(obs)).not.toThrow();
    }
  });

  it('Expires in every odd format: unparseable means a session cookie, not a deletion', () => {
    const cases: [string, 'session' | 'deletion' | 'persistent'][] = [
      ['Expires=Wed, 09 Jun 2030 10:18:14 GMT', 'persistent'],
      ['Expires=Wednesday, 09-Jun-30 10:18:14 GMT', 'persistent'],
      ['Expires=Wed Jun  9 10:18:14 2030', 'persistent'],
      ['Expires=09 Jun 2030 10:18:14', 'persistent'],
      ['Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'deletion'],
      ['Expires=yesterday', 'session'],
      ['Expires=', 'session'],
      ['Expires=99/99/9999', 'session'],
      ['Expires=Wed, 32 Jun 2030 10:18:14 GMT', 'session'],
      // Chromium clamps a year before 1601 to 1601: a date in the past, so a deletion.
      ['Expires=Wed, 09 Jun 1600 10:18:14 GMT', 'deletion'],
    ];
    for (const [attr, expected] of cases) {
      const obs = observe(`e=1; ${attr}`);
      const kind = obs.deletion ? 'deletion' : obs.expires === null ? 'session' : 'persistent';
      expect(kind, attr).toBe(expected);
    }
  });

  it('the parser itself never throws on the corpus', () => {
    for (const line of ['', ';', '=', '==', ';;;;', '\u0000', ' ', '"', '="', 'a="b;c"; Secure']) {
      expect(() => parseSetCookie(line)).not.toThrow();
    }
  });
});

/** Every string inside a value, searched raw (no JSON escaping can hide what they hold). */
function stringLeaves(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const v of x) stringLeaves(v, out);
  else if (typeof x === 'object' && x !== null) {
    for (const [k, v] of Object.entries(x)) {
      out.push(k);
      stringLeaves(v, out);
    }
  }
  return out;
}

function siteOf(cookies: ReturnType<typeof observeSetCookie>[]) {
  return emptySiteObservations('https://app.example.com/', { cookies, schemesSeen: ['https'] });
}
