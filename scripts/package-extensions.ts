/**
 * `npm run package`: store-ready zips of both builds, named after package.json's version (the one
 * version source: vite.config.ts writes it into both manifests).
 *   artifacts/cookie-audit-chrome-<version>.zip   Chrome Web Store upload (manifest at the zip root)
 *   artifacts/cookie-audit-firefox-<version>.zip  addons.mozilla.org submission or self-distribution
 * Both go through `web-ext build`, which leaves out dot files; source maps are left out too, and a
 * manifest `key` (accepted unpacked, refused by the Chrome Web Store) stops the run. The Firefox
 * build must pass `web-ext lint` with no error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, DIST_FIREFOX, packageVersion, ROOT } from '../src/cli/paths.ts';

const ARTIFACTS = path.join(ROOT, 'artifacts');
const WEB_EXT = path.join(ROOT, 'node_modules', '.bin', 'web-ext');

function fail(message: string): never {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}

function webExt(args: string[]): void {
  const result = spawnSync(WEB_EXT, [...args, '--no-config-discovery'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`web-ext ${args[0]} failed`);
}

function checkBuild(dir: string, version: string): void {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) fail(`${path.relative(ROOT, file)} is missing: run \`npm run build\``);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; key?: unknown };
  if (manifest.version !== version) {
    fail(`${path.relative(ROOT, file)} says version ${manifest.version}, package.json ${version}: rebuild`);
  }
  if (manifest.key !== undefined) fail(`${path.relative(ROOT, file)} has a "key", which the stores refuse`);
  const maps = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.map'));
  if (maps.length > 0)
    console.log(`Leaving out ${maps.length} source map(s) of ${path.relative(ROOT, dir)}/`);
}

const version = packageVersion();
const targets = [
  { dir: DIST, name: `cookie-audit-chrome-${version}.zip` },
  { dir: DIST_FIREFOX, name: `cookie-audit-firefox-${version}.zip` },
];
for (const { dir } of targets) checkBuild(dir, version);
// Errors fail the run; the known warning is Preact's own innerHTML support.
webExt(['lint', '--source-dir', DIST_FIREFOX, '--output', 'text']);
for (const { dir, name } of targets) {
  webExt([
    'build',
    '--source-dir',
    dir,
    '--artifacts-dir',
    ARTIFACTS,
    '--filename',
    name,
    '--overwrite-dest',
    '--ignore-files',
    '**/*.map',
  ]);
}
console.log(`\nStore packages:\n${targets.map((t) => `  artifacts/${t.name}`).join('\n')}`);
