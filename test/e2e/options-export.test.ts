/**
 * The options page and the export buttons in real Chromium: settings saved from the page re-grade
 * open tabs and change the badge, a corrupt storage.sync value falls back to the defaults with a
 * notice, and the popup's exports arrive as downloads (JSON schema-valid, SARIF schema-valid).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/cli/chromium.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import {
  badgeText,
  type Env,
  eventually,
  openPopup,
  reportSchemaErrors,
  startEnv,
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

async function openOptions(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.options}`);
  await page.getByLabel('Ignored cookie names, one per line').waitFor();
  return page;
}

const sessionFindings = async (tabId: number) =>
  (await tabView(env, tabId)).audit?.cookies.find((c) => c.name === 'sessionid')?.findings.length ?? -1;

describe('options page', () => {
  it('is the manifest options page, prefilled with the defaults', async () => {
    const manifest = await env.ext.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { getManifest(): { options_ui?: { page: string } } } } }
      ).chrome.runtime.getManifest(),
    );
    expect(manifest.options_ui?.page).toBe(EXTENSION_PAGES.options);
    const page = await openOptions();
    expect(await page.getByLabel('Ignored cookie names, one per line').inputValue()).toContain('AWSALB');
    expect(await page.getByLabel(/lives longer than \(hours\)/).inputValue()).toBe('12');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('saving settings re-grades the open tab and follows the badge setting; a reload shows them', async () => {
    const { tabId } = await visit(env, env.demo.urls.insecure);
    const before = await tabView(env, tabId);
    expect(await sessionFindings(tabId)).toBeGreaterThan(0);
    await eventually(
      () => badgeText(env, tabId),
      (t) => t === before.audit!.grade,
    );

    const page = await openOptions();
    const ignore = page.getByLabel('Ignored cookie names, one per line');
    await ignore.fill(`${await ignore.inputValue()}\nsessionid`);
    await page.getByRole('radio', { name: 'Never show a badge' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Open tabs were re-graded').waitFor();

    const after = await eventually(
      () => tabView(env, tabId),
      (v) => v.audit?.cookies.find((c) => c.name === 'sessionid')?.findings.length === 0,
    );
    expect(after.audit!.cookies.find((c) => c.name === 'sessionid')!.findings).toEqual([]);
    expect(after.audit!.score).toBeGreaterThan(before.audit!.score);
    expect(
      await eventually(
        () => badgeText(env, tabId),
        (t) => t === '',
      ),
    ).toBe('');

    await page.reload();
    await page.getByLabel('Ignored cookie names, one per line').waitFor();
    expect((await page.getByLabel('Ignored cookie names, one per line').inputValue()).split('\n')).toContain(
      'sessionid',
    );
    expect(await page.getByRole('radio', { name: 'Never show a badge' }).isChecked()).toBe(true);

    // Back to the defaults: the grade returns on the badge.
    await page.getByRole('button', { name: 'Restore all defaults' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Open tabs were re-graded').waitFor();
    expect(
      await eventually(
        () => badgeText(env, tabId),
        (t) => t === before.audit!.grade,
      ),
    ).toBe(before.audit!.grade);
    await page.close();
  });

  it('a corrupt value in storage.sync: defaults in force, a notice on the page, no crash', async () => {
    const { tabId } = await visit(env, env.demo.urls.insecure);
    // First a valid setting that hides the session findings...
    await ask(env.ext, { type: 'set-settings', settings: { ignoreNames: ['sessionid'] } });
    expect(
      await eventually(
        () => sessionFindings(tabId),
        (n) => n === 0,
      ),
    ).toBe(0);
    // ...then something else writes garbage under the same key.
    await env.ext.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }
      ).chrome.storage.sync.set({
        cookieAuditSettings: {
          schema: 'cookie-audit-settings/1',
          ignoreNames: 'sessionid',
          sessionMaxLifetimeSeconds: -1,
        },
      }),
    );
    // The background followed storage.onChanged: the defaults are back, so the findings are too.
    expect(
      await eventually(
        () => sessionFindings(tabId),
        (n) => n > 0,
      ),
    ).toBeGreaterThan(0);
    const state = await ask(env.ext, { type: 'get-settings' });
    expect(state.settings).toEqual(state.defaults);
    expect(state.problems.join(' ')).toMatch(/ignoreNames must be a list/);

    const page = await openOptions();
    const notice = page.getByRole('alert');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /could not be used.*ignoreNames must be a list.*sessionMaxLifetimeSeconds/s,
    );
    expect(await page.getByLabel('Ignored cookie names, one per line').inputValue()).toContain('AWSALB');

    // A plain string (not even an object) behaves the same.
    await env.ext.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }
      ).chrome.storage.sync.set({
        cookieAuditSettings: '{"ignoreNames": [broken',
      }),
    );
    await page.reload();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/must be a JSON object/);
    // Saving the page replaces the corrupt value.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Open tabs were re-graded').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect((await ask(env.ext, { type: 'get-settings' })).problems).toEqual([]);
    await page.close();
  });
});

describe('settings beyond one storage.sync item', () => {
  it('a long ignore list (the options page or --config) saves, applies and reads back whole', async () => {
    const { tabId } = await visit(env, env.demo.urls.insecure);
    // About 30 KB of names: four times storage.sync's 8,192-byte item quota.
    const names = [
      ...Array.from({ length: 300 }, (_, i) => `long_ignored_cookie_${i}_${'x'.repeat(80)}`),
      'sessionid',
    ];
    const saved = await ask(env.ext, { type: 'set-settings', settings: { ignoreNames: names } });
    expect(saved.problems).toEqual([]);
    expect(saved.settings.ignoreNames).toEqual(names);
    expect(
      await eventually(
        () => sessionFindings(tabId),
        (n) => n === 0,
      ),
    ).toBe(0);
    const stored = await env.ext.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { get(k: null): Promise<object> } } } }
      ).chrome.storage.sync.get(null),
    );
    for (const [key, value] of Object.entries(stored))
      expect(new TextEncoder().encode(key + JSON.stringify(value)).length, key).toBeLessThanOrEqual(8192);
    const page = await openOptions();
    expect((await page.getByLabel('Ignored cookie names, one per line').inputValue()).split('\n')).toEqual(
      names,
    );
    await page.close();
    await ask(env.ext, { type: 'set-settings', settings: {} });
  });
});

describe('export from the popup', () => {
  it('downloads the tab report as JSON, Markdown and SARIF', async () => {
    const { tabId } = await visit(env, env.demo.urls.insecure);
    const popup = await openPopup(env, tabId);
    const download = async (name: string) => {
      const [file] = await Promise.all([
        popup.waitForEvent('download'),
        popup.getByRole('button', { name }).click(),
      ]);
      const filePath = await file.path();
      return { name: file.suggestedFilename(), text: readFileSync(filePath, 'utf8') };
    };
    const json = await download('Export JSON');
    expect(json.name).toMatch(/^cookie-audit-[\d-]+\.json$/);
    const report = JSON.parse(json.text);
    expect(await reportSchemaErrors(report)).toEqual([]);
    expect(report.sites).toHaveLength(1);
    expect(report.sites[0].origin).toBe(new URL(env.demo.urls.insecure).origin);

    const md = await download('Export Markdown');
    expect(md.name).toMatch(/\.md$/);
    expect(md.text).toContain(`grade ${report.sites[0].grade} (score ${report.sites[0].score})`);
    expect(md.text).toMatch(/\| `sessionid` \| session \| \*\*High\*\*/);

    const sarif = await download('Export SARIF');
    expect(sarif.name).toMatch(/\.sarif$/);
    const log = JSON.parse(sarif.text);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    await popup.close();
  });

  it('downloads every site from the full-page report', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/${EXTENSION_PAGES.report}`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown report' }).click(),
    ]);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text).toContain('| Site | Grade | Score |');
    expect(text).toContain(new URL(env.demo.urls.insecure).origin);
    await page.close();
  });
});
