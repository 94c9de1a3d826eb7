/**
 * The CLI as CI uses it: audit a HAR, keep the JSON, audit a changed HAR (one cookie fixed, one
 * new) against it — exactly one new, one fixed, the rest unchanged — and --fail-on-new's exit
 * codes; accepted risks from --config; CSV, HTML and PDF written through the same value-leak check.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../helpers/cli-runner.ts';
import { har, harEntry } from '../../helpers/har.ts';
import { reportSchemaErrors } from '../../helpers/report-schema.ts';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.ts';

vi.setConfig({ testTimeout: 120_000 });

const SESSION = 'Zq81LmB0vX2rN7cT4yK9pA6sD3fG5hJ1';
const CART = 'b1946ac92492d2347c6235b4d2611184';
const PROMO = 'a3f5c8e1d2b4960718293a4b5c6d7e8f';
const HSTS = { name: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' };

function entry(method: string, url: string, status: number, setCookies: string[], extra: object[] = []) {
  return harEntry(url, status, setCookies, {
    method,
    extra: [HSTS, ...(extra as { name: string; value: string }[])],
    redirectURL: status === 302 ? 'https://shop.example.com/account' : '',
  });
}

/** v1: cart_id lacks HttpOnly (info). v2: cart_id fixed, promo new (lacks Secure: low with HSTS). */
function shopHar(version: 1 | 2) {
  const cart = `cart_id=${CART}; Path=/; Secure; SameSite=Lax${version === 2 ? '; HttpOnly' : ''}`;
  return har([
    entry('GET', 'https://shop.example.com/?utm=1', 200, [
      cart,
      'csrftoken=csrfValueNeverToBePrinted0987654321; Path=/; Secure; SameSite=Lax',
    ]),
    entry(
      'POST',
      'https://shop.example.com/login',
      302,
      [`sessionid=${SESSION}; Path=/; Secure; SameSite=Lax`],
      [{ name: 'Location', value: '/account' }],
    ),
    ...(version === 2
      ? [entry('GET', 'https://shop.example.com/', 200, [`promo=${PROMO}; Path=/; HttpOnly; SameSite=Lax`])]
      : []),
  ]);
}

let dir: string;
const file = (name: string) => path.join(dir, name);
const noValue = (text: string) => {
  for (const v of [SESSION, CART, PROMO, 'csrfValueNeverToBePrinted0987654321'])
    expect(text).not.toContain(v);
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-cli-reports-'));
  writeFileSync(file('v1.har'), JSON.stringify(shopHar(1)));
  writeFileSync(file('v2.har'), JSON.stringify(shopHar(2)));
  const r = await runCli(['--har', file('v1.har'), '--format', 'json', '--out', file('baseline.json')]);
  expect(r.status).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Finding = { rule: string; baselineState?: string };
type Report = {
  sites: { findings: Finding[]; cookies: { name: string; findings: Finding[] }[] }[];
  baseline: { counts: Record<string, number>; fixed: { rule: string; cookie?: { name: string } }[] };
};

describe('a baseline gate', () => {
  it('finds exactly one new and one fixed finding, the rest unchanged', async () => {
    const r = await runCli([
      '--har',
      file('v2.har'),
      '--baseline',
      file('baseline.json'),
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(reportSchemaErrors(report)).toEqual([]);
    const baseline = JSON.parse(readFileSync(file('baseline.json'), 'utf8')) as Report;
    const count = (x: Report) =>
      x.sites.flatMap((s) => [...s.findings, ...s.cookies.flatMap((c) => c.findings)]);
    const states = count(report).map((f) => f.baselineState);
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
    expect(states.filter((s) => s === 'unchanged')).toHaveLength(count(baseline).length - 1);
    expect(states.every((s) => s === 'new' || s === 'unchanged')).toBe(true);
    const promo = report.sites.flatMap((s) => s.cookies).find((c) => c.name === 'promo')!;
    expect(promo.findings).toEqual([
      expect.objectContaining({ rule: 'cookie-missing-secure', baselineState: 'new' }),
    ]);
    expect(report.baseline.counts).toEqual({ new: 1, unchanged: count(baseline).length - 1, fixed: 1 });
    expect(report.baseline.fixed).toEqual([
      expect.objectContaining({
        rule: 'cookie-missing-httponly',
        cookie: expect.objectContaining({ name: 'cart_id' }),
      }),
    ]);
  });

  it('--fail-on-new exits 1 only for a new finding at or above the severity', async () => {
    const base = ['--har', file('v2.har'), '--baseline', file('baseline.json')];
    // The new finding: promo without Secure, low (softened: the site sends HSTS).
    const low = await runCli([...base, '--fail-on-new', 'low']);
    expect(low.status).toBe(1);
    expect(low.stderr).toContain('1 new finding(s) at or above low since the baseline');
    expect((await runCli([...base, '--fail-on-new', 'medium'])).status).toBe(0);
    expect((await runCli([...base, '--fail-on-new', 'high'])).status).toBe(0);
    // The unchanged high finding (sessionid without HttpOnly) still fails a plain --fail-on.
    expect((await runCli([...base, '--fail-on-new', 'high', '--fail-on', 'high'])).status).toBe(1);
    // Against itself nothing is new.
    const same = await runCli([
      '--har',
      file('v1.har'),
      '--baseline',
      file('baseline.json'),
      '--fail-on-new',
      'low',
    ]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('0 new, ');
  });

  it('shows NEW and FIXED in text and Markdown, baselineState in SARIF', async () => {
    const base = ['--har', file('v2.har'), '--baseline', file('baseline.json')];
    const text = (await runCli(base)).stdout;
    expect(text).toMatch(/NEW \[LOW\] cookie-missing-secure/);
    expect(text).toMatch(
      /FIXED \[INFO\] cookie-missing-httponly on https:\/\/shop\.example\.com, cookie cart_id/,
    );
    expect((await runCli([...base, '--format', 'md'])).stdout).toContain('## FIXED since the baseline');
    const sarif = JSON.parse((await runCli([...base, '--format', 'sarif'])).stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const states = sarif.runs[0].results.map((x: { baselineState: string }) => x.baselineState);
    expect(states.filter((s: string) => s === 'new')).toHaveLength(1);
    expect(states.filter((s: string) => s === 'absent')).toHaveLength(1);
  });

  it('a bad baseline or option is exit 2 with one line', async () => {
    writeFileSync(file('not-a-report.json'), JSON.stringify({ version: '2.1.0', runs: [] }));
    const bad = await runCli(['--har', file('v2.har'), '--baseline', file('not-a-report.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^cookie-audit: --baseline .*not a Cookie Audit JSON report/);
    expect((await runCli(['--har', file('v2.har'), '--fail-on-new', 'high'])).stderr).toContain(
      'give --baseline',
    );
    expect((await runCli(['--har', file('v2.har'), '--baseline-key', 'port'])).status).toBe(2);
  });
});

describe('accepted risks from --config', () => {
  it('mark the finding, leave it out of the grade and --fail-on, and warn once expired', async () => {
    const risk = { rule: 'session-missing-httponly', cookie: 'sessionid', reason: 'SPA reads it until v2' };
    writeFileSync(file('accept.json'), JSON.stringify({ acceptedRisks: [risk] }));
    writeFileSync(
      file('expired.json'),
      JSON.stringify({ acceptedRisks: [{ ...risk, until: '2020-01-31' }] }),
    );
    const plain = JSON.parse((await runCli(['--har', file('v1.har'), '--format', 'json'])).stdout);
    const r = await runCli([
      '--har',
      file('v1.har'),
      '--config',
      file('accept.json'),
      '--format',
      'json',
      '--fail-on',
      'high',
    ]);
    expect(r.status).toBe(0);
    const accepted = JSON.parse(r.stdout);
    const account = (x: {
      sites: { url: string; score: number; cookies: { name: string; findings: Finding[] }[] }[];
    }) => x.sites.find((s) => s.cookies.some((c) => c.name === 'sessionid'))!;
    expect(account(accepted).score).toBeGreaterThan(account(plain).score);
    const f = account(accepted).cookies.find((c) => c.name === 'sessionid')!.findings;
    expect(f.find((x) => x.rule === 'session-missing-httponly')).toMatchObject({
      accepted: { reason: risk.reason },
    });

    const expired = await runCli([
      '--har',
      file('v1.har'),
      '--config',
      file('expired.json'),
      '--fail-on',
      'high',
    ]);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain('expired on 2020-01-31; it applies no more');
    expect(expired.stdout).toContain(
      'Warning: The accepted risk session-missing-httponly on cookie sessionid',
    );

    writeFileSync(
      file('bad.json'),
      JSON.stringify({ acceptedRisks: [{ rule: 'session-missing-httponly' }] }),
    );
    const bad = await runCli(['--har', file('v1.har'), '--config', file('bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('acceptedRisks[0]: reason is required');
  });
});

describe('CSV, HTML and PDF from the CLI', () => {
  it('CSV: one row per cookie, provenance, no value', async () => {
    const r = await runCli(['--har', file('v2.har'), '--format', 'csv']);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(1 + 4);
    expect(r.stdout).toContain(
      '"POST https://shop.example.com/login → 302 (main frame) at 2026-01-15T09:30:00.000Z"',
    );
    noValue(r.stdout + r.stderr);
  });

  it('HTML: self-contained, no script, no value, provenance and the baseline marks', async () => {
    const r = await runCli([
      '--har',
      file('v2.har'),
      '--baseline',
      file('baseline.json'),
      '--format',
      'html',
      '--out',
      file('r.html'),
    ]);
    expect(r.status).toBe(0);
    const html = readFileSync(file('r.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).toContain('POST /login (302, main frame)');
    expect(html).toContain('<span class="badge new">NEW</span>');
    noValue(html + r.stderr);
  });

  it('PDF: printed by Chromium on A4 or Letter; refused with --browser firefox', async () => {
    const a4 = await runCli(['--har', file('v2.har'), '--format', 'pdf', '--out', file('r.pdf')]);
    expect(a4.stderr).toBe('');
    expect(a4.status).toBe(0);
    const pdf = readFileSync(file('r.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points, Letter 612 × 792.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.9\d* 842\.\d+\]/);
    const letter = await runCli([
      '--har',
      file('v2.har'),
      '--format',
      'pdf',
      '--paper',
      'letter',
      '--out',
      file('l.pdf'),
    ]);
    expect(letter.status).toBe(0);
    expect(readFileSync(file('l.pdf')).toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    noValue(pdf.toString('latin1'));

    const firefox = await runCli([
      '--browser',
      'firefox',
      '--format',
      'pdf',
      '--out',
      file('f.pdf'),
      'https://a.example/',
    ]);
    expect(firefox.status).toBe(2);
    expect(firefox.stderr).toContain(
      '--format pdf is printed by Chromium and cannot be used with --browser firefox',
    );
    const noChromium = await runCli(['--har', file('v2.har'), '--format', 'pdf', '--out', file('n.pdf')], {
      CHROME_PATH: path.join(dir, 'no-such-chromium'),
    });
    expect(noChromium.status).toBe(2);
    expect(noChromium.stderr).toMatch(
      /--format pdf prints with Chromium, and none is available .*--format html/,
    );
    expect((await runCli(['--har', file('v2.har'), '--format', 'pdf'])).stderr).toContain('give --out FILE');
  });
});
