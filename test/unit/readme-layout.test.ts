/** The README's layout table names every top-level folder and every folder of src/. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths.ts';

/** Folders that are built, installed or written by runs, never committed. */
const NOT_SOURCES = new Set([
  'node_modules',
  'dist',
  'dist-firefox',
  'dist-node',
  'artifacts',
  'test-results',
  'web-ext-artifacts',
  '.git',
]);

const folders = (dir: string) =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !NOT_SOURCES.has(e.name))
    .map((e) => `${dir ? `${dir}/` : ''}${e.name}/`);

describe('README layout table', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const layout = readme.slice(readme.indexOf('## Layout'));
  const listed = new Set([...layout.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));

  it('lists every top-level folder', () => {
    const top = folders('').filter((f) => f === '.ci/' || !f.startsWith('.'));
    expect(top.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('lists every folder of src/', () => {
    expect(folders('src').filter((f) => !listed.has(f))).toEqual([]);
  });

  it('links the architecture page and the contributor guide', () => {
    expect(layout).toContain('(docs/architecture.md)');
    expect(layout).toContain('(CONTRIBUTING.md)');
  });
});
