import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findChromium, ROOT } from '../../src/cli/chromium.ts';

/** The e2e suite needs the built extension and a real Chromium; build once if dist/ is missing. */
export default function setup(): void {
  findChromium();
  if (!existsSync(path.join(ROOT, 'dist', 'manifest.json'))) {
    const result = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('vite build failed');
  }
}
