/**
 * The same extension in real headless Firefox ESR (puppeteer-core over WebDriver BiDi): the
 * behaviours that matter most, on the demo site.
 */

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askFirefox,
  type FirefoxExtensionBrowser,
  firefoxBadgeText,
  openTrackedFirefoxPage,
} from '../../src/cli/firefox.ts';
import type { DemoSite } from '../../src/demo/server.ts';
import type { TabView } from '../../src/messages.ts';
import { EXTENSION_PAGES } from '../../src/pages.ts';
import {
  eventually,
  type FirefoxEnv,
  reportSchemaErrors,
  runCli,
  SCREENSHOTS,
  sleep,
  startFirefoxEnv,
  waitForFirefoxText,
} from './harness.ts';

let env: FirefoxEnv;
let demo: DemoSite;
let firefox: FirefoxExtensionBrowser;
let ext: Page;

const view = (tabId: number) => askFirefox(ext, { type: 'get-tab-view', tabId });

async function visit(url: string): Promise<number> {
  const { page, tabId } = await openTrackedFirefoxPage(firefox.browser, ext);
  await page.goto(url, { waitUntil: 'load' });
  await eventually(
    () => view(tabId),
    (v) => v.status === 'observed',
  );
  return tabId;
}

beforeAll(async () => {
  // The event page is suspended after 3 idle seconds: a real background restart, as Firefox does.
  env = await startFirefoxEnv({ backgroundIdleSeconds: 3 });
  ({ demo, firefox, ext } = env);
});

afterAll(async () => {
  await env?.close();
});

describe('extension in Firefox on the demo site', () => {
  let insecureTab: number;
  let hardenedTab: number;
  let insecureView: TabView;

  it('grades the insecure and the hardened page differently, on the badge too', async () => {
    insecureTab = await visit(demo.urls.insecure);
    hardenedTab = await visit(demo.urls.hardened);
    insecureView = await eventually(
      () => view(insecureTab),
      (v) => !!v.audit?.cookies.some((c) => c.name === 'ui_theme'),
    );
    const hardened = await view(hardenedTab);
    expect(insecureView.audit!.score).toBeLessThan(hardened.audit!.score);
    expect(insecureView.audit!.grade).not.toBe(hardened.audit!.grade);
    expect(
      await eventually(
        () => firefoxBadgeText(ext, insecureTab),
        (t) => t === insecureView.audit!.grade,
      ),
    ).toBe(insecureView.audit!.grade);
    expect(
      await eventually(
        () => firefoxBadgeText(ext, hardenedTab),
        (t) => t === hardened.audit!.grade,
      ),
    ).toBe(hardened.audit!.grade);
  });

  it('reads Set-Cookie lines joined by newlines and rejects SameSite=None without Secure', () => {
    const cookies = insecureView.audit!.cookies;
    const session = cookies.find((c) => c.name === 'sessionid')!;
    expect(session.source).toEqual(expect.arrayContaining(['header', 'jar']));
    expect(session.findings.map((f) => f.rule)).toContain('session-missing-httponly');
    const tracking = cookies.find((c) => c.name === 'tracking_pref')!;
    expect(tracking.findings.map((f) => f.rule)).toContain('samesite-none-insecure');
  });

  it('sees the cookie set from JavaScript', () => {
    const js = insecureView.audit!.cookies.find((c) => c.name === 'ui_theme')!;
    expect(js.source).toEqual(['jar']);
  });

  it('agrees with Firefox (143+) on the __Http- prefixes', async () => {
    const tabId = await visit(demo.urls.prefixes);
    const v = await eventually(
      () => view(tabId),
      (x) => !!x.audit?.cookies.find((c) => c.name === '__Host-Http-sid')?.source.includes('jar'),
    );
    const sid = v.audit!.cookies.find((c) => c.name === '__Host-Http-sid')!;
    expect(sid.findings.map((f) => f.rule)).not.toContain('prefix-http-invalid');
    const ui = v.audit!.cookies.find((c) => c.name === '__Http-ui_state')!;
    // Firefox refused it too: it never reached the jar.
    expect(ui.source).toEqual(['header']);
    expect(ui.findings.map((f) => f.rule)).toContain('prefix-http-invalid');

    // Firefox keeps a __Host- cookie without a Path attribute (default path /); Chromium does not.
    // The finding stands, and the popup says this browser stored it anyway.
    const lang = await eventually(
      async () => (await view(tabId)).audit!.cookies.find((c) => c.name === '__Host-lang')!,
      (c) => c.source.includes('jar'),
    );
    expect(lang.rejected).toEqual(['prefix-host-invalid']);
    expect(lang.storedDespiteRejection).toBe(true);
    // The engine knows it before the jar says so: the Firefox build models Firefox's own rules.
    expect(lang.browserNote).toBe(
      'this browser stores this __Host- cookie without a Path attribute, since its path is / anyway (Chromium refuses it)',
    );
    expect(lang.findings.map((f) => f.rule)).toContain('prefix-host-invalid');
    const popup = await firefox.extensionPage(`${EXTENSION_PAGES.popup}?tabId=${tabId}`);
    const text = await eventually(
      () => popup.evaluate(() => document.body.innerText),
      (t) => t.includes('__Host-lang'),
    );
    expect(text).toContain('this browser stored it anyway');
    expect(text).toContain('Note: this browser stores this __Host- cookie without a Path attribute');
    await popup.setViewport({ width: 420, height: 800 });
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'firefox-popup-prefixes.png'), fullPage: true });
    await popup.close();
  });

  it('sees a session cookie sent in clear by fetch calls only (Path=/api)', async () => {
    const tabId = await visit(demo.urls.spa);
    const v = await eventually(
      () => view(tabId),
      (x) =>
        !!x.audit?.cookies
          .find((c) => c.name === 'api_session')
          ?.findings.some((f) => f.rule === 'session-sent-over-http'),
    );
    expect(v.audit!.cookies.find((c) => c.name === 'api_session')!.role).toBe('session');
  });

  it('shows the findings in the popup', async () => {
    const popup = await firefox.extensionPage(`${EXTENSION_PAGES.popup}?tabId=${insecureTab}`);
    const finding = insecureView.audit!.cookies.find((c) => c.name === 'sessionid')!.findings[0];
    const text = await eventually(
      () => popup.evaluate(() => document.body.innerText),
      (t) => t.includes('sessionid') && t.includes(finding.message),
    );
    expect(text).toContain('sessionid');
    expect(text).toContain(finding.message);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.setViewport({ width: 420, height: 800 });
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'firefox-popup-insecure.png'), fullPage: true });
    await popup.close();
  });

  it('keeps every finding when Firefox suspends and restarts the background', {
    timeout: 60_000,
  }, async () => {
    const before = await askFirefox(ext, { type: 'ping' });
    // Stay idle long enough for the event page to be suspended (3 s idle timeout; a late write of
    // the background itself counts as activity), then wake it with a message.
    let after = before;
    for (let attempt = 0; attempt < 4 && after.startedAt === before.startedAt; attempt++) {
      await sleep(6_000);
      after = await askFirefox(ext, { type: 'ping' });
    }
    expect(after.startedAt).not.toBe(before.startedAt);
    const restored = await view(insecureTab);
    expect(restored.audit!.grade).toBe(insecureView.audit!.grade);
    const names = (v: TabView) =>
      v.audit!.cookies.flatMap((c) => c.findings.map((f) => `${c.name}:${f.rule}`)).sort();
    expect(names(restored)).toEqual(names(insecureView));
  });
});

describe('options page in Firefox (storage.sync)', () => {
  it('saves settings that re-grade the open tab, keeps them across a reload, and restores the defaults', async () => {
    const tabId = await visit(demo.urls.insecure);
    // Wait for the cookie the page sets from JavaScript too, so that nothing else moves the grade.
    const before = await eventually(
      () => view(tabId),
      (v) =>
        (v.audit?.cookies.find((c) => c.name === 'sessionid')?.findings.length ?? 0) > 0 &&
        !!v.audit?.cookies.some((c) => c.name === 'ui_theme'),
    );
    const sessionRules = (v: TabView) =>
      v.audit!.cookies.find((c) => c.name === 'sessionid')!.findings.map((f) => f.rule);
    let options = await firefox.extensionPage(EXTENSION_PAGES.options);
    const ignore = await options.waitForSelector('#ignore-names');
    await ignore!.click();
    // The caret to the end of the list, then type a name as a user would.
    await ignore!.evaluate((el) => {
      const area = el as HTMLTextAreaElement;
      area.setSelectionRange(area.value.length, area.value.length);
    });
    await options.keyboard.type('\nsessionid');
    await options.click('button[type=submit]');
    await waitForFirefoxText(options, 'Saved. Open tabs were re-graded');
    const after = await eventually(
      () => view(tabId),
      (v) => v.audit?.cookies.find((c) => c.name === 'sessionid')?.findings.length === 0,
    );
    expect(after.audit!.score).toBeGreaterThan(before.audit!.score);

    // A fresh options page reads them back from storage.sync.
    await options.close();
    options = await firefox.extensionPage(EXTENSION_PAGES.options);
    await options.waitForSelector('#ignore-names');
    const saved = await options.$eval('#ignore-names', (el) => (el as HTMLTextAreaElement).value);
    expect(saved.split('\n')).toContain('sessionid');
    await options.setViewport({ width: 900, height: 1200 });
    await options.screenshot({ path: path.join(SCREENSHOTS, 'firefox-options.png') });

    await options.click('::-p-text(Restore all defaults)');
    await options.click('button[type=submit]');
    await waitForFirefoxText(options, 'Saved. Open tabs were re-graded');
    const restored = await eventually(
      () => view(tabId),
      (v) => (v.audit?.cookies.find((c) => c.name === 'sessionid')?.findings.length ?? 0) > 0,
    );
    expect(sessionRules(restored)).toEqual(sessionRules(before));
    expect(restored.audit!.grade).toBe(before.audit!.grade);
    await options.close();
  });
});

describe('cookie-audit --browser firefox', () => {
  it('audits the demo site in Firefox and prints a valid JSON report', async () => {
    const result = await runCli(['--browser', 'firefox', '--format', 'json']);
    expect(result.stderr).not.toMatch(/cookie-audit:/);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(await reportSchemaErrors(report)).toEqual([]);
    expect(report.sites).toHaveLength(2);
    expect(report.sites[0].grade).not.toBe(report.sites[1].grade);
  });
});
