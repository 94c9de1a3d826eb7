import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '../../src/cli/chromium.ts';
import { findFirefox } from '../../src/cli/firefox.ts';
import { DIST, DIST_FIREFOX, ROOT } from '../../src/cli/paths.ts';

/** The e2e suites need both builds and real browsers; build once if a build is missing. */
export default function setup(): void {
  findChromium();
  findFirefox();
  if (
    !existsSync(path.join(DIST, 'manifest.json')) ||
    !existsSync(path.join(DIST_FIREFOX, 'manifest.json'))
  ) {
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm run build failed');
  }
}
