/**
 * The cookie-audit CLI without a browser: --har in every format with settings and --fail-on, a
 * sanitized HAR, --rules, and usage errors (exit 2, one line, never the password).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listRules } from '../../../src/core/index.ts';
import { runCli } from '../../helpers/cli-runner.ts';
import { har, harEntry } from '../../helpers/har.ts';
import { reportSchemaErrors } from '../../helpers/report-schema.ts';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.ts';

vi.setConfig({ testTimeout: 60_000 });

const SESSION_VALUE = 'Zq81LmB0vX2rN7cT4yK9pA6sD3fG5hJ1';
const CSRF_VALUE = 'csrfValueNeverToBePrinted0987654321';

function entry(
  url: string,
  status: number,
  setCookies: string[],
  extra: { name: string; value: string }[] = [],
) {
  return harEntry(url, status, setCookies, { extra });
}

let dir: string;
let harFile: string;
let sanitizedFile: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-cli-'));
  harFile = path.join(dir, 'shop.har');
  writeFileSync(
    harFile,
    JSON.stringify(
      har([
        entry('https://shop.example.com/', 200, [
          `sessionid=${SESSION_VALUE}; Path=/`,
          `csrftoken=${CSRF_VALUE}; Path=/; Max-Age=31449600; SameSite=Lax`,
          'AWSALB=lbValue0123456789; Path=/',
        ]),
      ]),
    ),
  );
  sanitizedFile = path.join(dir, 'sanitized.har');
  writeFileSync(
    sanitizedFile,
    JSON.stringify(
      har([
        entry(
          'https://shop.example.com/',
          200,
          [],
          [{ name: 'Strict-Transport-Security', value: 'max-age=63072000' }],
        ),
        entry('https://shop.example.com/app.js', 200, []),
      ]),
    ),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cookie-audit --har', () => {
  it('prints a text report by default, with no value', async () => {
    const r = await runCli(['--har', harFile]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/https:\/\/shop\.example\.com\/\n {2}Grade [A-F][+-]? \(score \d+\)/);
    expect(r.stdout).toContain('session-missing-httponly');
    expect(r.stdout + r.stderr).not.toContain(SESSION_VALUE);
    expect(r.stdout + r.stderr).not.toContain(CSRF_VALUE);
  });

  it('writes JSON that follows the report schema', async () => {
    const out = path.join(dir, 'report.json');
    const r = await runCli(['--har', harFile, '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.warnings).toBeUndefined();
    expect(report.sites[0].cookies.map((c: { name: string }) => c.name).sort()).toEqual([
      'AWSALB',
      'csrftoken',
      'sessionid',
    ]);
    // The default ignore list (infrastructure cookies) applies, as in the extension.
    expect(report.sites[0].cookies.find((c: { name: string }) => c.name === 'AWSALB').findings).toEqual([]);
  });

  it('writes Markdown and SARIF (valid against the SARIF 2.1.0 schema)', async () => {
    const md = await runCli(['--har', harFile, '--format', 'md']);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^# Cookie Audit report/);
    expect(md.stdout).toContain('Fix for Django:');
    expect(md.stdout).not.toContain(SESSION_VALUE);
    const sarif = await runCli(['--har', harFile, '--format', 'sarif']);
    expect(sarif.status).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(
      log.runs[0].results.some(
        (r: { ruleId: string; level: string }) =>
          r.ruleId === 'session-missing-httponly' && r.level === 'error',
      ),
    ).toBe(true);
    expect(sarif.stdout).not.toContain(SESSION_VALUE);
  });

  it('applies --config and --ignore, and the grade shows it', async () => {
    const base = JSON.parse((await runCli(['--har', harFile, '--format', 'json'])).stdout);
    const config = path.join(dir, 'settings.json');
    writeFileSync(
      config,
      JSON.stringify({
        disabledRules: ['session-missing-httponly'],
        severityOverrides: { 'session-missing-samesite': 'info' },
      }),
    );
    const tuned = JSON.parse(
      (await runCli(['--har', harFile, '--format', 'json', '--config', config, '--ignore', 'csrftoken']))
        .stdout,
    );
    const rules = (
      report: { sites: { cookies: { name: string; findings: { rule: string; severity: string }[] }[] }[] },
      name: string,
    ) => report.sites[0].cookies.find((c) => c.name === name)!.findings;
    expect(rules(base, 'sessionid').map((f: { rule: string }) => f.rule)).toContain(
      'session-missing-httponly',
    );
    expect(rules(tuned, 'sessionid').map((f) => f.rule)).not.toContain('session-missing-httponly');
    expect(rules(tuned, 'sessionid').find((f) => f.rule === 'session-missing-samesite')?.severity).toBe(
      'info',
    );
    expect(rules(tuned, 'csrftoken')).toEqual([]);
    expect(tuned.sites[0].score).toBeGreaterThan(base.sites[0].score);
  });

  it('--fail-on: 1 when a finding at or above exists, 0 otherwise', async () => {
    expect((await runCli(['--har', harFile, '--fail-on', 'high'])).status).toBe(1);
    const r = await runCli(['--har', harFile, '--fail-on', 'high', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/finding\(s\) at or above high/);
    const config = path.join(dir, 'quiet.json');
    writeFileSync(config, JSON.stringify({ ignoreNames: ['sessionid', 'csrftoken', 'AWSALB'] }));
    const clean = await runCli(['--har', harFile, '--fail-on', 'low', '--config', config]);
    // Site findings remain (no HSTS on the HAR's page): only those count now.
    const json = JSON.parse(
      (await runCli(['--har', harFile, '--format', 'json', '--config', config])).stdout,
    );
    const siteSeverities = json.sites[0].findings.map((f: { severity: string }) => f.severity);
    expect(clean.status).toBe(siteSeverities.some((s: string) => s !== 'info') ? 1 : 0);
    const only = path.join(dir, 'only.json');
    writeFileSync(
      only,
      JSON.stringify({
        ignoreNames: ['*x', 'sessionid', 'csrftoken', 'AWSALB'],
        disabledRules: json.sites[0].findings.map((f: { rule: string }) => f.rule),
      }),
    );
    expect((await runCli(['--har', harFile, '--fail-on', 'low', '--config', only])).status).toBe(0);
  });

  it('warns about a sanitized HAR on stderr and in the report', async () => {
    const r = await runCli(['--har', sanitizedFile, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cookie-audit: warning: This HAR looks sanitized/);
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/sanitized/);
    expect(reportSchemaErrors(report)).toEqual([]);
    const md = await runCli(['--har', sanitizedFile, '--format', 'md']);
    expect(md.stdout).toMatch(/> \*\*Warning:\*\* This HAR looks sanitized/);
    const text = await runCli(['--har', sanitizedFile]);
    expect(text.stdout).toMatch(/^Warning: This HAR looks sanitized/);
    const sarif = JSON.parse((await runCli(['--har', sanitizedFile, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/sanitized/);
  });

  it('refuses a file that is not a HAR (exit 2)', async () => {
    const bad = path.join(dir, 'bad.har');
    writeFileSync(bad, '{"not": "a har"}');
    const r = await runCli(['--har', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Not a HAR file/);
    writeFileSync(bad, 'garbage');
    expect((await runCli(['--har', bad])).stderr).toMatch(/is not valid JSON \(line 1, column 1\)/);
    expect((await runCli(['--har', path.join(dir, 'missing.har')])).stderr).toMatch(
      /Cannot read --har .*ENOENT/,
    );
  });
});

describe('cookie-audit --rules', () => {
  it('lists the catalog as text and JSON', async () => {
    const text = await runCli(['--rules']);
    expect(text.status).toBe(0);
    for (const r of listRules())
      expect(text.stdout).toMatch(new RegExp(`^${r.id} +${r.severity} +${r.scope} +`, 'm'));
    const json = await runCli(['--rules', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(listRules());
    expect((await runCli(['--rules', '--format', 'sarif'])).status).toBe(2);
  });
});

describe('usage errors', () => {
  it.each([
    [['--format', 'xml'], /Unknown --format "xml"/],
    [['--fail-on', 'critical'], /Unknown --fail-on "critical"/],
    [['--login', 'https://x.test/login', '--password', 'hunter2-secret'], /--login needs --user/],
    [['--login', 'https://x.test/login', '--user', 'u'], /--login needs --password/],
    [['--user', 'u', '--password', 'hunter2-secret'], /only go with --login/],
    [['--har', 'x.har', 'https://x.test/'], /--har audits a file offline/],
    [['--password', 'hunter2-secret', '--unknown-flag'], /Bad option --unknown-flag/],
    [['--login', 'ftp://x.test/', '--user', 'u', '--password', 'hunter2-secret'], /for --login/],
  ])('%j → exit 2 with one line, no password', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toContain('hunter2-secret');
  });

  it('rejects an invalid --config with the reason', async () => {
    const config = path.join(dir, 'broken.json');
    writeFileSync(
      config,
      JSON.stringify({ disabledRules: ['no-such-rule'], sessionMaxLifetimeSeconds: 'long' }),
    );
    const r = await runCli(['--har', harFile, '--config', config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--config .*broken\.json: disabledRules: unknown rule id "no-such-rule" .*and 1 more/,
    );
    writeFileSync(config, '{ nope');
    expect((await runCli(['--har', harFile, '--config', config])).stderr).toMatch(/is not valid JSON/);
  });

  it('reads --password-env and says when the variable is missing, without printing it', async () => {
    const r = await runCli([
      '--login',
      'https://x.test/',
      '--user',
      'u',
      '--password-env',
      'CA_TEST_UNSET_VAR',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/CA_TEST_UNSET_VAR is not set/);
    const both = await runCli(
      ['--login', 'https://x.test/', '--user', 'u', '--password', 'p1-secret', '--password-env', 'X'],
      {
        X: 'p2-secret',
      },
    );
    expect(both.stderr).toMatch(/either --password or --password-env/);
    expect(both.stderr).not.toMatch(/p1-secret|p2-secret/);
  });
});
