/**
 * What keeps `npm run check` fast without losing a test: the fuzz and property counts follow
 * TEST_DEPTH (test/helpers/depth.ts) — `npm test`, so CI, runs the full counts, only the check the
 * quick ones — and no unit or component test starts a process; those live in the integration, scripts
 * and e2e projects, which `npm test` runs and the check does not.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

describe('the unit and component projects', () => {
  /** Imports that start a process or a browser: the CLI binary, child processes, the browser drivers. */
  const STARTS_A_PROCESS =
    /from '(?:node:)?child_process'|from '[^']*helpers\/cli-runner(?:\.ts)?'|from '(?:playwright-core|puppeteer-core)'/;

  it('start no process and no browser (such tests go to test/integration or test/e2e)', () => {
    const offenders: string[] = [];
    for (const folder of ['test/unit', 'test/component']) {
      for (const file of readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })) {
        if (!/\.test\.tsx?$/.test(file)) continue;
        const text = readFileSync(path.join(ROOT, folder, file), 'utf8');
        if (STARTS_A_PROCESS.test(text)) offenders.push(`${folder}/${file}`);
      }
    }
    expect(offenders).toEqual([]);
    // The pattern does catch what moved out.
    expect(readFileSync(path.join(ROOT, 'test/integration/cli/cli-offline.test.ts'), 'utf8')).toMatch(
      STARTS_A_PROCESS,
    );
  });
});
