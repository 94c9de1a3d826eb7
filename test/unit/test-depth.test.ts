/**
 * The fuzz and property counts follow TEST_DEPTH (test/helpers/depth.ts): `npm test`, so CI, runs the
 * full counts, only `npm run check` the quick ones, and the browser- and process-starting projects
 * stay out of the check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths.ts';
import { runsFor, testDepth } from '../helpers/depth.ts';

const scripts: Record<string, string> = JSON.parse(
  readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
).scripts;
/** The `vitest run …` command of a script, with the environment assignments just before it. */
const vitestCommand = (script: string) =>
  /(?:^|&& )((?:[A-Z_]+=\S+ )*vitest run[^&]*)/.exec(scripts[script])?.[1];

describe('TEST_DEPTH', () => {
  const counts = { quick: 1, full: 10, deep: 100 };

  it('is full when unset, and picks the count of the depth given', () => {
    expect(testDepth({})).toBe('full');
    expect(runsFor(counts, {})).toBe(10);
    expect(runsFor(counts, { TEST_DEPTH: 'quick' })).toBe(1);
    expect(runsFor(counts, { TEST_DEPTH: 'full' })).toBe(10);
    expect(runsFor(counts, { TEST_DEPTH: 'deep' })).toBe(100);
  });

  it('refuses any other value rather than guess a count', () => {
    for (const value of ['', 'Quick', 'fast', '1000'])
      expect(() => testDepth({ TEST_DEPTH: value })).toThrow('TEST_DEPTH must be one of quick, full, deep');
  });
});

describe('the npm scripts', () => {
  it('npm test runs every project at full depth, whatever the shell exported', () => {
    expect(vitestCommand('test')).toBe('TEST_DEPTH=full vitest run');
  });

  it('npm run check runs only the unit and component projects, at quick depth', () => {
    expect(vitestCommand('check')).toMatch(
      /^TEST_DEPTH=quick vitest run --project unit --project component\b/,
    );
    expect(scripts.check).not.toMatch(/--project (integration|scripts|e2e)\b/);
  });

  it('npm run fuzz runs deep', () => {
    expect(vitestCommand('fuzz')).toMatch(/^TEST_DEPTH=deep vitest run /);
  });

  it('CI runs npm test and leaves the depth alone', () => {
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
    expect(ci).not.toContain('TEST_DEPTH');
  });
});
