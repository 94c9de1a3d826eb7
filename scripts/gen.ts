/** `npm run gen`: rewrites every generated file (scripts/generated.ts) from its sources. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/cli/paths.ts';
import { GENERATED } from './generated.ts';

for (const { file, from, render } of GENERATED) {
  const full = path.join(ROOT, file);
  const next = render();
  let current = '';
  try {
    current = readFileSync(full, 'utf8');
  } catch {
    // Not there yet: written below.
  }
  if (current === next) {
    console.log(`${file}: up to date`);
  } else {
    writeFileSync(full, next);
    console.log(`${file}: written from ${from}`);
  }
}
