/**
 * The vertical slice in real headless Chromium: raw headers → engine → badge → popup → CLI.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/cli/chromium.ts';
import { PACKAGE_JSON } from '../../src/cli/paths.ts';
import type { CookieAuditReport } from '../../src/core/index.ts';
import {
  badgeText,
  type Env,
  eventually,
  openPopup,
  reportSchemaErrors,
  runCli,
  screenshot,
  startEnv,
  stopServiceWorker,
  tabView,
  visit,
} from './harness.ts';

let env: Env;

beforeAll(async () => {
  env = await startEnv();
});

afterAll(async () => {
  await env?.close();
});

describe('extension in Chromium on the demo site', () => {
  let insecureTab: number;
  let hardenedTab: number;

  it('grades the insecure and the hardened page differently, and the badge matches the report', async () => {
    insecureTab = (await visit(env, env.demo.urls.insecure)).tabId;
    hardenedTab = (await visit(env, env.demo.urls.hardened)).tabId;

    const insecure = await eventually(
      () => tabView(env, insecureTab),
      (v) => !!v.audit?.cookies.some((c) => c.name === 'sessionid'),
    );
    const hardened = await tabView(env, hardenedTab);
    expect(insecure.audit?.grade).toBeDefined();
    expect(hardened.audit?.grade).toBeDefined();
    expect(insecure.audit!.score).toBeLessThan(hardened.audit!.score);
    expect(insecure.audit!.grade).not.toBe(hardened.audit!.grade);

    const insecureBadge = await eventually(
      () => badgeText(env, insecureTab),
      (t) => t === insecure.audit!.grade,
    );
    const hardenedBadge = await eventually(
      () => badgeText(env, hardenedTab),
      (t) => t === hardened.audit!.grade,
    );
    expect(insecureBadge).toBe(insecure.audit!.grade);
    expect(hardenedBadge).toBe(hardened.audit!.grade);
    expect(insecureBadge).not.toBe(hardenedBadge);

    const report = await ask(env.ext, { type: 'get-report', tabId: insecureTab });
    expect(report.sites[0].grade).toBe(insecureBadge);
  });

  it('flags the insecure session cookie with its rules and keeps no value', async () => {
    const view = await tabView(env, insecureTab);
    const session = view.audit!.cookies.find((c) => c.name === 'sessionid')!;
    expect(session.role).toBe('session');
    const rules = session.findings.map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'session-missing-secure',
        'session-missing-httponly',
        'session-missing-samesite',
      ]),
    );
    expect(session.value.redacted).toBe(true);
    expect(session.value.length).toBe(32);
    const tracking = view.audit!.cookies.find((c) => c.name === 'tracking_pref')!;
    expect(tracking.findings.map((f) => f.rule)).toContain('samesite-none-insecure');
    const hardened = await tabView(env, hardenedTab);
    const hostSid = hardened.audit!.cookies.find((c) => c.name === '__Host-sid')!;
    expect(hostSid.findings.filter((f) => f.severity === 'high' || f.severity === 'medium')).toEqual([]);
  });

  it('sees a cookie set from JavaScript', async () => {
    const view = await eventually(
      () => tabView(env, insecureTab),
      (v) => !!v.audit?.cookies.some((c) => c.name === 'ui_theme'),
    );
    const jsCookie = view.audit!.cookies.find((c) => c.name === 'ui_theme');
    expect(jsCookie?.source).toContain('jar');
    expect(jsCookie?.source).not.toContain('header');
  });

  it('renders the flagged cookie and its warning in the popup', async () => {
    const view = await tabView(env, insecureTab);
    const finding = view
      .audit!.cookies.find((c) => c.name === 'sessionid')!
      .findings.find((f) => f.rule === 'session-missing-secure')!;
    const popup = await openPopup(env, insecureTab);
    await popup.getByText('sessionid', { exact: true }).first().waitFor({ timeout: 10_000 });
    const text = await popup.locator('body').innerText();
    expect(text).toContain(view.audit!.grade);
    expect(text).toContain(finding.message);
    await screenshot(popup, 'popup-insecure-light');
    await popup.close();
  });

  it('keeps every finding after the service worker is stopped', async () => {
    const before = await tabView(env, insecureTab);
    await stopServiceWorker(env);
    const after = await tabView(env, insecureTab);
    expect(after.status).toBe('observed');
    expect(after.audit!.grade).toBe(before.audit!.grade);
    const findings = (v: typeof before) =>
      v.audit!.cookies.flatMap((c) => c.findings.map((f) => `${c.name}:${f.rule}`)).sort();
    expect(findings(after)).toEqual(findings(before));
    const popup = await openPopup(env, insecureTab);
    await popup.getByText('sessionid', { exact: true }).first().waitFor({ timeout: 10_000 });
    await popup.close();
  });
});

describe('cookie-audit CLI', () => {
  it('prints a JSON report of the demo site that validates against the schema', async () => {
    const result = await runCli(['--format', 'json']);
    expect(result.stderr).not.toMatch(/cookie-audit:/);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as CookieAuditReport;
    expect(await reportSchemaErrors(report)).toEqual([]);
    expect(report.generator.version).toBe(JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')).version);
    expect(report.sites).toHaveLength(2);
    expect(report.sites[0].grade).not.toBe(report.sites[1].grade);
  });

  it('exits 2 with a one-line message on a bad argument or an unreachable URL', async () => {
    const bad = await runCli(['--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--format');
    const down = await runCli(['http://127.0.0.1:9/']);
    expect(down.status).toBe(2);
    // One line for the error; a note that Chromium runs unsandboxed (as root) may come before it.
    expect(
      down.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('note: ')),
    ).toHaveLength(1);
    expect(down.stderr).toContain('Could not open http://127.0.0.1:9/');
  });
});
