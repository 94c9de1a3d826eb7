/**
 * cookie-audit/playwright against the demo site in real Chromium (Debian's, through playwright-core),
 * in a browser WITHOUT the extension, compared with the extension's verdicts for the same pages.
 * Playwright's own Firefox and WebKit builds cannot be downloaded here, so they are not run.
 */
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, findChromium } from '../../src/cli/chromium.ts';
import type { ReportWithWarnings, SiteAudit } from '../../src/core/index.ts';
import { DEMO_USER, HOST_RESOLVER_RULES } from '../../src/demo/server.ts';
import {
  assertNoFindings,
  auditPage,
  CookieFindingsError,
  watchCookies,
} from '../../src/playwright/index.ts';
import { reportSchemaErrors } from '../helpers/report-schema.ts';
import { type Env, eventually, startEnv, visit } from './harness.ts';

let env: Env;
let plain: Browser;

beforeAll(async () => {
  // The extension's browser (for its verdicts) and the demo site.
  env = await startEnv();
  // A plain Chromium: no extension, only Playwright's API.
  plain = await chromium.launch({
    executablePath: findChromium(),
    args: [`--host-resolver-rules=${HOST_RESOLVER_RULES}`, '--no-sandbox', '--disable-gpu'],
  });
});

afterAll(async () => {
  await plain?.close();
  await env?.close();
});

/** What a verdict is made of: grade, score, site rules, and each first-party cookie's rules. */
function verdict(site: SiteAudit) {
  return {
    origin: site.origin,
    grade: site.grade,
    score: site.score,
    siteRules: site.findings.map((f) => `${f.rule}:${f.severity}`).sort(),
    cookies: Object.fromEntries(
      site.cookies
        .filter((c) => !c.thirdParty)
        .map((c) => [
          `${c.name}|${c.domain}|${c.path}`,
          { sameSite: c.sameSite, rules: c.findings.map((f) => `${f.rule}:${f.severity}`).sort() },
        ]),
    ),
  };
}

async function extensionVerdict(url: string, finalOrigin: string) {
  const { tabId, page } = await visit(env, url);
  // The jar read that follows the load lands a moment later: wait until the audit stops changing.
  let last = '';
  const report = await eventually(
    () => ask(env.ext, { type: 'get-report', origins: [finalOrigin] }),
    (r) => {
      const key = JSON.stringify(r.sites.map(verdict));
      const stable = r.sites.length === 1 && key === last;
      last = key;
      return stable;
    },
  );
  await page.close();
  expect(tabId).toBeGreaterThan(0);
  return verdict(report.sites[0]);
}

async function helperAudit(url: string, watched: boolean): Promise<ReportWithWarnings> {
  const context = await plain.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  if (watched) await watchCookies(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const report = await auditPage(page);
  const jarValues = (await context.cookies()).map((c) => c.value).filter((v) => v.length >= 6);
  await context.close();
  // Never a raw cookie value in the report.
  const text = JSON.stringify(report);
  expect(jarValues.length).toBeGreaterThan(0);
  for (const value of jarValues) expect(text).not.toContain(value);
  return report;
}

describe('cookie-audit/playwright in Chromium without the extension', () => {
  it('fails the insecure demo page, with a readable list, and grades it as the extension does', async () => {
    const report = await helperAudit(env.demo.urls.insecure, true);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.sites.map((s) => s.origin)).toEqual([new URL(env.demo.urls.insecure).origin]);
    expect(report.sites[0].grade).toBe('F');

    let thrown: unknown;
    try {
      assertNoFindings(report, { atOrAbove: 'high' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CookieFindingsError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^Cookie Audit: \d+ finding\(s\) at or above high:/);
    expect(message).toContain('[high] sessionid: session-missing-secure');
    expect(message).toContain(`${new URL(env.demo.urls.insecure).origin} (grade F)`);

    const fromExtension = await extensionVerdict(
      env.demo.urls.insecure,
      new URL(env.demo.urls.insecure).origin,
    );
    expect(verdict(report.sites[0])).toEqual(fromExtension);
    // The JavaScript-set cookie: Playwright's jar says Lax, the watched write says no SameSite.
    expect(fromExtension.cookies[`ui_theme|${new URL(env.demo.urls.insecure).hostname}|/`]?.sameSite).toBe(
      'unspecified',
    );
  });

  it('passes the hardened demo page (reached over http://, redirected) as the extension grades it', async () => {
    const report = await helperAudit(env.demo.urls.hardenedHttp, true);
    const origin = new URL(env.demo.urls.hardened).origin;
    expect(report.sites.map((s) => s.origin)).toEqual([origin]);
    expect(() => assertNoFindings(report, { atOrAbove: 'high' })).not.toThrow();
    expect(reportSchemaErrors(report)).toEqual([]);
    const fromExtension = await extensionVerdict(env.demo.urls.hardenedHttp, origin);
    expect(verdict(report.sites[0])).toEqual(fromExtension);
  });

  it('sees a login that keeps the session id (legacy) and one that renews it (secure)', async () => {
    const loginThenAudit = async (loginUrl: string) => {
      const context = await plain.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await watchCookies(context);
      await page.goto(loginUrl, { waitUntil: 'load' });
      await page.fill('input[name="username"]', DEMO_USER.username);
      await page.fill('input[name="password"]', DEMO_USER.password);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type="submit"]')]);
      const report = await auditPage(context);
      await context.close();
      expect(JSON.stringify(report)).not.toContain(DEMO_USER.password);
      const origin = new URL(loginUrl).origin;
      return report.sites.find((s) => s.origin === origin)!;
    };
    const rulesOf = (site: SiteAudit, name: string) =>
      site.cookies.find((c) => c.name === name)?.findings.map((f) => f.rule) ?? [];
    const legacy = await loginThenAudit(env.demo.urls.legacyLogin);
    expect(rulesOf(legacy, 'sessionid')).toContain('session-not-rotated-on-login');
    expect(rulesOf(legacy, 'user_id')).toContain('identity-in-plain-cookie');
    const secure = await loginThenAudit(env.demo.urls.secureLogin);
    expect(secure.cookies.length).toBeGreaterThan(0);
    expect(rulesOf(secure, '__Host-sid')).not.toContain('session-not-rotated-on-login');
  });

  it('audits from page.requests() without watchCookies, and says what it could not tell', async () => {
    const report = await helperAudit(env.demo.urls.insecure, false);
    expect(report.sites[0].grade).toBe('F');
    expect(() => assertNoFindings(report)).toThrow(CookieFindingsError);
    expect(report.warnings?.join(' ')).toContain('ui_theme');
  });

  it('applies the same settings as --config (validated)', async () => {
    const context = await plain.newContext();
    const page = await context.newPage();
    await watchCookies(context);
    await page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    const report = await auditPage(context, {
      settings: { ignoreNames: ['sessionid', 'csrftoken', 'tracking_pref', 'ui_theme'] },
    });
    for (const c of report.sites[0].cookies) expect(c.findings).toEqual([]);
    await expect(auditPage(context, { settings: { ignoreNames: 'sessionid' } })).rejects.toThrow(
      /Invalid settings/,
    );
    await context.close();
  });
});
