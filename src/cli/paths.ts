/**
 * Where things are in this repository (or in the installed package): the one place the CLI,
 * `npm start`, the tests and the benchmark learn the root, the build folders and the extension's
 * page paths from.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository (or installed package) root. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The Chromium build of the extension (`npm run build`). */
export const DIST = path.join(ROOT, 'dist');
/** The Firefox build of the extension (`npm run build`). */
export const DIST_FIREFOX = path.join(ROOT, 'dist-firefox');
export const PACKAGE_JSON = path.join(ROOT, 'package.json');

/** The package's version, as reports and `--help` name it. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}
