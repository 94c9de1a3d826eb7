/**
 * The reviewer's CLI against the demo staging site in real browsers: login with and without session
 * rotation, every output format (SARIF validated against the SARIF 2.1.0 schema), settings that
 * change the grade, --fail-on exit codes, and login failures that never show the password.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CookieAuditReport } from '../../src/core/index.ts';
import { DEMO_HOSTS, DEMO_USER, type DemoSite, startDemoSite } from '../../src/demo/server.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import { reportSchemaErrors, runCli } from './harness.ts';

let demo: DemoSite;
let dir: string;
const HOSTS = ['--loopback-host', Object.values(DEMO_HOSTS).join(','), '--insecure'];

const cli = (args: string[], env: Record<string, string> = {}) => runCli([...HOSTS, ...args], env);

const cookieRules = (report: CookieAuditReport, name: string) =>
  report.sites.flatMap((s) =>
    s.cookies.filter((c) => c.name === name).flatMap((c) => c.findings.map((f) => f.rule)),
  );

beforeAll(async () => {
  demo = await startDemoSite();
  dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-reviewer-'));
});

afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cookie-audit --login in Chromium', () => {
  it('logs in on the legacy host, flags the session kept across the login, JSON follows the schema', async () => {
    const out = path.join(dir, 'legacy.json');
    const r = await cli([
      '--login',
      demo.urls.legacyLogin,
      '--user',
      DEMO_USER.username,
      '--password',
      DEMO_USER.password,
      '--format',
      'json',
      '--out',
      out,
      demo.urls.legacyAccount,
      demo.urls.insecure,
    ]);
    expect(r.stderr).toContain(`Logging in at ${demo.urls.legacyLogin}`);
    // One line per page (in the order they finish: the pages are audited in parallel tabs).
    for (const url of [demo.urls.legacyAccount, demo.urls.insecure]) {
      expect(r.stderr).toMatch(
        new RegExp(`^\\[[12]/2\\] ${url.replace(/[.]/g, '\\.')} ok \\d+\\.\\d s$`, 'm'),
      );
    }
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as CookieAuditReport;
    expect(await reportSchemaErrors(report)).toEqual([]);
    expect(cookieRules(report, 'sessionid')).toContain('session-not-rotated-on-login');
    expect(cookieRules(report, 'user_id')).toContain('identity-in-plain-cookie');
    // The redirect check ran for the audited origin.
    expect(report.sites[0].findings.map((f) => f.rule)).toContain('https-redirect-missing');
    expect(readFileSync(out, 'utf8') + r.stdout + r.stderr).not.toContain(DEMO_USER.password);
  });

  it('logs in on the secure host (new session id at login): no rotation finding; SARIF is valid; --fail-on low passes', async () => {
    const r = await cli(
      [
        '--login',
        demo.urls.secureLogin,
        '--user',
        DEMO_USER.username,
        '--password-env',
        'DEMO_PASSWORD',
        '--format',
        'sarif',
        '--fail-on',
        'low',
      ],
      { DEMO_PASSWORD: DEMO_USER.password },
    );
    expect(r.stderr).toContain(`Logged in: now at ${demo.urls.secureAccount}`);
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.results.map((x: { ruleId: string }) => x.ruleId)).not.toContain(
      'session-not-rotated-on-login',
    );
    expect(run.properties.sites[0].url).toBe(demo.urls.secureAccount);
    expect(run.properties.sites[0].grade).toMatch(/^A/);
    expect(run.originalUriBaseIds.SITE1.uri).toBe(`${new URL(demo.urls.secureAccount).origin}/`);
    expect(r.stdout + r.stderr).not.toContain(DEMO_USER.password);
  });

  it('a wrong password: one clear line, exit 2, the password nowhere', async () => {
    const secret = 'not-the-demo-password-7f3a';
    const r = await cli([
      '--login',
      demo.urls.legacyLogin,
      '--user',
      'demo',
      '--password',
      secret,
      demo.urls.insecure,
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `cookie-audit: Login failed at ${demo.urls.legacyLogin}: the site answered HTTP 401 and still asks for a password (wrong user name or password?)`,
    );
    expect(r.stderr).not.toContain(secret);
  });

  it('a URL without a login form: exit 2, the password nowhere', async () => {
    const secret = 'another-secret-c41d';
    const r = await cli(['--login', demo.urls.secureAccount, '--user', 'demo', '--password', secret]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `cookie-audit: No login form at ${demo.urls.secureAccount}: the page has no password field`,
    );
    expect(r.stdout + r.stderr).not.toContain(secret);
  });
});

describe('formats, settings and --fail-on on a live audit', () => {
  let baseScore: number;

  it('text, and --fail-on high exits 1 on the legacy host', async () => {
    const r = await cli(['--fail-on', 'high', demo.urls.insecure]);
    expect(r.status).toBe(1);
    const m = /Grade ([A-F][+-]?) \(score (\d+)\)/.exec(r.stdout);
    expect(m).not.toBeNull();
    baseScore = Number(m![2]);
    expect(r.stdout).toContain('session-missing-httponly');
    expect(r.stderr).toMatch(/finding\(s\) at or above high \(--fail-on high\)/);
  });

  it('Markdown with --config and --ignore: the settings reach the extension and the grade', async () => {
    const config = path.join(dir, 'settings.json');
    writeFileSync(
      config,
      JSON.stringify({
        schema: 'cookie-audit-settings/1',
        disabledRules: ['session-missing-httponly', 'session-set-over-http', 'session-sent-over-http'],
        severityOverrides: { 'session-missing-samesite': 'info' },
      }),
    );
    const r = await cli([
      '--format',
      'md',
      '--config',
      config,
      '--ignore',
      'tracking_pref,ui_theme',
      demo.urls.insecure,
    ]);
    expect(r.status).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Cookie Audit report/);
    const m = /— grade ([A-F][+-]?) \(score (\d+)\)/.exec(md);
    expect(Number(m![2])).toBeGreaterThan(baseScore);
    expect(md).not.toContain('`session-missing-httponly`');
    expect(md).toMatch(/\| `sessionid` \| session \| \*\*Info\*\* \| `session-missing-samesite` \|/);
    expect(md).not.toMatch(/\| `tracking_pref` \|/);
    expect(md).toContain('### How to fix');
    expect(md).toContain('Fix for Django:');
  });
});

describe('cookie-audit --login in Firefox', () => {
  it('logs in on the legacy host and sees the session kept across the login', async () => {
    const r = await cli(
      [
        '--browser',
        'firefox',
        '--login',
        demo.urls.legacyLogin,
        '--user',
        'demo',
        '--password-env',
        'DEMO_PASSWORD',
        '--format',
        'json',
        demo.urls.legacyAccount,
      ],
      { DEMO_PASSWORD: DEMO_USER.password },
    );
    expect(r.stderr).toContain(`Logged in: now at ${demo.urls.legacyAccount}`);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as CookieAuditReport;
    expect(cookieRules(report, 'sessionid')).toContain('session-not-rotated-on-login');
    expect(r.stdout + r.stderr).not.toContain(DEMO_USER.password);
  });

  it('says so when the password is wrong, without printing it', async () => {
    const r = await cli([
      '--browser',
      'firefox',
      '--login',
      demo.urls.legacyLogin,
      '--user',
      DEMO_USER.username,
      '--password',
      'not-the-password-123',
      demo.urls.legacyAccount,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Login failed/);
    expect(r.stdout + r.stderr).not.toContain('not-the-password-123');
  });
});
