/**
 * The package version, read from the package.json next to the code: `src/` in a clone and
 * `dist-node/` in the installed package both sit one level below it.
 */
import { readFileSync } from 'node:fs';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
