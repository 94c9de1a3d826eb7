/**
 * Shared by the discovery, shard, merge, reach and login-script modules, without loading a browser
 * automation (chromium.ts loads playwright-core), so usage errors answer at once.
 */

import { addSecrets } from './output.ts';

export { UsageError } from './errors.ts';

/**
 * Remembers a secret met while running (a header value, a storage-state value, what a login script
 * read from env) for scrubbing; short strings would scrub ordinary words, so they are left.
 */
export function rememberSecret(value: string | undefined): void {
  if (typeof value === 'string' && value.length >= 4) {
    // Everything the CLI writes goes through output.ts, which masks these from now on.
    addSecrets([value]);
  }
}
