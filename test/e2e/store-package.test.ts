/**
 * `npm run package`'s zips as a store (or a user) gets them: the Chrome zip is unpacked into a temp
 * folder and THAT folder is loaded into Chromium, whose badge must grade the demo pages; both zips
 * carry the manifest at their root, package.json's version, no source map, no dot file and no `key`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVersion, ROOT } from '../../src/cli/paths.ts';
import { badgeText, type Env, eventually, startEnv, tabView, visit } from './harness.ts';

const version = packageVersion();
const CHROME_ZIP = path.join(ROOT, 'artifacts', `cookie-audit-chrome-${version}.zip`);
const FIREFOX_ZIP = path.join(ROOT, 'artifacts', `cookie-audit-firefox-${version}.zip`);

let unpacked: string;
let env: Env | undefined;

async function entries(zipFile: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(zipFile));
}

beforeAll(() => {
  // The packaging step itself (the builds are made by `npm test` / global setup before it).
  const result = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['scripts/package-extensions.ts'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(result.status, result.stderr + result.stdout).toBe(0);
  unpacked = mkdtempSync(path.join(tmpdir(), 'cookie-audit-store-zip-'));
}, 180_000);

afterAll(async () => {
  await env?.close();
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe('npm run package', () => {
  for (const [browser, file] of [
    ['Chrome', CHROME_ZIP],
    ['Firefox', FIREFOX_ZIP],
  ] as const) {
    it(`writes a store-ready ${browser} zip: manifest at the root, the package version, no dev files`, async () => {
      const zip = await entries(file);
      const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
      expect(names).toContain('manifest.json');
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
      expect(manifest.version).toBe(version);
      expect(manifest.key).toBeUndefined();
      expect(names.filter((n) => n.endsWith('.map'))).toEqual([]);
      expect(names.filter((n) => n.split('/').some((part) => part.startsWith('.')))).toEqual([]);
      expect(names.filter((n) => /\.(ts|tsx)$/.test(n) || n.startsWith('node_modules/'))).toEqual([]);
      if (browser === 'Firefox') {
        expect(manifest.browser_specific_settings.gecko.id).toBe('cookie-audit@cookie-audit.dev');
      } else {
        expect(manifest.background.service_worker).toBeTruthy();
      }
    });
  }

  it('loads the unpacked Chrome zip into Chromium, and its badge grades the demo pages', async () => {
    const zip = await entries(CHROME_ZIP);
    for (const [name, entry] of Object.entries(zip.files)) {
      const target = path.join(unpacked, name);
      if (entry.dir) mkdirSync(target, { recursive: true });
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, await entry.async('nodebuffer'));
      }
    }
    env = await startEnv({}, unpacked);
    const { browser, ext, demo } = env;
    // The loaded extension is the unpacked copy, not dist/: Chromium derives an unpacked
    // extension's id from its folder's path (SHA-256, first 32 hex digits written as a–p).
    const idOfFolder = createHash('sha256')
      .update(unpacked)
      .digest('hex')
      .slice(0, 32)
      .replace(/./g, (h) => String.fromCharCode(97 + Number.parseInt(h, 16)));
    expect(browser.extensionId).toBe(idOfFolder);
    const loadedFrom = await ext.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }
      ).chrome.runtime.getManifest(),
    );
    expect(loadedFrom.version).toBe(version);

    const insecure = await visit(env, demo.urls.insecure);
    const hardened = await visit(env, demo.urls.hardenedHttp);
    const grades: string[] = [];
    for (const { tabId } of [insecure, hardened]) {
      const view = await eventually(
        () => tabView(env!, tabId),
        (v) => !!v.audit && v.audit.cookies.length > 0,
      );
      const badge = await eventually(
        () => badgeText(env!, tabId),
        (t) => t === view.audit!.grade,
      );
      expect(badge).toBe(view.audit!.grade);
      grades.push(badge);
    }
    expect(grades[0]).toBe('F');
    expect(grades[1]).toMatch(/^A/);
  });
});
