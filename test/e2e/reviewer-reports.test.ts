/**
 * Reports a reviewer hands on, in real Chromium: each cookie says who set it (the popup card and the
 * report), the popup's and the full-page report's HTML and CSV downloads (self-contained, no script,
 * no cookie value, rendered like the page — a screenshot goes to docs/), and "Accept risk…": the
 * grade changes, the reason is shown, it survives a worker restart, and the options page removes it.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/cli/chromium.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import {
  type Env,
  eventually,
  openPopup,
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

/** Every cookie value the browser holds for the demo hosts (six characters or more: a real token). */
async function jarValues(): Promise<string[]> {
  const cookies = (await env.ext.evaluate(() =>
    (
      globalThis as unknown as { chrome: { cookies: { getAll(q: object): Promise<{ value: string }[]> } } }
    ).chrome.cookies.getAll({}),
  )) as { value: string }[];
  return cookies.map((c) => c.value).filter((v) => v.length >= 6);
}

async function download(page: Page, name: string): Promise<{ name: string; text: string; file: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  const filePath = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(filePath, 'utf8'), file: filePath };
}

async function login(): Promise<{ page: Page; tabId: number }> {
  const { page, tabId } = await visit(env, env.demo.urls.legacyLogin);
  await page.fill('input[name=username]', 'demo');
  await page.fill('input[name=password]', 'demo-password');
  await Promise.all([page.waitForURL(/\/account$/), page.click('button[type=submit]')]);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  return { page, tabId };
}

describe('provenance', () => {
  it('the popup card says which response set a cookie, or that a page script did', async () => {
    const { page, tabId } = await login();
    // The home page sets ui_theme from JavaScript (document.cookie): no Set-Cookie for it.
    await page.goto(env.demo.urls.insecure, { waitUntil: 'load' });
    const view = await eventually(
      () => tabView(env, tabId),
      (v) =>
        !!v.audit?.cookies.some((c) => c.name === 'user_id') &&
        !!v.audit?.cookies.some((c) => c.name === 'ui_theme'),
    );
    const userId = view.audit!.cookies.find((c) => c.name === 'user_id')!;
    expect(userId.provenance?.first).toMatchObject({
      by: 'response',
      method: 'POST',
      status: 303,
      mainFrame: true,
    });
    expect(userId.provenance?.first.url).toMatch(/\/login$/);
    const theme = view.audit!.cookies.find((c) => c.name === 'ui_theme')!;
    expect(theme.provenance?.first.by).toBe('script');

    const popup = await openPopup(env, tabId);
    // The list is windowed: filter so the card is rendered.
    const filter = popup.getByLabel('Filter cookies by text');
    await filter.fill('user_id');
    const card = popup.locator('article', { has: popup.getByRole('heading', { name: 'user_id' }) });
    await expect
      .poll(() => card.locator('.provenance').textContent())
      .toContain('Set by POST /login (303, main frame)');
    await filter.fill('ui_theme');
    const themeCard = popup.locator('article', { has: popup.getByRole('heading', { name: 'ui_theme' }) });
    expect(await themeCard.locator('.provenance').textContent()).toContain('a page script');
    await popup.close();
  });
});

describe('HTML and CSV downloads', () => {
  it('the popup exports its site as CSV and HTML, without a value', async () => {
    const { tabId } = await visit(env, env.demo.urls.insecure);
    await eventually(
      () => tabView(env, tabId),
      (v) => v.status === 'observed',
    );
    const popup = await openPopup(env, tabId);
    const csv = await download(popup, 'Export CSV');
    expect(csv.name).toMatch(/^cookie-audit-[\d-]+\.csv$/);
    const rows = csv.text.split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^"site","name","domain","host_only"/);
    expect(rows.some((r) => r.includes('"sessionid"'))).toBe(true);
    const html = await download(popup, 'Export HTML');
    expect(html.name).toMatch(/\.html$/);
    expect(html.text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.text).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/,
    );
    expect(html.text).not.toMatch(/<script/i);
    const values = await jarValues();
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) {
      expect(csv.text).not.toContain(v);
      expect(html.text).not.toContain(v);
    }
    await popup.close();
  });

  it('the full-page report downloads the HTML of every site, which renders with nothing fetched', async () => {
    await visit(env, env.demo.urls.hardened);
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.report}`);
    const html = await download(page, 'Download HTML report');
    expect(html.text).toContain('Summary');
    expect((html.text.match(/class="site-report"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(html.text).toContain('What this audit could not see');
    const csv = await download(page, 'Download CSV report');
    expect(csv.text.split('\r\n').filter(Boolean).length).toBeGreaterThan(3);
    for (const v of await jarValues()) {
      expect(html.text).not.toContain(v);
      expect(csv.text).not.toContain(v);
    }
    await page.close();

    // Opened as a file, the report asks for nothing and its CSP blocks any script.
    const saved = path.join(mkdtempSync(path.join(tmpdir(), 'cookie-audit-report-')), html.name);
    copyFileSync(html.file, saved);
    for (const scheme of ['light', 'dark'] as const) {
      const view = await env.browser.context.newPage();
      const requests: string[] = [];
      view.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await view.emulateMedia({ colorScheme: scheme });
      await view.setViewportSize({ width: 1000, height: 900 });
      await view.goto(`file://${saved}`);
      expect(await view.locator('h1').textContent()).toBe('Cookie Audit report');
      const background = await view.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
      await screenshot(view, `report-html-${scheme}`, `report-html-${scheme}.png`);
      expect(requests).toEqual([]);
      await view.close();
    }
  });
});

describe('Accept risk…', () => {
  it('changes the grade, shows the reason, survives a worker restart, and the options page removes it', async () => {
    // A site missing only HSTS (B+): accepting that finding must lift the grade.
    const { page: site, tabId } = await visit(env, env.demo.urls.noHsts);
    const before = await eventually(
      () => tabView(env, tabId),
      (v) => !!v.audit?.findings.some((f) => f.rule === 'hsts-missing'),
    );
    const popup = await openPopup(env, tabId);
    const finding = popup.locator('.site-findings li.finding', { hasText: 'hsts-missing' });
    await finding.getByRole('button', { name: 'Accept risk…' }).click();
    const dialog = popup.getByRole('dialog', { name: 'Accept risk' });
    await dialog.waitFor();
    // No reason: the form does not submit.
    await dialog.getByRole('button', { name: 'Accept risk' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Reason (required)').fill('HSTS is added by the CDN in production');
    await dialog.getByLabel(/^Until/).fill('2099-12-31');
    await dialog.getByRole('button', { name: 'Accept risk' }).click();
    await dialog.waitFor({ state: 'detached' });

    const after = await eventually(
      () => tabView(env, tabId),
      (v) => v.audit!.score > before.audit!.score,
    );
    expect(after.audit!.score).toBeGreaterThan(before.audit!.score);
    expect(after.audit!.grade).not.toBe(before.audit!.grade);
    expect(after.audit!.findings.find((f) => f.rule === 'hsts-missing')!.accepted).toEqual({
      reason: 'HSTS is added by the CDN in production',
      until: '2099-12-31',
    });
    await expect
      .poll(() => finding.textContent())
      .toContain('accepted risk HSTS is added by the CDN in production');
    await expect
      .poll(() => popup.locator('.grade-line').textContent())
      .toContain(`Grade ${after.audit!.grade}`);
    await screenshot(popup, 'popup-accepted-risk');
    await popup.close();
    const origin = new URL(env.demo.urls.noHsts).origin;
    expect((await ask(env.ext, { type: 'get-settings' })).settings.acceptedRisks).toEqual([
      {
        rule: 'hsts-missing',
        site: origin,
        reason: 'HSTS is added by the CDN in production',
        until: '2099-12-31',
      },
    ]);

    // The worker restarts (memory lost): the acceptance comes back from storage.sync.
    await stopServiceWorker(env);
    await site.reload();
    const restarted = await eventually(
      () => tabView(env, tabId),
      (v) => v.status === 'observed' && v.audit?.score === after.audit!.score,
    );
    expect(restarted.audit!.grade).toBe(after.audit!.grade);
    const again = await openPopup(env, tabId);
    await expect
      .poll(() => again.locator('.site-findings li.finding', { hasText: 'hsts-missing' }).textContent())
      .toContain('HSTS is added by the CDN in production');
    await again.close();

    // The full-page report offers it on cookie findings too, and shows the reason after.
    const { tabId: prefixesTab } = await visit(env, env.demo.urls.prefixes);
    const prefixesBefore = await eventually(
      () => tabView(env, prefixesTab),
      (v) => !!v.audit?.cookies.some((c) => c.name === '__Host-lang'),
    );
    const report = await env.browser.context.newPage();
    await report.goto(`chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.report}`);
    const prefixesOrigin = new URL(env.demo.urls.prefixes).origin;
    const section = report.locator('section.site-report', {
      has: report.getByRole('heading', { name: prefixesOrigin, level: 2 }),
    });
    const card = section.locator('article', { has: report.getByRole('heading', { name: '__Host-lang' }) });
    const cookieFinding = card.locator('li.finding', { hasText: 'prefix-host-invalid' });
    await cookieFinding.getByRole('button', { name: 'Accept risk…' }).click();
    const reportDialog = report.getByRole('dialog', { name: 'Accept risk' });
    await reportDialog.getByLabel('Reason (required)').fill('Language cookie, no security value');
    await reportDialog.getByRole('button', { name: 'Accept risk' }).click();
    await expect
      .poll(() => cookieFinding.textContent())
      .toContain('accepted risk Language cookie, no security value');
    const prefixesAfter = await tabView(env, prefixesTab);
    expect(prefixesAfter.audit!.score).toBeGreaterThan(prefixesBefore.audit!.score);
    await report.close();

    // The options page lists both and removes them: the grades go back.
    const options = await env.browser.context.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.options}`);
    const table = options.locator('table.risks-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toContain('HSTS is added by the CDN in production');
    await options.getByRole('button', { name: 'Remove the accepted risk hsts-missing' }).click();
    await options
      .getByRole('button', { name: 'Remove the accepted risk prefix-host-invalid on __Host-lang' })
      .click();
    expect(await options.locator('table.risks-table').count()).toBe(0);
    await options.getByRole('button', { name: 'Save settings' }).click();
    await options.getByText('Saved. Open tabs were re-graded').waitFor();
    const back = await eventually(
      () => tabView(env, tabId),
      (v) => v.audit?.score === before.audit!.score,
    );
    expect(back.audit!.grade).toBe(before.audit!.grade);
    expect((await ask(env.ext, { type: 'get-settings' })).settings.acceptedRisks).toEqual([]);
    await options.close();
  });
});
