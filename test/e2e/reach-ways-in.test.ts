/**
 * The CLI's ways in against the demo site in real browsers: a gateway header (never sent to a third
 * party, not even across a redirect), HTTP basic and digest authentication, a saved storage state
 * (the report says the rotation check was not tested) and a single-sign-on login script (the
 * rotation check still runs) — in Chromium and Firefox — and login scripts that throw or hang.
 * No secret given these ways appears in stdout, stderr or the report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MergeableReport } from '../../src/cli/merge.ts';
import {
  DEMO_GATE,
  DEMO_HOSTS,
  DEMO_HTTP_USER,
  DEMO_SSO_USER,
  type DemoRequest,
  type DemoSite,
  startDemoSite,
} from '../../src/demo/server.ts';
import { reportSchemaErrors, runCli } from './harness.ts';

let demo: DemoSite;
let dir: string;
const requests: DemoRequest[] = [];
const HOSTS = ['--loopback-host', Object.values(DEMO_HOSTS).join(','), '--insecure'];
const cli = (args: string[], env: Record<string, string> = {}) => runCli([...HOSTS, ...args], env);

const firstPartyRules = (report: MergeableReport, name: string) =>
  report.sites.flatMap((s) =>
    s.cookies.filter((c) => c.name === name && !c.thirdParty).flatMap((c) => c.findings.map((f) => f.rule)),
  );
const cookieNames = (report: MergeableReport) =>
  report.sites.flatMap((s) => s.cookies.filter((c) => !c.thirdParty).map((c) => c.name));

/** The SSO login of the demo app, as a user would write it. */
const SSO_SCRIPT = `export default async ({ page, env }) => {
  await page.goto(env.APP_ACCOUNT);
  await page.fill('#user', 'alice');
  await page.click('#next');
  await page.waitForSelector('#password');
  await page.fill('#password', env.SSO_PASSWORD);
  await page.click('#signin');
  await page.waitForURL(/app\\.staging\\.test:\\d+\\/account/);
  if (!(await page.textContent('#who')).includes('alice')) throw new Error('not signed in');
};
`;

function script(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  demo = await startDemoSite({ onRequest: (r) => requests.push(r) });
  dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-ways-in-'));
});

afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
});

describe.each(['chromium', 'firefox'] as const)('ways in, %s', (browser) => {
  it('--header-env: the gateway lets the audit in; the third-party image and redirect never get the header', async () => {
    const out = path.join(dir, `gated-${browser}.json`);
    const r = await cli(
      [
        '--browser',
        browser,
        '--header-env',
        `${DEMO_GATE.header}=GATE_KEY`,
        '--format',
        'json',
        '--out',
        out,
        demo.urls.gated,
      ],
      { GATE_KEY: DEMO_GATE.value },
    );
    expect(r.stderr).not.toMatch(/not audited/);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as MergeableReport;
    expect(await reportSchemaErrors(report)).toEqual([]);
    expect(cookieNames(report)).toContain('gate_session');
    const header = DEMO_GATE.header.toLowerCase();
    const gated = requests.filter((q) => q.host === DEMO_HOSTS.gated && q.scheme === 'https');
    expect(gated.length).toBeGreaterThan(0);
    expect(gated.every((q) => q.headers[header] === DEMO_GATE.value)).toBe(true);
    // The page's third-party image and its framed redirect to the third party did reach it …
    const thirdParty = requests.filter((q) => q.host === DEMO_HOSTS.widgets);
    expect(thirdParty.map((q) => q.path)).toEqual(
      expect.arrayContaining(['/widget?pixel=1', '/widget?from=gated']),
    );
    // … without the header.
    expect(thirdParty.filter((q) => q.headers[header] !== undefined)).toEqual([]);
    expect(readFileSync(out, 'utf8') + r.stdout + r.stderr).not.toContain(DEMO_GATE.value);
  });

  it('--http-credentials: basic authentication gets in, the password nowhere', async () => {
    const r = await cli(
      [
        '--browser',
        browser,
        '--http-credentials',
        DEMO_HTTP_USER.username,
        '--password-env',
        'HTTP_PASSWORD',
        '--format',
        'json',
        demo.urls.basicAuth,
      ],
      { HTTP_PASSWORD: DEMO_HTTP_USER.password },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as MergeableReport;
    expect(cookieNames(report)).toContain('basic_session');
    expect(report.warnings ?? []).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(DEMO_HTTP_USER.password);
    // Never sent to the third party the extension's redirect check or the page may reach.
    expect(requests.filter((q) => q.host !== DEMO_HOSTS.basic && q.headers.authorization)).toEqual([]);
  });

  it('--storage-state: starts signed in, and the report says the rotation check was not tested', async () => {
    const secretValue = `stored-session-${browser}-5f0c2b7d9e`;
    const state = path.join(dir, `state-${browser}.json`);
    writeFileSync(
      state,
      JSON.stringify({
        cookies: [
          {
            name: 'app_session',
            value: secretValue,
            domain: DEMO_HOSTS.app,
            path: '/',
            expires: -1,
            httpOnly: true,
            secure: true,
            sameSite: 'Lax',
          },
          {
            name: 'app_user',
            value: 'alice',
            domain: DEMO_HOSTS.app,
            path: '/',
            expires: -1,
            httpOnly: false,
            secure: true,
            sameSite: 'Lax',
          },
        ],
        origins: [
          {
            origin: new URL(demo.urls.ssoApp).origin,
            localStorage: [{ name: 'token', value: 'local-secret-77aa' }],
          },
        ],
      }),
    );
    const r = await cli([
      '--browser',
      browser,
      '--storage-state',
      state,
      '--format',
      'json',
      demo.urls.ssoAccount,
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as MergeableReport;
    expect(await reportSchemaErrors(report)).toEqual([]);
    // Signed in from the state: the account page answered, no detour through the SSO host.
    expect(requests.some((q) => q.host === DEMO_HOSTS.sso)).toBe(false);
    expect(report.sites[0].url).toBe(demo.urls.ssoAccount);
    expect(report.notTested).toEqual([
      { rule: 'session-not-rotated-on-login', reason: expect.stringContaining('--storage-state') },
    ]);
    expect(report.warnings?.join('\n')).toMatch(/session-not-rotated-on-login not tested/);
    expect(firstPartyRules(report, 'app_session')).not.toContain('session-not-rotated-on-login');
    expect(r.stdout + r.stderr).not.toContain(secretValue);
    expect(r.stdout + r.stderr).not.toContain('local-secret-77aa');
  });

  it('--login-script: single sign-on on a second host in two steps; the kept session id is flagged', async () => {
    const file = script(`sso-${browser}.mjs`, SSO_SCRIPT);
    const r = await cli(
      ['--browser', browser, '--login-script', file, '--format', 'json', demo.urls.ssoAccount],
      {
        APP_ACCOUNT: demo.urls.ssoAccount,
        SSO_PASSWORD: DEMO_SSO_USER.password,
      },
    );
    expect(r.stderr).toContain(`Logged in: now at ${demo.urls.ssoAccount}`);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as MergeableReport;
    expect(requests.some((q) => q.host === DEMO_HOSTS.sso && q.path.startsWith('/password'))).toBe(true);
    expect(firstPartyRules(report, 'app_session')).toContain('session-not-rotated-on-login');
    expect(report.notTested).toBeUndefined();
    expect(r.stdout + r.stderr).not.toContain(DEMO_SSO_USER.password);
  });
});

describe.each(['chromium', 'firefox'] as const)('digest authentication, %s', (browser) => {
  const withDigestCredentials = (password: string) =>
    cli(
      [
        '--browser',
        browser,
        '--http-credentials',
        DEMO_HTTP_USER.username,
        '--password-env',
        'HTTP_PASSWORD',
        '--format',
        'json',
        demo.urls.digestAuth,
      ],
      { HTTP_PASSWORD: password },
    );

  it('--http-credentials answers a digest challenge of the audited origin', async () => {
    const r = await withDigestCredentials(DEMO_HTTP_USER.password);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as MergeableReport;
    expect(cookieNames(report)).toContain('digest_session');
    expect(report.warnings ?? []).toEqual([]);
    const digest = requests.filter((q) => q.host === DEMO_HOSTS.basic && q.path === '/digest/');
    // Challenged first (no credentials sent up front), then a real digest answer, never basic.
    expect(digest[0].headers.authorization).toBeUndefined();
    expect(digest.some((q) => q.headers.authorization?.startsWith('Digest '))).toBe(true);
    expect(digest.filter((q) => q.headers.authorization?.startsWith('Basic '))).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(DEMO_HTTP_USER.password);
  });

  it('a wrong password: answered a bounded number of times, then the 401 page with a hint', async () => {
    const r = await withDigestCredentials('not-the-password-9d2f');
    const answers = requests.filter(
      (q) => q.path === '/digest/' && q.headers.authorization?.startsWith('Digest '),
    );
    // Bounded: Chromium answers a request's challenge once; Firefox's retry after an answered
    // challenge is a new BiDi request, answered once more, then its 401 stands.
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.length).toBeLessThanOrEqual(browser === 'chromium' ? 1 : 2);
    expect(r.stdout + r.stderr).not.toContain('not-the-password-9d2f');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual([
      `${demo.urls.digestAuth}: the page answered HTTP 401 (audited as it is; the site asks for HTTP authentication (give --http-credentials USER --password-env VAR))`,
    ]);
  });

  it('without credentials: a line that says what is missing, never a hang', async () => {
    const r = await cli(['--browser', browser, '--format', 'json', demo.urls.digestAuth]);
    const hint = 'the site asks for HTTP authentication (give --http-credentials USER --password-env VAR)';
    if (browser === 'chromium') {
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(
        `cookie-audit: Could not open ${demo.urls.digestAuth}: ${hint} (ERR_INVALID_AUTH_CREDENTIALS)`,
      );
    } else {
      // Firefox shows the 401 page (the challenge is cancelled, not left to a prompt): audited as it is.
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).warnings).toEqual([
        `${demo.urls.digestAuth}: the page answered HTTP 401 (audited as it is; ${hint})`,
      ]);
    }
    expect(requests.filter((q) => q.headers.authorization)).toEqual([]);
  });
});

describe('login scripts that fail', () => {
  it('a script that throws: exit 2, one line naming the script, no stack, secrets scrubbed', async () => {
    const file = script(
      'throws.mjs',
      `export default async ({ env }) => { throw new Error('no button for ' + env.SSO_PASSWORD); };\n`,
    );
    const r = await cli(['--login-script', file, demo.urls.ssoAccount], {
      SSO_PASSWORD: DEMO_SSO_USER.password,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `cookie-audit: --login-script ${file} failed: no button for ***`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain(DEMO_SSO_USER.password);
  });

  it('a script that never resolves: exit 2 after --login-timeout, not a hang', async () => {
    const file = script('hangs.mjs', 'export default () => new Promise(() => {});\n');
    const started = Date.now();
    const r = await cli(['--login-script', file, '--login-timeout', '2', demo.urls.ssoAccount]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `cookie-audit: --login-script ${file} did not finish within 2 s (--login-timeout)`,
    );
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('a script waiting for a selector that never comes: the wait gives up with its name', async () => {
    const file = script(
      'waits.mjs',
      `export default async ({ page }) => { await page.waitForSelector('#nope', { timeout: 1000 }); };\n`,
    );
    const r = await cli(['--login-script', file, demo.urls.ssoAccount]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^cookie-audit: --login-script ${file} failed: .*#nope`),
    );
  });

  it('a module without a default function', async () => {
    const file = script('nodefault.mjs', 'export const login = 1;\n');
    const r = await cli(['--login-script', file, demo.urls.ssoAccount]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toContain('must export a function as default');
  });
});
